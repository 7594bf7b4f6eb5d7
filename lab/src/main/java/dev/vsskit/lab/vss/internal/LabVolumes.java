package dev.vsskit.lab.vss.internal;

import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VolumeResolver;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lab's volumes as the coordinator sees them: {@code C:}, {@code C:\}, {@code C:\ClusterStorage\Volume1},
 * a volume GUID name, a share ({@code \\svm1\hvshare}) or the lab key ({@code Volume1}) all name a volume.
 * CSV volumes carry their ONTAP LUN (vendor NETAPP, product {@code LUN C-Mode}, serial, NAA id).
 */
public final class LabVolumes implements VolumeResolver {

    private final LabConfig config;

    /** The prefix of the lab's copy-on-write provider's snapshot ids in a volume store. */
    public static final String COW_SNAPSHOT_PREFIX = "vss-";

    /** Where a shadow's point-in-time files are read: the snapshot id in its volume's store. */
    public static String storeSnapshotId(VssId shadowId) {
        return COW_SNAPSHOT_PREFIX + shadowId.bare();
    }

    public LabVolumes(LabConfig config) {
        this.config = config;
    }

    @Override
    public Optional<VolumeTarget> resolve(String volume) {
        return find(volume).map(LabVolumes::target);
    }

    /** The lab volume a user's spelling names. */
    public Optional<LabVolume> find(String volume) {
        String want = normalise(volume);
        for (LabVolume v : config.volumes()) {
            if (normalise(v.path()).equals(want) || normalise(v.volumeName()).equals(want)
                    || v.key().equalsIgnoreCase(volume.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public List<LabVolume> all() {
        return config.volumes();
    }

    /** The lab volume behind a target the coordinator passes to a provider. */
    public Optional<LabVolume> of(VolumeTarget target) {
        return config.volumes().stream().filter(v -> v.volumeName().equals(target.volumeName())).findFirst();
    }

    static VolumeTarget target(LabVolume v) {
        List<LunInfo> luns = v.kind() == VolumeKind.CSV && v.lunSerial() != null
                ? List.of(new LunInfo("NETAPP", "LUN C-Mode", v.lunSerial(), v.naaId().orElse("")))
                : List.of();
        Optional<String> share = v.kind() == VolumeKind.SMB
                ? Optional.of(v.path().endsWith("\\") ? v.path().substring(0, v.path().length() - 1) : v.path())
                : Optional.empty();
        return new VolumeTarget(v.path(), v.volumeName(), luns, share);
    }

    private static String normalise(String s) {
        String t = s.trim().replace('/', '\\').toLowerCase(Locale.ROOT);
        if (t.length() == 2 && t.charAt(1) == ':') {
            t += "\\";
        }
        if (!t.endsWith("\\")) {
            t += "\\";
        }
        return t;
    }
}
