package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.lab.internal.LabDeviceNumbers;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.lab.vss.internal.LabVolumes;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Microsoft provider of the lab (System, CSV or File Share), taking shadows as copy-on-write snapshots
 * of the lab's volume stores ({@code <lab>/volumes/<key>/}): a commit records each volume's manifest and
 * copies no data, so its cost does not grow with the volume's size, and a shadow's bytes never change
 * afterwards, even when live files are rewritten in place through the store. The store snapshot of shadow
 * {@code {guid}} is named {@code vss-<guid>}. Committed shadows live in the stores, so another process
 * can delete them.
 */
final class LabCowProvider implements SnapshotProvider {

    static final String STORE_PREFIX = LabVolumes.COW_SNAPSHOT_PREFIX;

    private record Pending(VssId snapshotId, LabVolume volume) {
    }

    private final Path labDir;
    private final Provider info;
    private final Set<VolumeKind> kinds;
    private final LabVolumes volumes;
    private final Map<VssId, List<Pending>> pending = new HashMap<>();
    private final Map<VssId, List<Pending>> committed = new HashMap<>();
    private final Map<VssId, String> devices = new LinkedHashMap<>();

    public LabCowProvider(Path labDir, Provider info, Set<VolumeKind> kinds, LabVolumes volumes) {
        this.labDir = labDir;
        this.info = info;
        this.kinds = Set.copyOf(kinds);
        this.volumes = volumes;
    }

    @Override
    public Provider info() {
        return info;
    }

    @Override
    public boolean isSupported(VolumeTarget volume, SnapshotContext context) {
        return volumes.of(volume).map(v -> kinds.contains(v.kind())).orElse(false);
    }

    @Override
    public synchronized void beginPrepareSnapshot(VssId setId, VssId snapshotId, VolumeTarget volume,
            SnapshotContext context) {
        LabVolume v = volumes.of(volume).filter(x -> kinds.contains(x.kind()))
                .orElseThrow(() -> new VssException(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER,
                        "'" + info.name() + "' does not support " + volume.path()));
        pending.computeIfAbsent(setId, k -> new ArrayList<>()).add(new Pending(snapshotId, v));
    }

    /** Takes each prepared volume's snapshot; on any failure the ones already taken are removed again. */
    @Override
    public synchronized void commitSnapshots(VssId setId) {
        List<Pending> todo = pending.getOrDefault(setId, List.of());
        List<Pending> done = committed.computeIfAbsent(setId, k -> new ArrayList<>());
        try {
            for (Pending p : todo) {
                store(p.volume()).createSnapshot(STORE_PREFIX + p.snapshotId().bare());
                done.add(p);
            }
        } catch (IOException e) {
            throw new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR,
                    "'" + info.name() + "' could not take a snapshot: " + e.getMessage(), e);
        }
    }

    /** The set is final; its snapshots stay known to this instance so that an abort still removes them. */
    @Override
    public synchronized void postFinalCommitSnapshots(VssId setId) {
        pending.remove(setId);
    }

    @Override
    public synchronized void abortSnapshots(VssId setId) {
        pending.remove(setId);
        List<Pending> done = committed.remove(setId);
        if (done == null) {
            return;
        }
        for (Pending p : done) {
            try {
                store(p.volume()).deleteSnapshot(STORE_PREFIX + p.snapshotId().bare());
            } catch (IOException e) {
                throw new UncheckedIOException("'" + info.name() + "' could not remove snapshot of "
                        + p.volume().path() + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized void deleteSnapshot(VssId snapshotId) {
        committed.values().forEach(l -> l.removeIf(p -> p.snapshotId().equals(snapshotId)));
        String id = STORE_PREFIX + snapshotId.bare();
        for (LabVolume v : volumesOfMyKinds()) {
            CowVolumeStore s = store(v);
            if (s.snapshot(id).isPresent()) {
                try {
                    s.deleteSnapshot(id);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot delete shadow copy " + snapshotId + ": " + e.getMessage(), e);
                }
                return;
            }
        }
        throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "'" + info.name() + "' holds no shadow copy " + snapshotId);
    }

    /** {@code \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopyN} (N unique in the lab), or {@code \\svm1\share@{guid}} for a share. */
    @Override
    public synchronized String shadowDeviceName(VssId snapshotId) {
        return devices.computeIfAbsent(snapshotId, id -> {
            if (info.type() == ProviderType.FILESHARE) {
                LabVolume v = findVolumeOf(id);
                String share = v.path().endsWith("\\") ? v.path().substring(0, v.path().length() - 1) : v.path();
                return share + "@" + id.toString().toUpperCase(java.util.Locale.ROOT);
            }
            return "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy" + LabDeviceNumbers.next(labDir);
        });
    }

    private LabVolume findVolumeOf(VssId snapshotId) {
        for (List<Pending> l : List.of(pending.values(), committed.values()).stream().flatMap(c -> c.stream()).toList()) {
            for (Pending p : l) {
                if (p.snapshotId().equals(snapshotId)) {
                    return p.volume();
                }
            }
        }
        for (LabVolume v : volumesOfMyKinds()) {
            if (store(v).snapshot(STORE_PREFIX + snapshotId.bare()).isPresent()) {
                return v;
            }
        }
        throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "'" + info.name() + "' holds no shadow copy " + snapshotId);
    }

    private List<LabVolume> volumesOfMyKinds() {
        List<LabVolume> out = new ArrayList<>();
        for (LabVolume v : volumesConfig()) {
            if (kinds.contains(v.kind())) {
                out.add(v);
            }
        }
        return out;
    }

    private List<LabVolume> volumesConfig() {
        return volumes.all();
    }

    private CowVolumeStore store(LabVolume v) {
        return CowVolumeStore.open(labDir.resolve("volumes").resolve(v.key()));
    }
}
