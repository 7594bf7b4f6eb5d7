package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.LabVmStates;
import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.windows.NativeData;
import dev.vsskit.vss.windows.WmiInterfaces;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The failover cluster's WMI namespace {@code ROOT\MSCluster} over the lab's cluster ({@link LabCluster}), served as
 * native objects through {@link ServedWmi}'s locator: {@code MSCluster_ClusterSharedVolume} per CSV (its friendly
 * name the CSV's folder, FaultState Redirected Access (1) while the lab has it redirected, BackupState In Progress
 * (1) while a backup holds it), one {@code MSCluster_Resource} per CSV ({@code Physical Disk}, owned by the CSV's
 * coordinator) joined to it by {@code MSCluster_ClusterSharedVolumeToResource}, and one {@code Virtual Machine}
 * resource per VM (role named after the VM, owner node, Online or Offline, the VM's id in its embedded
 * {@code PrivateProperties.VmID}). A one-node lab is a standalone host: it has no such namespace
 * (WBEM_E_INVALID_NAMESPACE). {@link Faults} makes ExecQuery refuse access.
 */
public final class ServedClusterWmi {

    static final String NAMESPACE = "ROOT\\MSCluster";

    /** What the served cluster does wrong on purpose. */
    public static final class Faults {
        private volatile int queryResult;

        /** Every ExecQuery fails with {@code hresult} (e.g. WBEM_E_ACCESS_DENIED, 0x80041003); 0 undoes it. */
        public Faults queriesFail(int hresult) {
            queryResult = hresult;
            return this;
        }
    }

    private final ServedWmi wmi;
    private final ServedVss vss;
    private final LabHost host;
    private final Faults faults = new Faults();
    private volatile int queries;

    ServedClusterWmi(ServedWmi wmi, ServedVss vss, LabHost host) {
        this.wmi = wmi;
        this.vss = vss;
        this.host = host;
    }

    public Faults faults() {
        return faults;
    }

    /** How many ExecQuery calls the requester made in this namespace. */
    public int queryCount() {
        return queries;
    }

    /** ConnectServer: the services of the namespace on a cluster node, WBEM_E_INVALID_NAMESPACE on a standalone host. */
    int connect(Pointer out) {
        if (!host.cluster().isMultiNode()) {
            return WmiInterfaces.WBEM_E_INVALID_NAMESPACE;
        }
        out.setPointer(0, new Services().pointer());
        return 0;
    }

    private String prefix() {
        return "\\\\" + host.node() + "\\root\\MSCluster:";
    }

    /** A key value as WMI writes it in an object path: backslashes and quotes escaped. */
    private static String escaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String withoutSlash(String path) {
        return path.endsWith("\\") ? path.substring(0, path.length() - 1) : path;
    }

    private List<LabConfig.LabVolume> csvVolumes() {
        return host.config().volumes().stream().filter(v -> v.kind() == LabConfig.VolumeKind.CSV).toList();
    }

    private static String diskResource(int index) {
        return "Cluster Disk " + (index + 1);
    }

    List<Map<String, Object>> sharedVolumes() {
        List<ClusterSharedVolume> states = host.clusterSharedVolumes().orElse(List.of());
        LabCluster.State cluster = host.cluster().state();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (LabConfig.LabVolume v : csvVolumes()) {
            ClusterSharedVolume c = states.stream().filter(s -> s.path().equalsIgnoreCase(v.path())).findFirst()
                    .orElseThrow();
            boolean inBackup = cluster.csvs().stream().anyMatch(s -> s.volume().equalsIgnoreCase(v.key())
                    && s.backupSet() != null);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("__CLASS", "MSCluster_ClusterSharedVolume");
            p.put("Name", withoutSlash(v.path()));
            p.put("VolumeName", v.volumeName());
            // block redirection is not reflected in FaultState (CLUS_CSV_VOLUME_INFO)
            p.put("FaultState", c.ioMode() == ClusterSharedVolume.IoMode.FILE_SYSTEM_REDIRECTED ? 1 : 0);
            p.put("BackupState", inBackup ? 1 : 0);
            rows.add(p);
        }
        return rows;
    }

