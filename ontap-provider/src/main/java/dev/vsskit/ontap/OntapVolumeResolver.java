package dev.vsskit.ontap;

import dev.vsskit.ontap.client.CifsShareRecord;
import dev.vsskit.ontap.client.LunRecord;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Maps what Windows sees to ONTAP: a disk's LUN (serial number, or NAA id) to the ONTAP LUN and its
 * volume; a share path {@code \\server\share\...} to the CIFS share and its volume.
 */
public final class OntapVolumeResolver {

    /** A parsed UNC path: server, share, and the rest ('/' separated, may be empty). */
    public record Unc(String server, String share, String path) {
        public static Unc parse(String unc) {
            String u = unc.replace('/', '\\');
            if (!u.startsWith("\\\\")) {
                throw new IllegalArgumentException("not a share path: '" + unc + "' (expected \\\\server\\share\\...)");
            }
            String[] parts = u.substring(2).split("\\\\", 3);
            if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                throw new IllegalArgumentException("not a share path: '" + unc + "' (expected \\\\server\\share\\...)");
            }
            String rest = parts.length == 3 ? parts[2].replace('\\', '/') : "";
            while (rest.endsWith("/")) {
                rest = rest.substring(0, rest.length() - 1);
            }
            return new Unc(parts[0], parts[1], rest);
        }
    }

    private final OntapClient client;

    public OntapVolumeResolver(OntapClient client) {
        this.client = client;
    }

    /** The ONTAP LUN behind one Windows LUN, if it is a NetApp LUN this cluster has. */
    public Optional<LunRecord> lun(LunInfo lun) {
        return serialOf(lun).flatMap(client::lunBySerial);
    }

    /** The ONTAP serial number of a Windows LUN, when it is a NetApp LUN whose page 0x80 and 0x83 agree. */
    private static Optional<String> serialOf(LunInfo lun) {
        String vendor = lun.vendorId().trim();
        if (!vendor.isEmpty() && !vendor.equalsIgnoreCase(LunIds.NETAPP_VENDOR)) {
            return Optional.empty();
        }
        String serial = lun.serialNumber().trim();
        if (serial.length() != 12) {
            if (!LunIds.isNetAppNaa(lun.naaId())) {
                return Optional.empty();
            }
            serial = LunIds.serialFromNaa(lun.naaId());
        } else if (!lun.naaId().isBlank() && LunIds.isNetAppNaa(lun.naaId())
                && !LunIds.serialFromNaa(lun.naaId()).equals(serial)) {
            return Optional.empty(); // page 0x80 and 0x83 disagree: not a LUN we can vouch for
        }
        return Optional.of(serial);
    }

    /**
     * The ONTAP volume holding a Windows volume: all of its LUNs must be ONTAP LUNs of one volume (a
     * hardware provider supports a volume's LUNs all or nothing); a share resolves through its CIFS share.
     */
    public Optional<VolumeInfo> volume(VolumeTarget target) {
        if (target.isShare()) {
            return share(target.shareUnc().orElseThrow()).flatMap(s -> client.volumeByName(s.volumeName()));
        }
        List<LunInfo> luns = target.luns();
        if (luns.isEmpty()) {
            return Optional.empty();
        }
        String volume = null;
        for (LunInfo l : luns) {
            Optional<LunRecord> r = lun(l);
            if (r.isEmpty()) {
                return Optional.empty();
            }
            if (volume != null && !volume.equals(r.get().volumeName())) {
                return Optional.empty();
            }
            volume = r.get().volumeName();
        }
        return client.volumeByName(volume);
    }

    /**
     * {@link #volume} for several LUN-backed Windows volumes from one inventory: every LUN of the cluster in one
     * query and every volume in another (each followed through its pages), instead of two queries per volume.
     * The same rules decide each volume; a share or a volume without LUNs resolves to empty, as its single call
     * would for the hardware provider.
     */
    public List<Optional<VolumeInfo>> lunVolumes(List<VolumeTarget> targets) {
        List<Optional<VolumeInfo>> out = new java.util.ArrayList<>(targets.size());
        java.util.Map<String, LunRecord> bySerial = null;
        java.util.Map<String, VolumeInfo> byName = null;
        for (VolumeTarget target : targets) {
            if (target.isShare() || target.luns().isEmpty()) {
                out.add(Optional.empty());
                continue;
            }
            if (bySerial == null) {
                bySerial = new java.util.HashMap<>();
                for (LunRecord r : client.luns()) {
                    bySerial.putIfAbsent(r.serialNumber(), r);
                }
                byName = new java.util.HashMap<>();
                for (VolumeInfo v : client.volumes()) {
                    byName.putIfAbsent(v.name(), v);
                }
            }
            String volume = null;
            boolean ok = true;
            for (LunInfo l : target.luns()) {
                Optional<String> serial = serialOf(l);
                LunRecord r = serial.map(bySerial::get).orElse(null);
                if (r == null || (volume != null && !volume.equals(r.volumeName()))) {
                    ok = false;
                    break;
                }
                volume = r.volumeName();
            }
            out.add(ok ? Optional.ofNullable(byName.get(volume)) : Optional.empty());
        }
        return out;
    }

    /** The CIFS share named in a UNC path; when several SVMs share that name, the one named like the server. */
    public Optional<CifsShareRecord> share(String unc) {
        Unc u = Unc.parse(unc);
        String host = u.server().toLowerCase(Locale.ROOT);
        int dot = host.indexOf('.');
        String shortHost = dot < 0 ? host : host.substring(0, dot);
        List<CifsShareRecord> named = client.cifsShares().stream()
                .filter(s -> s.name().equalsIgnoreCase(u.share())).toList();
        return named.stream().filter(s -> s.svmName().equalsIgnoreCase(shortHost)).findFirst()
                .or(() -> named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty());
    }

    /** The path inside the volume of a file named by a UNC path (share path + rest). */
    public Optional<String> volumePath(String unc) {
        Unc u = Unc.parse(unc);
        return share(unc).map(s -> {
            String base = s.path();
            String vol = "/" + s.volumeName();
            String inVolume = base.startsWith(vol) ? base.substring(vol.length()) : "";
            String joined = (inVolume.isEmpty() ? "" : inVolume.substring(1) + "/") + u.path();
            return joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
        });
    }
}
