package dev.vsskit.lab;

import dev.vsskit.vss.Provider;
import dev.vsskit.vss.VssId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The content of {@code <lab>/lab.json}: the simulated Hyper-V host, its volumes, registered providers,
 * writers and VMs, and the ONTAP settings. Written once by {@link LabInit}; read by {@link LabHost} and by
 * every module that works on the lab. Unknown fields are ignored on read, so modules may add their own.
 */
public record LabConfig(
        int formatVersion,
        HostInfo host,
        List<LabVolume> volumes,
        List<Provider> providers,
        List<LabWriter> writers,
        List<LabVm> vms,
        OntapSettings ontap,
        List<LabShadowStorage> shadowStorage) {

    public static final int FORMAT_VERSION = 1;

    public LabConfig {
        Objects.requireNonNull(host, "host");
        volumes = List.copyOf(Objects.requireNonNull(volumes, "volumes"));
        providers = List.copyOf(Objects.requireNonNull(providers, "providers"));
        writers = List.copyOf(Objects.requireNonNull(writers, "writers"));
        vms = List.copyOf(Objects.requireNonNull(vms, "vms"));
        Objects.requireNonNull(ontap, "ontap");
        shadowStorage = List.copyOf(Objects.requireNonNull(shadowStorage, "shadowStorage"));
    }

    public Optional<LabVolume> volume(String key) {
        return volumes.stream().filter(v -> v.key().equalsIgnoreCase(key)).findFirst();
    }

    public Optional<LabVm> vm(String name) {
        return vms.stream().filter(v -> v.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Whether a VM's files are on a Cluster Shared Volume (which every node of the cluster sees). */
    public boolean onCsv(LabVm vm) {
        return volume(vm.volume()).map(v -> v.kind() == VolumeKind.CSV).orElse(false);
    }

    /**
     * The Hyper-V host: computer name, FQDN, AD domain and failover cluster, and the cluster's nodes (computer
     * names; the first is this host, the one a lab command runs on unless {@code --host lab:NODE} says
     * otherwise). A lab.json without {@code nodes} is a one-node cluster.
     */
    public record HostInfo(String name, String fqdn, String domain, String cluster, List<String> nodes) {
        public HostInfo {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(fqdn, "fqdn");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(cluster, "cluster");
            nodes = nodes == null || nodes.isEmpty() ? List.of(name) : List.copyOf(nodes);
        }

        public HostInfo(String name, String fqdn, String domain, String cluster) {
            this(name, fqdn, domain, cluster, null);
        }

        /** The node a user names (any case), as spelled in lab.json. */
        public Optional<String> node(String wanted) {
            return nodes.stream().filter(n -> n.equalsIgnoreCase(wanted.trim())).findFirst();
        }

        /** A node's FQDN: this host's as in lab.json, the others' {@code NAME.domain}. */
        public String fqdnOf(String node) {
            return node.equalsIgnoreCase(name) ? fqdn : node + "." + domain;
        }
    }

    /** What backs a Windows volume. */
    public enum VolumeKind {
        /** A local disk of the host (the system volume), not on ONTAP. */
        LOCAL,
        /** A Cluster Shared Volume on an ONTAP LUN. */
        CSV,
        /** An SMB 3.0 share served by an ONTAP SVM. */
        SMB
    }

    /**
     * A Windows volume of the host and, for ONTAP-backed ones, where it lives on ONTAP. {@code key} names the
     * folder {@code volumes/<key>/}; {@code guid} makes the volume GUID name {@code \\?\Volume{guid}\}.
     */
    public record LabVolume(
            String key,
            String path,
            VssId guid,
            VolumeKind kind,
            long capacityBytes,
            String ontapVolume,
            String lunPath,
            String lunSerial,
            String share) {
        public LabVolume {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(guid, "guid");
            Objects.requireNonNull(kind, "kind");
        }

        /** The Windows path of a file given relative to the volume ({@code VM1/disk.vhdx}). */
        public String windowsPath(String relative) {
            return root() + relative.replace('/', '\\');
        }

        /** The volume's path with one trailing backslash ({@code C:\\ClusterStorage\\Volume1\\}). */
        public String root() {
            return path.endsWith("\\") ? path : path + "\\";
        }

        /** The name vssadmin prints: the volume GUID path, or the UNC path itself for a share. */
        public String volumeName() {
            return kind == VolumeKind.SMB ? path : "\\\\?\\Volume" + guid + "\\";
        }

        /** The Windows NAA id of the LUN: {@code 600a0980} + hex of the serial's ASCII bytes (empty if no LUN). */
        public Optional<String> naaId() {
            if (lunSerial == null || lunSerial.isEmpty()) {
                return Optional.empty();
            }
            StringBuilder sb = new StringBuilder("600a0980");
            for (byte b : lunSerial.getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return Optional.of(sb.toString());
        }
    }

    /** A host-level VSS writer; its instance id is chosen at init (VSS gives a new one per service start). */
    public record LabWriter(String name, VssId writerId, VssId instanceId) {
        public LabWriter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(writerId, "writerId");
            Objects.requireNonNull(instanceId, "instanceId");
        }
    }

    /**
     * A Hyper-V VM whose files sit on one volume. {@code vhdx} and {@code config} are paths relative to that
     * volume's root, with {@code /} separators (they are {@code volumes/<key>/data/<path>} on disk).
     */
    public record LabVm(
            String name,
            VssId id,
            String volume,
            boolean backupIntegration,
            List<String> inGuestWriters,
            String vhdx,
            String config) {
        public LabVm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(volume, "volume");
            inGuestWriters = List.copyOf(Objects.requireNonNull(inGuestWriters, "inGuestWriters"));
            Objects.requireNonNull(vhdx, "vhdx");
            Objects.requireNonNull(config, "config");
        }
    }

    /** The ONTAP cluster the lab simulates. */
    public record OntapSettings(String cluster, String svm, String version) {
        public OntapSettings {
            Objects.requireNonNull(cluster, "cluster");
            Objects.requireNonNull(svm, "svm");
            Objects.requireNonNull(version, "version");
        }
    }

    /**
     * A shadow copy storage (diff area) association of the system provider: for volume {@code forVolume}, on
     * volume {@code onVolume} (both keys); {@code maximumBytes} null means UNBOUNDED.
     */
    public record LabShadowStorage(String forVolume, String onVolume, Long maximumBytes) {
        public LabShadowStorage {
            Objects.requireNonNull(forVolume, "forVolume");
            Objects.requireNonNull(onVolume, "onVolume");
        }
    }
}
