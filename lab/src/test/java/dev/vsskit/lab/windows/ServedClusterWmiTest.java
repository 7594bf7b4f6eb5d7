package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.ClusterSharedVolume.IoMode;
import dev.vsskit.vss.VmDescription;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.VirtualMachine;
import dev.vsskit.vss.windows.hyperv.WindowsHyperV;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The failover cluster through the Windows binding (WMI {@code ROOT\MSCluster}: MSCluster_ClusterSharedVolume, its
 * MSCluster_Resource through MSCluster_ClusterSharedVolumeToResource, the Virtual Machine resources with their
 * embedded PrivateProperties) against the lab's cluster served as native objects: each CSV's path, owner node and
 * I/O mode are the ones the lab host reports, a VM's owner node is the cluster's, a standalone host has no CSVs and
 * no warning, and refused access is a host warning, not a failure. Closing the served lab checks that every object
 * (also each embedded one) was released and every VARIANT cleared.
 */
class ServedClusterWmiTest {

    static final int WBEM_E_ACCESS_DENIED = 0x80041003;

    @TempDir
    Path tmp;

    private Path cluster() {
        return LabInit.create(tmp.resolve("cluster"), false, LabInit.clusterConfig(VssId::random, 2)).dir();
    }

    private static List<String> pathOwnerMode(List<ClusterSharedVolume> csvs) {
        return csvs.stream().map(c -> c.path() + " " + c.ownerNode() + " " + c.ioMode()).toList();
    }

    @Test
    void eachCsvHasTheLabsPathOwnerAndDirectIo() {
        try (ServedLab node2 = ServedLab.open(cluster(), "HV-LAB-02")) {
            List<ClusterSharedVolume> lab = node2.lab().clusterSharedVolumes().orElseThrow();
            List<ClusterSharedVolume> windows = node2.windows().clusterSharedVolumes().orElseThrow();
            assertThat(lab).hasSize(2).allSatisfy(c -> assertThat(c.ioMode()).isEqualTo(IoMode.DIRECT));
            assertThat(windows).isEqualTo(lab);
            assertThat(windows).extracting(ClusterSharedVolume::ownerNode).containsExactly("HV-LAB-01", "HV-LAB-02");
            assertThat(node2.windows().warnings()).isEmpty();
            assertThat(node2.vss().wmi().cluster().queryCount()).isEqualTo(3);
        }
    }

    @Test
    void aCsvLeftInBackupStateByADeadBackupIsRedirectedWithItsOwnerAndTheClustersWords() {
        Path dir = cluster();
        try (ServedLab node1 = ServedLab.open(dir, "HV-LAB-01")) {
            VssId set = VssId.random();
            Instant now = Instant.parse("2026-12-07T01:00:00Z");
            // a backup from node 1, killed while the snapshot of Volume2 (coordinated by node 2) was being created
            node1.lab().cluster().update(s -> s.withCsvs(s.csvs().stream().map(c -> !c.volume().equals("Volume2") ? c
                    : new LabCluster.CsvState(c.volume(), c.coordinator(), set, "HV-LAB-01", null, now, now)).toList()));

            List<ClusterSharedVolume> lab = node1.lab().clusterSharedVolumes().orElseThrow();
            List<ClusterSharedVolume> windows = node1.windows().clusterSharedVolumes().orElseThrow();
            assertThat(pathOwnerMode(windows)).isEqualTo(pathOwnerMode(lab)).containsExactly(
                    "C:\\ClusterStorage\\Volume1\\ HV-LAB-01 DIRECT",
                    "C:\\ClusterStorage\\Volume2\\ HV-LAB-02 FILE_SYSTEM_REDIRECTED");
            assertThat(windows.get(1).reason()).isEqualTo("FaultState Redirected Access; BackupState In Progress");
            assertThat(windows.get(0).reason()).isEmpty();
        }
    }

    @Test
    void aCsvARunningBackupHoldsAfterItsSnapshotIsDirectWithTheBackupStateInItsReason() {
        try (ServedLab node1 = ServedLab.open(cluster(), "HV-LAB-01")) {
            node1.lab().cluster().backupStarted(VssId.random(), "HV-LAB-01", List.of("Volume1"),
                    Instant.parse("2026-12-07T01:00:00Z"));
            assertThat(node1.lab().clusterSharedVolumes().orElseThrow().get(0).ioMode()).isEqualTo(IoMode.DIRECT);
            ClusterSharedVolume volume1 = node1.windows().clusterSharedVolumes().orElseThrow().get(0);
            assertThat(volume1.ioMode()).isEqualTo(IoMode.DIRECT);
            assertThat(volume1.reason()).isEqualTo("BackupState In Progress");
        }
    }