    List<Map<String, Object>> sharedVolumeResources() {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<LabConfig.LabVolume> csvs = csvVolumes();
        for (int i = 0; i < csvs.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("__CLASS", "MSCluster_ClusterSharedVolumeToResource");
            p.put("GroupComponent", prefix() + "MSCluster_ClusterSharedVolume.Name=\""
                    + escaped(withoutSlash(csvs.get(i).path())) + "\"");
            p.put("PartComponent", prefix() + "MSCluster_Resource.Name=\"" + escaped(diskResource(i)) + "\"");
            rows.add(p);
        }
        return rows;
    }

    List<Map<String, Object>> resources() {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<ClusterSharedVolume> states = host.clusterSharedVolumes().orElse(List.of());
        List<LabConfig.LabVolume> csvs = csvVolumes();
        for (int i = 0; i < csvs.size(); i++) {
            LabConfig.LabVolume v = csvs.get(i);
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("__CLASS", "MSCluster_Resource");
            p.put("Name", diskResource(i));
            p.put("Type", "Physical Disk");
            p.put("OwnerGroup", "Cluster Shared Volume");
            p.put("OwnerNode", states.stream().filter(s -> s.path().equalsIgnoreCase(v.path()))
                    .map(ClusterSharedVolume::ownerNode).findFirst().orElseThrow());
            p.put("State", 2);
            p.put("IsClusterSharedVolume", true);
            rows.add(p);
        }
        LabCluster cluster = host.cluster();
        LabVmStates vmStates = new LabVmStates(host.dir());
        for (LabConfig.LabVm vm : host.config().vms()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("__CLASS", "MSCluster_Resource");
            p.put("Name", "Virtual Machine " + vm.name());
            p.put("Type", "Virtual Machine");
            p.put("OwnerGroup", vm.name());
            p.put("OwnerNode", cluster.ownerOf(vm));
            p.put("State", vmStates.get(vm.name()).running() ? 2 : 3);
            p.put("IsClusterSharedVolume", false);
            Map<String, Object> privateProperties = new LinkedHashMap<>();
            privateProperties.put("__CLASS", "MSCluster_Property");
            privateProperties.put("VmID", vm.id().uuid().toString());
            p.put("PrivateProperties", privateProperties);
            rows.add(p);
        }
        return rows;
    }

    private static final Pattern SELECT = Pattern.compile(
            "(?i)\\s*SELECT\\s+\\*\\s+FROM\\s+(\\w+)\\s*(?:WHERE\\s+(\\w+)\\s*=\\s*'([^']*)')?\\s*");

    /** ExecQuery: {@code SELECT * FROM class [WHERE Prop = 'value']}; null for a query it cannot run. */
    List<Map<String, Object>> query(String wql) {
        Matcher m = SELECT.matcher(wql);
        if (!m.matches()) {
            return null;
        }
        List<Map<String, Object>> rows = switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "mscluster_clustersharedvolume" -> sharedVolumes();
            case "mscluster_clustersharedvolumetoresource" -> sharedVolumeResources();
            case "mscluster_resource" -> resources();
            default -> null;
        };
        if (rows == null || m.group(2) == null) {
            return rows;
        }
        return rows.stream().filter(r -> r.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(m.group(2))
                && String.valueOf(e.getValue()).equalsIgnoreCase(m.group(3)))).toList();
    }

    /** IWbemServices of ROOT\MSCluster: ExecQuery only (vsskit reads the cluster, never changes it). */
    final class Services extends ServedObject {
        Services() {
            super(ServedClusterWmi.this.vss, "IWbemServices", 37);
            set(20, (Fn.FPPIPP) (self, language, query, flags, ctx, out) -> hr("ExecQuery", () -> {
                wmi.blanket(self);
                queries++;
                if (faults.queryResult != 0) {
                    return faults.queryResult;
                }
                if (!"WQL".equalsIgnoreCase(NativeData.readUtf16(language))) {
                    return ServedWmi.WBEM_E_INVALID_QUERY_TYPE;
                }
                String wql = NativeData.readUtf16(query);
                if (!SELECT.matcher(wql).matches()) {
                    return WmiInterfaces.WBEM_E_INVALID_QUERY;
                }
                List<Map<String, Object>> rows = query(wql);
                if (rows == null) {
                    return WmiInterfaces.WBEM_E_INVALID_CLASS;
                }
                out.setPointer(0, wmi.new Enumerator(rows).pointer());
                return 0;
            }));
        }
    }
}
