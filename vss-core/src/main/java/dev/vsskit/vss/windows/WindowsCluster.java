package dev.vsskit.vss.windows;

import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.ClusterSharedVolume.IoMode;
import dev.vsskit.vss.VssId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover cluster this host is a node of, read through WMI {@code ROOT\MSCluster} (the Failover Cluster WMI
 * provider, ClusWMI.dll):
 *
 * <ul>
 * <li>Cluster Shared Volumes: {@code MSCluster_ClusterSharedVolume} ({@code Name}, {@code FaultState},
 * {@code BackupState}), each joined through the association {@code MSCluster_ClusterSharedVolumeToResource} with
 * its {@code MSCluster_Resource}, whose {@code OwnerNode} is the CSV's owner (coordinator) node;</li>
 * <li>clustered VMs: {@code MSCluster_Resource} of {@code Type 'Virtual Machine'}, the VM's id in its private
 * property {@code VmID} (the embedded object {@code PrivateProperties}), its role ({@code OwnerGroup}, named after
 * the VM by Failover Cluster Manager), {@code OwnerNode} and {@code State}.</li>
 * </ul>
 *
 * A host that is no cluster node has no such namespace (WBEM_E_INVALID_NAMESPACE); {@link #notACluster} tells that
 * and a stopped cluster service from a real failure.
 */
public final class WindowsCluster {

    public static final String NAMESPACE = "ROOT\\MSCluster";
    /** MSCluster_ClusterSharedVolume.FaultState bits (CLUSTER_CSV_VOLUME_FAULT_STATE). */
    static final int REDIRECTED_ACCESS = 1;
    static final int NO_ACCESS = 2;
    static final int IN_MAINTENANCE = 4;
    static final int DISMOUNTED = 8;
    /** MSCluster_ClusterSharedVolume.BackupState: In Progress (1). */
    static final int BACKUP_IN_PROGRESS = 1;
    /** MSCluster_Resource.State (CLUSTER_RESOURCE_STATE). */
    static final int ONLINE = 2;

    /** A VM the cluster runs: its id, role name, owner node and resource state. */
    public record ClusteredVm(VssId id, String name, String ownerNode, int state) {

        /** The resource state as Hyper-V Manager would name the VM's ({@code Running}, {@code Off}, ...). */
        public String stateName() {
            return switch (state) {
                case ONLINE -> "Running";
                case 3 -> "Off";
                case 4 -> "Failed";
                case 129 -> "Starting";
                case 130 -> "Stopping";
                case 128 -> "Pending";
                default -> "Other (" + state + ")";
            };
        }

        public boolean running() {
            return state == ONLINE;
        }
    }

    private final Wmi wmi;

    public WindowsCluster(Wmi wmi) {
        this.wmi = wmi;
    }

    /**
     * Whether a failed call means "this host is no cluster node": no {@code ROOT\MSCluster} (the Failover Clustering
     * feature is not installed) or no class in it, or the cluster service not running (not started, its RPC endpoint
     * not registered, the RPC server unavailable).
     */
    public static boolean notACluster(int hresult) {
        return hresult == WmiInterfaces.WBEM_E_INVALID_NAMESPACE || hresult == WmiInterfaces.WBEM_E_INVALID_CLASS
                || hresult == win32(WmiInterfaces.ERROR_SERVICE_NOT_ACTIVE)
                || hresult == win32(WmiInterfaces.EPT_S_NOT_REGISTERED)
                || hresult == win32(WmiInterfaces.RPC_S_SERVER_UNAVAILABLE);
    }

    /** HRESULT_FROM_WIN32. */
    static int win32(int error) {
        return 0x80070000 | (error & 0xffff);
    }

    /** Every CSV with its owner node and I/O mode, in the order WMI lists them. */
    public List<ClusterSharedVolume> sharedVolumes() {
        List<WmiObject> csvs = wmi.query("SELECT * FROM MSCluster_ClusterSharedVolume",
                List.of("Name", "FaultState", "BackupState"));
        if (csvs.isEmpty()) {
            return List.of();
        }
        Map<String, String> resourceOfCsv = new HashMap<>();
        for (WmiObject a : wmi.query("SELECT * FROM MSCluster_ClusterSharedVolumeToResource",
                List.of("GroupComponent", "PartComponent"))) {
            Optional<String> csv = a.string("GroupComponent").flatMap(WindowsCluster::keyName);
            Optional<String> resource = a.string("PartComponent").flatMap(WindowsCluster::keyName);
            if (csv.isPresent() && resource.isPresent()) {
                resourceOfCsv.put(csv.get().toLowerCase(Locale.ROOT), resource.get());
            }
        }
        Map<String, String> ownerOfResource = new HashMap<>();
        for (WmiObject r : wmi.query("SELECT * FROM MSCluster_Resource", List.of("Name", "OwnerNode"))) {
            r.string("Name").ifPresent(n -> ownerOfResource.put(n.toLowerCase(Locale.ROOT), r.string("OwnerNode")
                    .orElse("")));
        }
        List<ClusterSharedVolume> out = new ArrayList<>();
        for (WmiObject c : csvs) {
            String name = c.string("Name").orElse("");
            String owner = Optional.ofNullable(resourceOfCsv.get(name.toLowerCase(Locale.ROOT)))
                    .map(r -> ownerOfResource.get(r.toLowerCase(Locale.ROOT))).filter(o -> !o.isEmpty())
                    .orElse("(unknown)");
            out.add(toCsv(name, owner, c.number("FaultState").orElse(0L), c.number("BackupState").orElse(0L)));
        }
        return out;
    }

    /**
     * One CSV: redirected when FaultState has Redirected Access (block redirection is not reflected there, as the
     * documentation of CLUS_CSV_VOLUME_INFO says); the reason in WMI's words (FaultState's and BackupState's
     * names), empty when it reports nothing.
     */
    static ClusterSharedVolume toCsv(String name, String owner, long faultState, long backupState) {
        IoMode mode = (faultState & REDIRECTED_ACCESS) != 0 ? IoMode.FILE_SYSTEM_REDIRECTED : IoMode.DIRECT;
        List<String> faults = new ArrayList<>();
        if ((faultState & REDIRECTED_ACCESS) != 0) {
            faults.add("Redirected Access");
        }
        if ((faultState & NO_ACCESS) != 0) {
            faults.add("No Access");
        }
        if ((faultState & IN_MAINTENANCE) != 0) {
            faults.add("In Maintenance");
        }
        if ((faultState & DISMOUNTED) != 0) {
            faults.add("Dismounted");
        }
        List<String> reason = new ArrayList<>();
        if (!faults.isEmpty()) {
            reason.add("FaultState " + String.join(", ", faults));
        }
        if (backupState == BACKUP_IN_PROGRESS) {
            reason.add("BackupState In Progress");
        }
        return new ClusterSharedVolume(asPath(name), owner, mode, String.join("; ", reason));
    }

    /** The CSV's friendly name as a folder path with its trailing backslash, as vsskit writes volume paths. */
    static String asPath(String name) {
        boolean path = name.length() >= 3 && name.charAt(1) == ':' && name.charAt(2) == '\\';
        return path && !name.endsWith("\\") ? name + "\\" : name;
    }

    /** Every VM the cluster runs, from its Virtual Machine resources. */
    public List<ClusteredVm> virtualMachines() {
        List<ClusteredVm> out = new ArrayList<>();
        for (WmiObject r : wmi.query("SELECT * FROM MSCluster_Resource WHERE Type = 'Virtual Machine'",
                List.of("Name", "OwnerGroup", "OwnerNode", "State", "PrivateProperties.VmID"))) {
            Optional<String> id = r.string("PrivateProperties.VmID").filter(VssId::isValid);
            if (id.isEmpty()) {
                continue; // a VM resource without its id: nothing to join it with
            }
            String name = r.string("OwnerGroup").filter(g -> !g.isEmpty()).or(() -> r.string("Name"))
                    .orElse(id.get());
            out.add(new ClusteredVm(VssId.parse(id.get()), name, r.string("OwnerNode").orElse(""),
                    r.number("State").orElse(-1L).intValue()));
        }
        return out;
    }

    private static final Pattern KEY = Pattern.compile("\\.Name=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** The {@code Name} key of a WMI object path ({@code ...:Class.Name="C:\\ClusterStorage\\Volume1"}), unescaped. */
    static Optional<String> keyName(String objectPath) {
        Matcher m = KEY.matcher(objectPath);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(m.group(1).replaceAll("\\\\(.)", "$1"));
    }
}
