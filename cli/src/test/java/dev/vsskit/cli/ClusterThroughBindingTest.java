package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.host.ChosenHost;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.LabOntapRuntime;
import dev.vsskit.lab.windows.LabHostFiles;
import dev.vsskit.lab.windows.ServedDisks;
import dev.vsskit.lab.windows.ServedLab;
import dev.vsskit.ontap.windows.DiskIdentity;
import dev.vsskit.ontap.windows.WindowsBackupTarget;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.windows.hyperv.WindowsHyperV;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Windows node of a failover cluster through the CLI: the COM and WMI bindings (Hyper-V's namespace and the
 * cluster's, ROOT\MSCluster) over a two-node lab served as native objects. {@code doctor} names a CSV a dead backup
 * left redirected, with its owner, and passes when every CSV is direct; a standalone host reports no CSVs and no
 * warning; refused access to the cluster is a warning; {@code list vms} shows each VM's owner node from the cluster;
 * a VM another node runs from the SMB share is left out of a backup by name, with where to back it up.
 */
class ClusterThroughBindingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ServedLab served;
    ServedDisks disks;

    @AfterEach
    void close() {
        if (served != null) {
            served.close(); // fails if the requester broke a COM rule (an embedded object not released, ...)
            assertThat(disks.problems()).isEmpty();
        }
    }

    private Path cluster() {
        return LabInit.create(tmp.resolve("cluster"), false, LabInit.clusterConfig(VssId::random, 2)).dir();
    }

    private void serve(Path lab, String node) {
        served = node == null ? ServedLab.open(lab) : ServedLab.open(lab, node);
        disks = new ServedDisks(served.lab().config());
    }

    private CliRun.Result windows(String... args) {
        LabHost labHost = served.lab();
        WindowsBackupTarget target = new WindowsBackupTarget(served.windows(),
                new WindowsHyperV(served.windows(), Duration.ofMillis(5), Duration.ofSeconds(20)),
                LabOntapRuntime.of(labHost).client(), new DiskIdentity(disks), new LabHostFiles(labHost),
                LabOntapRuntime.of(labHost)::nameNextSnapshots);
        Map<String, String> env = new HashMap<>();
        env.put("HOME", tmp.toString());
        env.put("VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        env.put("VSSKIT_CATALOG", labHost.dir().resolve("catalog").toString());
        ChosenHost host = new ChosenHost(served.windows(), "Windows", () -> Optional.of(target), Optional.empty());
        return CliRun.runOn(host, env, args);
    }

    private static JsonNode check(CliRun.Result r, String name) throws Exception {
        for (JsonNode c : JSON.readTree(r.out()).path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + r.out());
    }

    @Test
    void doctorNamesACsvADeadBackupLeftRedirectedWithItsOwnerAndPassesWhenDirect() throws Exception {
        Path lab = cluster();
        serve(lab, "HV-LAB-01");
        CliRun.Result direct = windows("doctor", "-o", "json");
        assertThat(direct.err()).isEmpty();
        JsonNode csv = check(direct, "CSV owner and I/O mode");
        assertThat(csv.path("status").asText()).isEqualTo("pass");
        assertThat(csv.path("evidence").asText()).isEqualTo("C:\\ClusterStorage\\Volume1\\ owner HV-LAB-01, Direct;"
                + " C:\\ClusterStorage\\Volume2\\ owner HV-LAB-02, Direct");

        // a backup from node 1, killed while the snapshot of Volume2 was being created
        Instant now = Instant.parse("2026-12-07T01:00:00Z");
        VssId set = VssId.random();
        new LabCluster(lab, served.lab().config()).update(s -> s.withCsvs(s.csvs().stream()
                .map(c -> !c.volume().equals("Volume2") ? c
                        : new LabCluster.CsvState(c.volume(), c.coordinator(), set, "HV-LAB-01", null, now, now))
                .toList()));
        CliRun.Result left = windows("doctor", "-o", "json");
        assertThat(left.err()).isEmpty();
        csv = check(left, "CSV owner and I/O mode");
        assertThat(csv.path("status").asText()).isEqualTo("warn");
        assertThat(csv.path("evidence").asText()).isEqualTo("C:\\ClusterStorage\\Volume2\\ is in file system redirected"
                + " I/O (FaultState Redirected Access; BackupState In Progress), owner HV-LAB-02: every VM on it is"
                + " slow");
        assertThat(csv.path("fix").asText()).contains("Move-ClusterSharedVolume");
    }

    @Test
    void onAStandaloneHostDoctorFindsNoCsvsAndWarnsOfNothing() throws Exception {
        serve(CliRun.fixedLab(tmp.resolve("single")), null);
        CliRun.Result r = windows("doctor", "-o", "json");
        assertThat(r.err()).isEmpty();
        JsonNode csv = check(r, "CSV owner and I/O mode");
        assertThat(csv.path("status").asText()).isEqualTo("skip");
        assertThat(csv.path("evidence").asText()).isEqualTo("no Cluster Shared Volumes on this host");
    }

    @Test
    void refusedAccessToTheClusterIsAWarningAndTheCheckSaysItCannotTell() throws Exception {
        serve(cluster(), "HV-LAB-01");
        served.vss().wmi().cluster().faults().queriesFail(0x80041003); // WBEM_E_ACCESS_DENIED
        CliRun.Result r = windows("doctor", "-o", "json");
        assertThat(check(r, "CSV owner and I/O mode").path("status").asText()).isEqualTo("skip");
        assertThat(r.err()).hasLineCount(1);
        assertThat(JSON.readTree(r.err()).path("warning").path("message").asText()).isEqualTo("cannot read the failover"
                + " cluster (CSV states, VM owner nodes): WMI refused access to ROOT\\MSCluster (WBEM_E_ACCESS_DENIED"
                + " (0x80041003)): run vsskit from an elevated prompt (Run as administrator), as a member of"
                + " Administrators or Hyper-V Administrators");
    }

    @Test
    void listVmsShowsEachVmsOwnerNodeFromTheClusterAndABackupLeavesOutTheOtherNodesShareVm() throws Exception {
        serve(cluster(), "HV-LAB-02");
        CliRun.Result vms = windows("list", "vms", "-o", "json");
        assertThat(vms.err()).isEmpty();
        Map<String, String> owners = new HashMap<>();
        JSON.readTree(vms.out()).forEach(v -> owners.put(v.path("name").asText(), v.path("ownerNode").asText()));
        Map<String, String> labOwners = new HashMap<>();
        served.lab().virtualMachineDescriptions().forEach(v -> labOwners.put(v.name(), v.ownerNode()));
        assertThat(owners).isEqualTo(labOwners).containsValues("HV-LAB-01", "HV-LAB-02");
        assertThat(owners).containsEntry("file01", "HV-LAB-01").containsEntry("web01", "HV-LAB-02");

        CliRun.Result text = windows("list", "vms", "--vm", "file01");
        assertThat(text.out()).contains("VM name: file01\n").contains("   Owner node: HV-LAB-01\n")
                .contains("   Backup: not from this host (no writer here reports it; on a cluster, back it up on its"
                        + " owner node)\n");

        // a VM node 1 runs on a CSV: this node's CSV writer reports it, with its files, and backs it up
        String other = served.lab().virtualMachineDescriptions().stream().filter(v -> v.ownerNode().equals("HV-LAB-01")
                && v.volumes().get(0).startsWith("C:\\ClusterStorage")).findFirst().orElseThrow().name();
        CliRun.Result proxied = windows("backup", "--vm", other, "--name", "proxied");
        assertThat(proxied.exitCode()).as(proxied.out() + proxied.err()).isZero();
        CliRun.Result copy = windows("restore", "--vm", other, "--backup", "proxied", "--to",
                tmp.resolve("restored").toString());
        assertThat(copy.exitCode()).as("files to a folder: any node can").isZero();
        CliRun.Result restore = windows("restore", "--vm", other, "--backup", "proxied", "--force");
        assertThat(restore.exitCode()).as(restore.out() + restore.err()).isNotZero();
        assertThat(restore.err()).contains("runs on node HV-LAB-01, not on HV-LAB-02: Hyper-V turns a VM off and on"
                + " only on its owner; restore it there, running vsskit on HV-LAB-01");

        CliRun.Result backup = windows("backup", "--vm", "file01");
        assertThat(backup.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(backup.out() + backup.err()).contains("file01").contains("it runs on node HV-LAB-01 and no writer on"
                + " HV-LAB-02 reports it (the CSV writer proxies only VMs on CSVs): back it up on its owner node,"
                + " running vsskit on HV-LAB-01");
    }
}
