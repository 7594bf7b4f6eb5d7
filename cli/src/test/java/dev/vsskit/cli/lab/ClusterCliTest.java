package dev.vsskit.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.VssId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A two-node lab (HV-LAB-01, HV-LAB-02; web01 owned by node 2) end to end through the CLI: init, the nodes'
 * writers, one snapshot set from node 1 for VMs of both nodes through the CSV writer, restore on the owner
 * node, verify from node 2, the redirected-I/O window, a node that goes down, the CSV writer failing at each
 * phase, live migration, and the backup state a killed backup leaves on a CSV.
 */
class ClusterCliTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path lab;
    Map<String, String> env;

    @BeforeEach
    void twoNodeLab() {
        lab = tmp.resolve("lab");
        env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        CliRun.Result init = CliRun.run(env, "lab", "init", "--dir", lab.toString(), "--nodes", "2");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("   Host: HV-LAB-01 (cluster HVCLUSTER, nodes HV-LAB-01, HV-LAB-02)\n");
    }

    CliRun.Result vsskit(String... args) {
        List<String> all = new ArrayList<>(List.of("--lab", lab.toString()));
        all.addAll(List.of(args));
        return CliRun.run(env, all.toArray(String[]::new));
    }

    static JsonNode json(CliRun.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    static List<JsonNode> items(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    @Test
    void initMakesTwoNodesWithOwnersWhileTheDefaultLabStaysOneNode() throws Exception {
        JsonNode nodes = json(vsskit("-o", "json", "lab", "node", "list"));
        assertThat(items(nodes)).extracting(n -> n.path("node").asText()).containsExactly("HV-LAB-01", "HV-LAB-02");
        assertThat(items(nodes.get(1).path("vms"))).extracting(JsonNode::asText).containsExactly("web01");
        assertThat(items(nodes.get(0).path("vms"))).extracting(JsonNode::asText).contains("sql01", "file01");

        Path single = tmp.resolve("single");
        assertThat(CliRun.run(env, "lab", "init", "--dir", single.toString()).out())
                .contains("   Host: HV-LAB-01 (cluster HVCLUSTER)\n");
        assertThat(items(json(CliRun.run(env, "--lab", single.toString(), "-o", "json", "lab", "node", "list"))))
                .singleElement().satisfies(n -> assertThat(n.path("vms")).hasSize(4));

        CliRun.Result tooMany = CliRun.run(env, "lab", "init", "--dir", tmp.resolve("x").toString(), "--nodes", "9");
        assertThat(tooMany.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(tooMany.err()).isEqualTo("vsskit: --nodes takes 1 to 8, not 9; e.g. `vsskit lab init --nodes 2`\n");
    }

    @Test
    void eachNodeListsItsOwnWritersWithTheCsvWriterAndAnUnknownNodeIsAUsageError() throws Exception {
        CliRun.Result node2 = vsskit("--host", "lab:HV-LAB-02", "list", "writers");
        assertThat(node2.exitCode()).as(node2.err()).isZero();
        assertThat(node2.out()).contains("Host: HV-LAB-02.lab.local (lab)\n", "Writer name: 'Cluster Shared Volume VSS Writer'",
                "Writer name: 'Microsoft Hyper-V VSS Writer'");
        List<String> ids1 = json(vsskit("-o", "json", "list", "writers")).findValuesAsText("instanceId");
        List<String> ids2 = json(vsskit("--host", "lab:hv-lab-02", "-o", "json", "list", "writers"))
                .findValuesAsText("instanceId");
        assertThat(ids2).hasSize(6).doesNotContainAnyElementsOf(ids1);

        CliRun.Result unknown = vsskit("--host", "lab:HV-LAB-07", "list", "writers");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).startsWith("vsskit: --host lab:HV-LAB-07: the lab ").contains("(its nodes: HV-LAB-01,"
                + " HV-LAB-02)");
        assertThat(vsskit("--host", "lab:", "list", "writers").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    /** CSV 2.0 statements 1, 2, 3 and 5, and restore on the owner node and verify from the other one. */
    @Test
    void oneSnapshotSetFromNode1BacksUpVmsOfBothNodesRestoresOnTheOwnerAndVerifiesFromNode2() throws Exception {
        Path vhdx = lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx");
        String atBackup = sha256(vhdx);
        CliRun.Result backup = vsskit("-o", "json", "backup", "--all", "--name", "both-nodes");
        assertThat(backup.exitCode()).as(backup.err() + backup.out()).isEqualTo(ExitCode.OK);
        JsonNode b = json(backup);
        assertThat(items(b.path("vms"))).hasSize(4).allSatisfy(v -> assertThat(v.path("backedUp").asBoolean()).isTrue());
        String set = b.path("snapshotSetId").asText();
        // one ONTAP Snapshot copy per volume, whichever node owns the VMs on it
        assertThat(items(b.path("volumes"))).extracting(v -> v.path("ontapVolume").asText())
                .containsExactlyInAnyOrder("hv_csv1", "hv_csv2", "hv_smb1");

        // node 1's CSV writer proxied node 2's Hyper-V writer; both nodes' writers froze and thawed in the one set
        JsonNode log = json(vsskit("-o", "json", "lab", "node", "log", "--set", set));
        List<String> lines = items(log).stream().map(e -> e.path("node").asText() + " " + e.path("source").asText()
                + " " + e.path("event").asText()).toList();
        assertThat(lines).containsSubsequence(
                "HV-LAB-01 Microsoft Hyper-V VSS Writer Freeze",
                "HV-LAB-01 Cluster Shared Volume VSS Writer Freeze (proxy)",
                "HV-LAB-02 Microsoft Hyper-V VSS Writer Freeze",
                "HV-LAB-01 Microsoft Hyper-V VSS Writer Thaw",
                "HV-LAB-02 Microsoft Hyper-V VSS Writer Thaw");
        assertThat(items(log)).anyMatch(e -> e.path("node").asText().equals("HV-LAB-02")
                && e.path("event").asText().equals("PostSnapshot")
                && e.path("subject").asText().startsWith("auto-recovery of web01 on the CSV snapshot of Volume1: rolled"
                        + " back the 512 bytes its guest wrote after its own shadow copy"));
        assertThat(items(log)).anyMatch(e -> e.path("subject").asText().contains("writable on HV-LAB-01 and exposed to"
                + " HV-LAB-02 for auto-recovery"));

        // CSVFS on every node: node 2 sees the same volumes
        assertThat(vsskit("--host", "lab:HV-LAB-02", "-o", "json", "list", "volumes").out())
                .isEqualTo(vsskit("-o", "json", "list", "volumes").out());

        CowVolumeStore.open(lab.resolve("volumes/Volume1")).write("web01/Virtual Hard Disks/web01.vhdx", 65536,
                new byte[2 * CowVolumeStore.BLOCK_SIZE]);
        assertThat(sha256(vhdx)).isNotEqualTo(atBackup);
        CliRun.Result wrongNode = vsskit("restore", "--vm", "web01", "--backup", "both-nodes", "--force");
        assertThat(wrongNode.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(wrongNode.err()).isEqualTo("vsskit: VM web01 runs on node HV-LAB-02, not HV-LAB-01; restore it on"
                + " its owner: --host lab:HV-LAB-02\n");
        assertThat(sha256(vhdx)).isNotEqualTo(atBackup);
        CliRun.Result restore = vsskit("--host", "lab:HV-LAB-02", "-o", "json", "restore", "--vm", "web01", "--backup",
                "both-nodes", "--force");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(json(restore).path("verified").asBoolean()).isTrue();
        assertThat(sha256(vhdx)).isEqualTo(atBackup);

        CliRun.Result verify = vsskit("--host", "lab:HV-LAB-02", "verify", "--backup", "both-nodes");
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("Host: HV-LAB-02.lab.local (lab)", "Result: PASSED");
    }

    /**
     * CSV 2.0 statement 4 on bytes: the CSV snapshot is exposed, writable, to the owner node of web01, whose Hyper-V
     * writer rolls web01's VHDX in it back to the guest's own shadow copy (the 512 bytes the running guest wrote after
     * it); the exposure is removed; the restore on the owner brings back the recovered bytes. sql01, on the requesting
     * node, is as before: its live disk untouched, its snapshot its live bytes.
     */
    @Test
    void theOwnerNodeRecoversItsVmOnTheExposedCsvSnapshotAndTheRestoreBringsBackTheRecoveredBytes() throws Exception {
        Path web = lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx");
        Path sql = lab.resolve("volumes/Volume1/data/sql01/Virtual Hard Disks/sql01.vhdx");
        byte[] webBefore = Files.readAllBytes(web);
        byte[] sqlBefore = Files.readAllBytes(sql);
        CliRun.Result backup = vsskit("-o", "json", "backup", "--vm", "web01", "--vm", "sql01", "--name", "recovered");
        assertThat(backup.exitCode()).as(backup.err() + backup.out()).isEqualTo(ExitCode.OK);
        String set = json(backup).path("snapshotSetId").asText();

        // the running guest of web01 wrote 512 bytes into its disk after its own shadow copy: the live file has them
        byte[] webLive = Files.readAllBytes(web);
        int first = mismatch(webBefore, webLive);
        assertThat(first).isPositive();
        assertThat(mismatch(java.util.Arrays.copyOfRange(webBefore, first + 512, webBefore.length),
                java.util.Arrays.copyOfRange(webLive, first + 512, webLive.length))).as("only 512 bytes differ").isEqualTo(-1);
        assertThat(new String(webLive, first, 120, java.nio.charset.StandardCharsets.US_ASCII))
                .startsWith("web01's guest wrote this after its own shadow copy in snapshot set " + set);

        // the backup's snapshot of Volume1 holds web01 as the guest's shadow copy had it: recovered, not as at the freeze
        CowVolumeStore store = CowVolumeStore.open(lab.resolve("volumes/Volume1"));
        assertThat(store.snapshots()).hasSize(1);
        String snap = store.snapshots().get(0).id();
        byte[] webInSnapshot = CowVolumeStore.readAll(store.openSnapshotFile(snap, "web01/Virtual Hard Disks/web01.vhdx"));
        assertThat(webInSnapshot).isEqualTo(webBefore).isNotEqualTo(webLive);
        // the requesting node's VM: no exposure, no guest write, its snapshot is its live bytes
        assertThat(Files.readAllBytes(sql)).isEqualTo(sqlBefore);
        assertThat(CowVolumeStore.readAll(store.openSnapshotFile(snap, "sql01/Virtual Hard Disks/sql01.vhdx")))
                .isEqualTo(sqlBefore);

        List<String> lines = items(json(vsskit("-o", "json", "lab", "node", "log", "--set", set))).stream()
                .map(e -> e.path("node").asText() + " " + e.path("source").asText() + " " + e.path("event").asText()
                        + ": " + e.path("subject").asText()).toList();
        assertThat(lines).containsSubsequence(
                "HV-LAB-01 Cluster Shared Volume VSS Writer PostSnapshot: the CSV snapshot of Volume1 is writable on"
                        + " HV-LAB-01 and exposed to HV-LAB-02 for auto-recovery",
                "HV-LAB-02 Microsoft Hyper-V VSS Writer PostSnapshot: auto-recovery of web01 on the CSV snapshot of"
                        + " Volume1: rolled back the 512 bytes its guest wrote after its own shadow copy"
                        + " (web01/Virtual Hard Disks/web01.vhdx at " + first + ")",
                "HV-LAB-01 Cluster Shared Volume VSS Writer PostSnapshot: exposure removed: the CSV snapshot of Volume1"
                        + " from HV-LAB-02");
        assertThat(lines).noneMatch(l -> l.startsWith("HV-LAB-01 Microsoft Hyper-V VSS Writer PostSnapshot: auto-recovery"));
        try (LabHost host = LabHost.open(lab)) {
            assertThat(host.cluster().state().exposures()).as("no exposure left").isEmpty();
        }

        // restored on its owner, web01 is the recovered content, byte for byte
        CliRun.Result restore = vsskit("--host", "lab:HV-LAB-02", "-o", "json", "restore", "--vm", "web01", "--backup",
                "recovered", "--force");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(Files.readAllBytes(web)).isEqualTo(webBefore).isNotEqualTo(webLive);
        CliRun.Result deep = vsskit("--host", "lab:HV-LAB-02", "verify", "--backup", "recovered", "--deep");
        assertThat(deep.exitCode()).as(deep.out()).isZero();
    }

    /** The ONTAP provider runs on each node: its commit event names the node that asked; verify passes from either. */
    @Test
    void theOntapProvidersCommitEventNamesTheNodeThatAskedAndVerifyPassesFromEitherNode() throws Exception {
        CliRun.Result fromNode2 = vsskit("--host", "lab:HV-LAB-02", "-o", "json", "backup", "--vm", "web01", "--name",
                "from-node2");
        assertThat(fromNode2.exitCode()).as(fromNode2.err() + fromNode2.out()).isZero();
        CliRun.Result fromNode1 = vsskit("-o", "json", "backup", "--vm", "sql01", "--name", "from-node1");
        assertThat(fromNode1.exitCode()).as(fromNode1.err() + fromNode1.out()).isZero();
        Map<String, String> computerBySet = new java.util.HashMap<>();
        for (JsonNode e : items(json(vsskit("-o", "json", "events", "--id", "4089", "--source", "Navssprv")))) {
            computerBySet.put(e.toString().replaceAll(".*(\\{[0-9a-f-]{36}\\}).*", "$1"), e.path("computer").asText());
        }
        assertThat(computerBySet).containsEntry(json(fromNode2).path("snapshotSetId").asText(), "HV-LAB-02.lab.local")
                .containsEntry(json(fromNode1).path("snapshotSetId").asText(), "HV-LAB-01.lab.local");
        for (String node : List.of("lab:HV-LAB-01", "lab:HV-LAB-02")) {
            for (String backup : List.of("from-node1", "from-node2")) {
                CliRun.Result verify = vsskit("--host", node, "verify", "--backup", backup);
                assertThat(verify.exitCode()).as(node + " " + backup + ": " + verify.out()).isZero();
            }
        }
    }

    static int mismatch(byte[] a, byte[] b) {
        return java.util.Arrays.mismatch(a, b);
    }

    /** CSV 2.0 statement 3 with the CSV Shadow Copy Provider itself taking the CSVs: freeze and thaw on both nodes. */
    @Test
    void withTheCsvProviderOneSetFreezesAndThawsTheWritersOfBothNodes() throws Exception {
        byte[] webBefore = Files.readAllBytes(lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx"));
        CliRun.Result backup = vsskit("-o", "json", "backup", "--vm", "sql01", "--vm", "web01", "--vm", "app01",
                "--provider", "Microsoft CSV Shadow Copy Provider");
        assertThat(backup.exitCode()).as(backup.err() + backup.out()).isZero();
        JsonNode b = json(backup);
        assertThat(items(b.path("volumes"))).extracting(v -> v.path("provider").asText())
                .containsOnly("Microsoft CSV Shadow Copy Provider");
        List<String> lines = items(json(vsskit("-o", "json", "lab", "node", "log", "--set",
                b.path("snapshotSetId").asText()))).stream().map(e -> e.path("node").asText() + " "
                        + e.path("source").asText() + " " + e.path("event").asText()).toList();
        assertThat(lines).containsSubsequence("HV-LAB-01 Microsoft Hyper-V VSS Writer Freeze",
                "HV-LAB-02 Microsoft Hyper-V VSS Writer Freeze", "HV-LAB-01 CSV redirected I/O on",
                "HV-LAB-01 Microsoft Hyper-V VSS Writer Thaw", "HV-LAB-01 CSV redirected I/O off",
                "HV-LAB-02 Microsoft Hyper-V VSS Writer Thaw");
        // node 2's auto-recovery wrote into the CSV provider's own shadow of Volume1 (statement 4 without ONTAP)
        CowVolumeStore store = CowVolumeStore.open(lab.resolve("volumes/Volume1"));
        assertThat(store.snapshots()).singleElement().satisfies(snap -> assertThat(snap.id()).startsWith("vss-"));
        assertThat(CowVolumeStore.readAll(store.openSnapshotFile(store.snapshots().get(0).id(),
                "web01/Virtual Hard Disks/web01.vhdx"))).isEqualTo(webBefore);
    }

    /** CSV 2.0 statement 6: redirected I/O only while the snapshot is created. */
    @Test
    void eachCsvIsRedirectedOnlyInsideSnapshotCreationAndTheVerbShowsItsWindows() throws Exception {
        CliRun.Result backup = vsskit("-o", "json", "backup", "--vm", "sql01", "--vm", "web01", "--vm", "app01");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        String set = json(backup).path("snapshotSetId").asText();
        List<JsonNode> windows = items(json(vsskit("-o", "json", "lab", "csv", "history")));
        assertThat(windows).extracting(w -> w.path("volume").asText()).containsExactlyInAnyOrder("Volume1", "Volume2");
        List<JsonNode> log = items(json(vsskit("-o", "json", "lab", "node", "log", "--set", set)));
        Instant firstPrepareSnapshot = log.stream().filter(e -> e.path("event").asText().startsWith("PrepareForSnapshot"))
                .map(e -> Instant.parse(e.path("time").asText())).min(Instant::compareTo).orElseThrow();
        Instant lastPostSnapshot = log.stream().filter(e -> e.path("event").asText().startsWith("PostSnapshot"))
                .map(e -> Instant.parse(e.path("time").asText())).max(Instant::compareTo).orElseThrow();
        Instant prepareBackup = log.stream().filter(e -> e.path("event").asText().startsWith("PrepareForBackup"))
                .map(e -> Instant.parse(e.path("time").asText())).max(Instant::compareTo).orElseThrow();
        Instant backupComplete = log.stream().filter(e -> e.path("event").asText().startsWith("BackupComplete"))
                .map(e -> Instant.parse(e.path("time").asText())).min(Instant::compareTo).orElseThrow();
        for (JsonNode w : windows) {
            Instant start = Instant.parse(w.path("start").asText());
            Instant end = Instant.parse(w.path("end").asText());
            assertThat(w.path("snapshotSet").asText()).isEqualTo(set);
            assertThat(start).isAfter(firstPrepareSnapshot).isAfter(prepareBackup).isBefore(end);
            assertThat(end).isBefore(lastPostSnapshot).isBefore(backupComplete);
        }
        assertThat(items(json(vsskit("-o", "json", "lab", "csv", "list"))))
                .allSatisfy(c -> {
                    assertThat(c.path("ioMode").asText()).isEqualTo("Direct");
                    assertThat(c.path("backupState").asText()).isEqualTo("None");
                });
        assertThat(vsskit("lab", "csv", "history").out()).contains("Volume1  redirected I/O ", " set " + set
                + " from HV-LAB-01");
    }

    @Test
    void aNodeThatGoesDownDuringTheBackupFailsItsVmsByNameAndTheOthersAreBackedUp() throws Exception {
        assertThat(vsskit("lab", "node", "down", "HV-LAB-02", "--at", "freeze").exitCode()).isZero();
        CliRun.Result backup = vsskit("-o", "json", "backup", "--all");
        assertThat(backup.exitCode()).as(backup.err()).isEqualTo(ExitCode.PARTIAL);
        JsonNode b = json(backup);
        assertThat(b.path("status").asText()).isEqualTo("PARTIAL");
        for (JsonNode vm : items(b.path("vms"))) {
            boolean isWeb01 = vm.path("name").asText().equals("web01");
            assertThat(vm.path("backedUp").asBoolean()).as(vm.toString()).isEqualTo(!isWeb01);
            if (isWeb01) {
                assertThat(vm.path("detail").asText()).isEqualTo("its owner node HV-LAB-02 went down at Freeze");
            }
        }
        assertThat(b.path("message").asText()).contains("not backed up: failed by their writer: web01 (its owner node"
                + " HV-LAB-02 went down at Freeze)");
        // clean afterwards: node 2 down, CSVs direct and out of backup, writers not failed
        assertThat(vsskit("lab", "node", "list").out()).contains("Node: HV-LAB-02 (HV-LAB-02.lab.local)\n   State: Down\n");
        assertThat(vsskit("lab", "csv", "list").out()).doesNotContain("Redirected", "Backup in progress");
        assertThat(vsskit("--host", "lab:HV-LAB-02", "list", "writers").err()).isEqualTo("vsskit: node HV-LAB-02 of"
                + " cluster HVCLUSTER is down; start it with `vsskit lab node up HV-LAB-02` or use another node\n");
        assertThat(vsskit("lab", "node", "up", "HV-LAB-02").exitCode()).isZero();
        assertThat(json(vsskit("-o", "json", "backup", "--all")).path("status").asText()).isEqualTo("OK");
    }

    @Test
    void theCsvWriterFailingAtEachPhaseAbortsTheSetAndLeavesNoCsvInBackupOrRedirected() throws Exception {
        for (String phase : List.of("prepare-backup", "prepare-snapshot", "freeze", "thaw", "post-snapshot")) {
            assertThat(vsskit("lab", "fault", "writer", "--writer", "Cluster Shared Volume VSS Writer", "--phase", phase,
                    "--hresult", "VSS_E_WRITERERROR_NONRETRYABLE").exitCode()).isZero();
            CliRun.Result backup = vsskit("-o", "json", "backup", "--vm", "web01", "--vm", "sql01");
            assertThat(backup.exitCode()).as(phase + ": " + backup.out()).isEqualTo(ExitCode.ERROR);
            assertThat(json(backup).path("message").asText()).as(phase)
                    .contains("the writer 'Cluster Shared Volume VSS Writer' failed");
            assertThat(vsskit("lab", "csv", "list").out()).as(phase).doesNotContain("Redirected", "Backup in progress");
            assertThat(vsskit("lab", "fault", "clear").exitCode()).isZero();
        }
        // at BackupComplete the backup stands (as in VSS); the CSV leaves backup state all the same
        vsskit("lab", "fault", "writer", "--writer", "Cluster Shared Volume VSS Writer", "--phase", "backup-complete",
                "--hresult", "VSS_E_WRITERERROR_NONRETRYABLE");
        CliRun.Result backup = vsskit("-o", "json", "backup", "--vm", "web01");
        assertThat(backup.exitCode()).as(backup.out()).isEqualTo(ExitCode.OK);
        assertThat(json(backup).path("message").asText()).contains("failed writers: Cluster Shared Volume VSS Writer");
        assertThat(vsskit("lab", "csv", "list").out()).doesNotContain("Redirected", "Backup in progress");
    }

    @Test
    void aVmMovesToAnotherNodeButNotWhileItsCsvIsInABackup() throws Exception {
        CliRun.Result move = vsskit("lab", "vm", "move", "web01", "--to", "hv-lab-01");
        assertThat(move.out()).isEqualTo("Moved VM web01 from HV-LAB-02 to HV-LAB-01 (live migration).\n");
        assertThat(items(json(vsskit("-o", "json", "lab", "node", "list")).get(1).path("vms"))).isEmpty();
        CliRun.Result backup = vsskit("-o", "json", "backup", "--vm", "web01");
        assertThat(backup.exitCode()).isZero();
        assertThat(vsskit("lab", "node", "log", "--set", json(backup).path("snapshotSetId").asText()).out())
                .doesNotContain("(proxy)", "HV-LAB-02");

        assertThat(vsskit("lab", "vm", "move", "web01", "--to", "HV-LAB-03").exitCode()).isEqualTo(ExitCode.USAGE);
        try (LabHost host = LabHost.open(lab)) {
            // a backup of Volume1 running in this (live) process
            host.cluster().backupStarted(VssId.random(), "HV-LAB-01", List.of("Volume1"), Instant.now());
        }
        CliRun.Result busy = vsskit("lab", "vm", "move", "web01", "--to", "HV-LAB-02");
        assertThat(busy.exitCode()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(busy.err()).contains("VM web01 cannot move while snapshot set {", "try again when the backup ends");
    }

    /**
     * A live migration in the middle of a backup. After the backup chose web01's component (the CSV writer's, for
     * node 2) and before the writers take it, web01 moves to node 1: node 2's writer no longer has it and the new
     * owner's is not in the set, so web01 fails by name, the others are backed up (PARTIAL, exit 5) and nothing is
     * left behind. A migration due once the VM is in the backup is refused, as Hyper-V refuses it: the VM stays.
     */
    @Test
    void aVmMigratedDuringTheBackupFailsByNameTheOthersAreBackedUpAndNothingIsLeft() throws Exception {
        CliRun.Result planned = vsskit("lab", "vm", "move", "web01", "--to", "HV-LAB-01", "--at", "prepare-backup");
        assertThat(planned.out()).isEqualTo("VM web01 moves from HV-LAB-02 to HV-LAB-01 when a backup reaches"
                + " PrepareForBackup (live migration).\n");
        assertThat(vsskit("lab", "node", "list").out()).contains("Node: HV-LAB-01 (HV-LAB-01.lab.local)\n",
                "   Migrations planned to it: web01 when a backup reaches PrepareForBackup\n");
        CliRun.Result backup = vsskit("-o", "json", "backup", "--all", "--name", "migrated");
        assertThat(backup.exitCode()).as(backup.err() + backup.out()).isEqualTo(ExitCode.PARTIAL);
        JsonNode b = json(backup);
        for (JsonNode vm : items(b.path("vms"))) {
            boolean isWeb01 = vm.path("name").asText().equals("web01");
            assertThat(vm.path("backedUp").asBoolean()).as(vm.toString()).isEqualTo(!isWeb01);
            if (isWeb01) {
                assertThat(vm.path("detail").asText()).isEqualTo("VM web01 moved from HV-LAB-02 to HV-LAB-01 (live"
                        + " migration) after the backup chose its component; HV-LAB-01's Hyper-V writer is not in this"
                        + " snapshot set, so it is not backed up: back it up again");
            }
        }
        String set = b.path("snapshotSetId").asText();
        List<String> lines = items(json(vsskit("-o", "json", "lab", "node", "log", "--set", set))).stream()
                .map(e -> e.path("node").asText() + " " + e.path("event").asText() + ": " + e.path("subject").asText())
                .toList();
        assertThat(lines).containsSubsequence(
                "HV-LAB-01 live migration: web01 from HV-LAB-02 to HV-LAB-01 at PrepareForBackup",
                "HV-LAB-02 PrepareForBackup: web01 is no longer on HV-LAB-02 (now on HV-LAB-01): not backed up");
        assertThat(lines).noneMatch(l -> l.contains("auto-recovery of web01") || l.contains("exposed to HV-LAB-02"));
        assertThat(items(json(vsskit("-o", "json", "lab", "node", "list")).get(0).path("vms")))
                .extracting(JsonNode::asText).contains("web01");
        // clean: no writer frozen or failed, no CSV in backup state or redirected, no exposure, nothing orphaned
        for (String node : List.of("lab:HV-LAB-01", "lab:HV-LAB-02")) {
            assertThat(vsskit("--host", node, "list", "writers").out().lines().filter(l -> l.contains("State:")))
                    .as(node).hasSize(6).allMatch(l -> l.endsWith("State: [1] Stable"));
        }
        assertThat(vsskit("lab", "csv", "list").out()).doesNotContain("Redirected", "Backup in progress");
        try (LabHost host = LabHost.open(lab)) {
            assertThat(host.cluster().state().exposures()).isEmpty();
            assertThat(host.cluster().state().moves()).isEmpty();
        }
        assertThat(items(json(vsskit("-o", "json", "cleanup")))).as("no leftover of the set").isEmpty();
        assertThat(vsskit("verify", "--backup", "migrated").exitCode()).isZero();
        // from its new owner web01 is backed up again, by that node's own writer
        assertThat(vsskit("-o", "json", "backup", "--vm", "web01").exitCode()).isZero();

        // once the VM is in the backup, Hyper-V refuses to migrate it: it stays and is backed up
        assertThat(vsskit("lab", "vm", "move", "web01", "--to", "HV-LAB-02", "--at", "freeze").exitCode()).isZero();
        CliRun.Result refused = vsskit("-o", "json", "backup", "--vm", "web01");
        assertThat(refused.exitCode()).as(refused.out()).isZero();
        assertThat(vsskit("lab", "node", "log", "--set", json(refused).path("snapshotSetId").asText()).out())
                .contains("live migration refused", "web01 to HV-LAB-02: it is being backed up in this snapshot set");
        assertThat(items(json(vsskit("-o", "json", "lab", "node", "list")).get(1).path("vms"))).isEmpty();
        assertThat(vsskit("lab", "vm", "move", "web01", "--to", "HV-LAB-02", "--at", "commit").exitCode())
                .isEqualTo(ExitCode.USAGE);
    }

    /**
     * A VM on the SMB 3.0 share that node 2 runs: the CSV writer does not proxy it, so a backup from node 1 names it
     * (PARTIAL, exit 5; the share is not even snapshotted) and says where to back it up; from its owner node it is
     * backed up through the File Share Shadow Copy provider and restored byte-exact there.
     */
    @Test
    void aVmOnTheShareOwnedByAnotherNodeIsNamedFromNode1AndBackedUpOnItsOwner() throws Exception {
        assertThat(vsskit("lab", "vm", "move", "file01", "--to", "HV-LAB-02").exitCode()).isZero();
        CliRun.Result fromNode1 = vsskit("-o", "json", "backup", "--all");
        assertThat(fromNode1.exitCode()).as(fromNode1.err() + fromNode1.out()).isEqualTo(ExitCode.PARTIAL);
        JsonNode b = json(fromNode1);
        String why = "it runs on node HV-LAB-02 from the SMB 3.0 share \\\\svm1\\hvshare\\, which the CSV writer"
                + " does not proxy (only VMs on CSVs): only HV-LAB-02's Hyper-V writer reports it; back it up on its"
                + " owner node: --host lab:HV-LAB-02";
        for (JsonNode vm : items(b.path("vms"))) {
            boolean isFile01 = vm.path("name").asText().equals("file01");
            assertThat(vm.path("backedUp").asBoolean()).as(vm.toString()).isEqualTo(!isFile01);
            if (isFile01) {
                assertThat(vm.path("detail").asText()).isEqualTo(why);
            }
        }
        assertThat(b.path("message").asText()).contains("file01 (" + why + ")");
        assertThat(items(b.path("volumes"))).extracting(v -> v.path("ontapVolume").asText())
                .containsExactlyInAnyOrder("hv_csv1", "hv_csv2");
        // the same VM alone from node 1: nothing can be backed up, said the same way
        CliRun.Result alone = vsskit("-o", "json", "backup", "--vm", "file01");
        assertThat(alone.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(json(alone).path("message").asText()).isEqualTo("no VM can be backed up: file01 (" + why + ")");

        Path vhdx = lab.resolve("volumes/hvshare/data/file01/Virtual Hard Disks/file01.vhdx");
        String atBackup = sha256(vhdx);
        CliRun.Result onOwner = vsskit("--host", "lab:HV-LAB-02", "-o", "json", "backup", "--vm", "file01", "--name",
                "share-vm");
        assertThat(onOwner.exitCode()).as(onOwner.err() + onOwner.out()).isZero();
        assertThat(items(json(onOwner).path("volumes"))).singleElement().satisfies(v -> {
            assertThat(v.path("ontapVolume").asText()).isEqualTo("hv_smb1");
            assertThat(v.path("provider").asText()).isEqualTo("Microsoft File Share Shadow Copy provider");
        });
        CowVolumeStore.open(lab.resolve("volumes/hvshare")).write("file01/Virtual Hard Disks/file01.vhdx", 65536,
                new byte[CowVolumeStore.BLOCK_SIZE]);
        assertThat(sha256(vhdx)).isNotEqualTo(atBackup);
        CliRun.Result restore = vsskit("--host", "lab:HV-LAB-02", "restore", "--vm", "file01", "--backup", "share-vm",
                "--force");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(sha256(vhdx)).isEqualTo(atBackup);
        // crash-consistent needs no writer: an ONTAP snapshot of the share's volume, from any node
        CliRun.Result crash = vsskit("-o", "json", "backup", "--vm", "file01", "--crash-consistent");
        assertThat(crash.exitCode()).as(crash.out()).isZero();
    }

    /** A backup that died leaves its CSV in backup state (redirected): shown, kept while a set is in progress, then cleared. */
    @Test
    void aCsvLeftInBackupStateByADeadBackupIsClearedOnlyWhenNoSetIsInProgress() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        VssId deadSet = VssId.random();
        try (LabHost host = LabHost.open(lab)) {
            host.cluster().update(s -> new LabCluster.State(s.owners(), s.down(), s.csvs().stream()
                    .map(c -> c.volume().equals("Volume1") ? new LabCluster.CsvState(c.volume(), c.coordinator(), deadSet,
                            "HV-LAB-02", gone.pid(), Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2026-01-01T00:00:01Z")) : c).toList()));
        }
        assertThat(vsskit("lab", "csv", "list").out()).contains("   I/O mode: Redirected since 2026-01-01T00:00:01Z\n",
                "Backup in progress: snapshot set " + deadSet + ", node HV-LAB-02, process " + gone.pid() + " (gone: left"
                        + " by a backup that died");

        // a set in creation on some node (this process holds the gate): nothing is cleared
        Path marker = lab.resolve("vss/set-in-progress.json");
        VssId live = VssId.random();
        Files.writeString(marker, "{\"snapshotSetId\":\"" + live + "\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"started\":\"2026-01-01T00:00:02Z\"}");
        CliRun.Result refused = vsskit("lab", "csv", "clear-backup-state");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(refused.err()).isEqualTo("vsskit: snapshot set " + live + " is being created; a CSV's backup state is"
                + " cleared only when no set is in progress on any node: try again when it ends\n");
        CliRun.Result blocked = vsskit("-o", "json", "backup", "--vm", "web01", "--retry", "1");
        assertThat(blocked.exitCode()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(json(blocked).path("message").asText()).contains("CSV Volume1 left in backup state by a backup that"
                + " died; not cleared while snapshot set " + live + " is being created");
        assertThat(vsskit("lab", "csv", "list").out()).contains("Backup in progress: snapshot set " + deadSet);

        // no set in progress: the next backup clears it first, and says so
        Files.delete(marker);
        CliRun.Result next = vsskit("-o", "json", "backup", "--vm", "web01");
        assertThat(next.exitCode()).as(next.out()).isZero();
        assertThat(json(next).path("message").asText()).contains("cleared the backup state of CSV Volume1 (set " + deadSet
                + " of node HV-LAB-02, process " + gone.pid() + " since 2026-01-01T00:00:00Z, in redirected I/O since"
                + " 2026-01-01T00:00:01Z)");
        assertThat(vsskit("lab", "csv", "list").out()).doesNotContain("Redirected", "Backup in progress");
        assertThat(vsskit("lab", "csv", "clear-backup-state").out()).isEqualTo(
                "No CSV was left in backup state by a backup that died.\n");
    }
}