    @Test
    void aStandaloneHostHasNoClusterNamespaceSoNoCsvsAndNoWarning() {
        try (ServedLab single = ServedLab.open(LabInit.create(tmp.resolve("single"), false).dir())) {
            assertThat(single.lab().clusterSharedVolumes().orElseThrow()).isNotEmpty(); // the lab host names its CSVs
            assertThat(single.windows().clusterSharedVolumes()).contains(List.of());
            assertThat(single.windows().warnings()).isEmpty();
            assertThat(single.vss().wmi().cluster().queryCount()).isZero();
            assertThat(single.vss().calls()).contains("IWbemLocator::ConnectServer");
        }
    }

    @Test
    void refusedAccessIsOneHostWarningAndNoAnswerNotAFailure() {
        try (ServedLab node1 = ServedLab.open(cluster(), "HV-LAB-01")) {
            node1.vss().wmi().cluster().faults().queriesFail(WBEM_E_ACCESS_DENIED);
            assertThat(node1.windows().clusterSharedVolumes()).isEmpty();
            assertThat(node1.windows().warnings()).containsExactly("cannot read the failover cluster (CSV states,"
                    + " VM owner nodes): WMI refused access to ROOT\\MSCluster (WBEM_E_ACCESS_DENIED (0x80041003)): run"
                    + " vsskit from an elevated prompt (Run as administrator), as a member of Administrators or Hyper-V"
                    + " Administrators");
            assertThat(node1.windows().clusteredVirtualMachines()).isEmpty();
            assertThat(node1.windows().warnings()).as("one warning however many calls met it").hasSize(1);
        }
    }

    @Test
    void onANodeEveryClusteredVmHasTheClustersOwnerAndOtherNodesVmsOnCsvsComeWithTheCsvWritersFiles() {
        try (ServedLab node2 = ServedLab.open(cluster(), "HV-LAB-02")) {
            Map<String, VmDescription> lab = node2.lab().virtualMachineDescriptions().stream()
                    .collect(Collectors.toMap(VmDescription::name, Function.identity()));
            List<VmDescription> windows = node2.windows().virtualMachineDescriptions();
            assertThat(windows).extracting(VmDescription::name).containsExactlyInAnyOrderElementsOf(lab.keySet());
            assertThat(lab.values()).extracting(VmDescription::ownerNode).contains("HV-LAB-01", "HV-LAB-02");
            for (VmDescription w : windows) {
                VmDescription l = lab.get(w.name());
                assertThat(w.ownerNode()).as(w.name()).isEqualTo(l.ownerNode());
                assertThat(w.id()).isEqualTo(l.id());
                assertThat(w.state()).isEqualTo(l.state());
                boolean onShare = l.volumes().get(0).startsWith("\\\\");
                if (l.ownerNode().equals("HV-LAB-02") || !onShare) {
                    assertThat(w).as(w.name()).isEqualTo(l); // its own Hyper-V writer, or the CSV writer, reports it
                } else {
                    assertThat(w.files()).as(w.name() + ": no writer on HV-LAB-02 reports it").isEmpty();
                }
            }
            WindowsHyperV hyperV = new WindowsHyperV(node2.windows());
            VmDescription file01 = lab.get("file01");
            assertThat(file01.ownerNode()).isEqualTo("HV-LAB-01");
            assertThat(hyperV.cannotBackUpHere(new VirtualMachine("file01", file01.id(), List.of(), true, true)))
                    .contains("it runs on node HV-LAB-01 and no writer on HV-LAB-02 reports it (the CSV writer proxies"
                            + " only VMs on CSVs): back it up on its owner node, running vsskit on HV-LAB-01");
            VmDescription other = windows.stream().filter(v -> v.ownerNode().equals("HV-LAB-01")
                    && !v.files().isEmpty()).findFirst().orElseThrow();
            assertThat(hyperV.cannotBackUpHere(new VirtualMachine(other.name(), other.id(), other.files(), true, true)))
                    .as("a VM on a CSV: the CSV writer here proxies it").isEmpty();
        }
    }
}
