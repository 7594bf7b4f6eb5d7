package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.storage.CowVolumeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** backup, list backups, verify, restore, datasets and delete backup, each through the CLI on a fresh lab. */
class BackupVerbsTest extends LabCliTest {

    static JsonNode json(CliRun.Result r) throws Exception {
        return JSON.readTree(r.out());
    }

    /** The Snapshot copies of an ONTAP volume, read from the simulator's REST API as a client would. */
    java.util.List<String> ontapSnapshots(String volume) {
        try (dev.vsskit.lab.LabHost host = dev.vsskit.lab.LabHost.open(lab)) {
            return new dev.vsskit.lab.backup.LabBackupTarget(host).storage().orElseThrow().snapshots(volume).stream()
                    .map(dev.vsskit.vss.store.StorageSnapshot::name).toList();
        }
    }

    static String sha256(Path f) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    /** How the host says it restored a VM's files in place on a CSV (the lab: the storage's single-file restore). */
    String inPlaceMethodOnCsv() {
        return "single-file restore";
    }

    @Test
    void backupOfAllVmsIsListedAndVerifiesFromTheLabEventLog() throws Exception {
        CliRun.Result backup = vsskit("backup", "--all", "--output", "json");
        assertThat(backup.exitCode()).as(backup.err()).isEqualTo(ExitCode.OK);
        JsonNode b = json(backup);
        assertThat(b.path("status").asText()).isEqualTo("OK");
        assertThat(b.path("snapshotSetId").asText()).startsWith("{");
        assertThat(b.path("vms")).hasSize(4).allSatisfy(v -> assertThat(v.path("backedUp").asBoolean()).isTrue());
        assertThat(b.path("volumes").findValuesAsText("provider"))
                .contains("Data ONTAP VSS Hardware Provider", "Microsoft File Share Shadow Copy provider");
        String name = b.path("name").asText();
        assertThat(name).matches("HV-LAB-01_\\d\\d-\\d\\d-\\d{4}_\\d\\d\\.\\d\\d\\.\\d\\d");

        CliRun.Result list = vsskit("list", "backups", "--output", "json");
        assertThat(list.exitCode()).isZero();
        assertThat(json(list).findValuesAsText("name")).containsExactly(name);

        Path junit = tmp.resolve("report.xml");
        CliRun.Result verify = vsskit("verify", "--last", "--junit", junit.toString());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCode.OK);
        assertThat(verify.out()).contains("[PASS] provider event 4089 within the commit limit")
                .contains("Result: PASSED");
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(report.getElementsByTagName("testcase").getLength()).isEqualTo(6);
        assertThat(report.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void restoreAfterTheVhdxWasOverwrittenBringsBackTheBytesOfTheBackup() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "before-damage").exitCode()).isZero();
        Path vhdx = lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx");
        String atBackup = sha256(vhdx);
        byte[] junk = new byte[3 * CowVolumeStore.BLOCK_SIZE];
        Arrays.fill(junk, (byte) 0x5A);
        CowVolumeStore.open(lab.resolve("volumes/Volume1")).write("web01/Virtual Hard Disks/web01.vhdx", 65536, junk);
        assertThat(sha256(vhdx)).isNotEqualTo(atBackup);

        CliRun.Result refused = vsskit("restore", "--vm", "web01", "--backup", "before-damage");
        assertThat(refused.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(refused.err()).contains("is running");
        assertThat(sha256(vhdx)).isNotEqualTo(atBackup);

        CliRun.Result restore = vsskit("restore", "--vm", "web01", "--backup", "before-damage", "--force", "--start",
                "--output", "json");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(json(restore).path("verified").asBoolean()).isTrue();
        assertThat(json(restore).path("method").asText()).isEqualTo(inPlaceMethodOnCsv());
        assertThat(sha256(vhdx)).isEqualTo(atBackup);
    }

    @Test
    void aHyperVWriterFailingPreRestoreStopsTheRestoreBeforeAnyFileChanges() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "good").exitCode()).isZero();
        Path vhdx = lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx");
        byte[] junk = new byte[CowVolumeStore.BLOCK_SIZE];
        Arrays.fill(junk, (byte) 0x33);
        CowVolumeStore.open(lab.resolve("volumes/Volume1")).write("web01/Virtual Hard Disks/web01.vhdx", 0, junk);
        String damaged = sha256(vhdx);
        assertThat(vsskit("lab", "fault", "writer", "--writer", "Microsoft Hyper-V VSS Writer", "--phase",
                "pre-restore", "--hresult", "0x800423F4").exitCode()).isZero();

        CliRun.Result r = vsskit("restore", "--vm", "web01", "--force");
        assertThat(r.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).contains("0x800423f4");
        assertThat(sha256(vhdx)).isEqualTo(damaged);
        assertThat(vsskit("list", "writers").out()).contains("Non-retryable error");

        assertThat(vsskit("lab", "fault", "clear").exitCode()).isZero();
        assertThat(vsskit("restore", "--vm", "web01", "--force").exitCode()).isZero();
        assertThat(sha256(vhdx)).isNotEqualTo(damaged);
    }

    @Test
    void aVmThatCannotBeBackedUpOnlineMakesThePlanAndTheBackupPartialUnlessSavedStateIsAllowed() throws Exception {
        // a lab whose app01 guest has no backup integration service: the Hyper-V writer can only save its state
        dev.vsskit.lab.LabConfig base = dev.vsskit.lab.LabInit.defaultConfig(dev.vsskit.vss.VssId::random);
        var vms = base.vms().stream().map(v -> !v.name().equals("app01") ? v : new dev.vsskit.lab.LabConfig.LabVm(
                v.name(), v.id(), v.volume(), false, v.inGuestWriters(), v.vhdx(), v.config())).toList();
        lab = tmp.resolve("saved-state-lab");
        LabInit.create(lab, false, new dev.vsskit.lab.LabConfig(base.formatVersion(), base.host(), base.volumes(),
                base.providers(), base.writers(), vms, base.ontap(), base.shadowStorage()));

        CliRun.Result plan = vsskit("backup", "--all", "--plan");
        assertThat(plan.exitCode()).isEqualTo(ExitCode.PARTIAL);
        assertThat(plan.out()).contains("app01").contains("NOT BACKED UP").contains("--allow-saved-state")
                .contains("provider: 'Data ONTAP VSS Hardware Provider'");
        assertThat(json(vsskit("list", "backups", "--output", "json"))).as("--plan takes no backup").isEmpty();

        CliRun.Result partial = vsskit("backup", "--all", "--output", "json");
        assertThat(partial.exitCode()).as(partial.err()).isEqualTo(ExitCode.PARTIAL);
        JsonNode p = json(partial);
        assertThat(p.path("status").asText()).isEqualTo("PARTIAL");
        assertThat(p.path("vms")).filteredOn(v -> v.path("name").asText().equals("app01")).singleElement()
                .satisfies(v -> assertThat(v.path("backedUp").asBoolean()).isFalse());

        CliRun.Result all = vsskit("backup", "--all", "--allow-saved-state", "--output", "json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(json(all).path("vms")).filteredOn(v -> v.path("name").asText().equals("app01")).singleElement()
                .satisfies(v -> assertThat(v.path("backupMethod").asText()).isEqualTo("Saved State"));
    }

    @Test
    void restoreToAnAlternateFolderLeavesTheVmAloneAndRefusesAFolderThatHoldsFiles() throws Exception {
        assertThat(vsskit("backup", "--vm", "file01", "--name", "share-backup").exitCode()).isZero();
        Path to = tmp.resolve("restored");
        CliRun.Result r = vsskit("restore", "--vm", "file01", "--to", to.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(sha256(to.resolve("Virtual Hard Disks/file01.vhdx")))
                .isEqualTo(sha256(lab.resolve("volumes/hvshare/data/file01/Virtual Hard Disks/file01.vhdx")));

        CliRun.Result again = vsskit("restore", "--vm", "file01", "--to", to.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(again.err()).contains("exists and is not empty");
    }

    @Test
    void crashConsistentBackupTakesOntapSnapshotsWithoutVssAndRestores() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent", "--output", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        JsonNode b = json(backup);
        assertThat(b.path("type").asText()).isEqualTo("Crash consistent");
        assertThat(b.path("volumes").get(0).path("ontapVolume").asText()).isEqualTo("hv_csv2");

        CliRun.Result verify = vsskit("verify", "--backup", b.path("name").asText());
        assertThat(verify.exitCode()).as(verify.out()).isZero();
        assertThat(verify.out()).contains("[SKIP] provider event 4089").contains("[PASS] snapshots exist");

        CliRun.Result restore = vsskit("restore", "--vm", "app01", "--force");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
    }

    @Test
    void aVmForcedOntoTheSoftwareProviderFailsVerification() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "sql01", "--provider", "Microsoft CSV Shadow Copy Provider",
                "--output", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        CliRun.Result verify = vsskit("verify", "--last");
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(verify.out()).contains("[FAIL] hardware provider used").contains("hardware provider not used");
    }

    @Test
    void retentionKeepsTheNewestAndDeletesTheOlderOntapSnapshots() throws Exception {
        for (int i = 1; i <= 5; i++) {
            CliRun.Result r = vsskit("backup", "--vm", "web01", "--name", "nightly-" + i, "--retain", "3");
            assertThat(r.exitCode()).as(r.err()).isZero();
        }
        JsonNode list = json(vsskit("list", "backups", "--output", "json"));
        assertThat(list.findValuesAsText("name")).containsExactly("nightly-3", "nightly-4", "nightly-5");
        assertThat(ontapSnapshots("hv_csv1")).noneMatch(n -> n.startsWith("nightly-1") || n.startsWith("nightly-2"))
                .anyMatch(n -> n.startsWith("nightly-5__")).anyMatch(n -> n.startsWith("nightly-3__"));
    }

    @Test
    void datasetsNameVmsAndBadInputIsRefusedWithoutChangingAnything() throws Exception {
        assertThat(vsskit("dataset", "create", "prod", "--vm", "sql01", "--vm", "web01").exitCode()).isZero();
        CliRun.Result slash = vsskit("dataset", "create", "a/b", "--vm", "sql01");
        assertThat(slash.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(slash.err()).contains("a-z A-Z 0-9 _ -");

        CliRun.Result unknownVm = vsskit("backup", "--vm", "nosuchvm");
        assertThat(unknownVm.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownVm.err()).contains("unknown VM nosuchvm").contains("known VMs: sql01");
        assertThat(json(vsskit("list", "backups", "--output", "json"))).isEmpty();

        CliRun.Result unknownBackup = vsskit("restore", "--vm", "web01", "--backup", "nope");
        assertThat(unknownBackup.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownBackup.err()).contains("unknown backup 'nope'");
        CliRun.Result unknownRestoreVm = vsskit("restore", "--vm", "nosuchvm");
        assertThat(unknownRestoreVm.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknownRestoreVm.err()).isEqualTo("vsskit: unknown VM 'nosuchvm' on HV-LAB-01.lab.local;"
                + " `vsskit list vms` lists them\n");

        CliRun.Result ds = vsskit("backup", "--dataset", "prod", "--output", "json");
        assertThat(ds.exitCode()).as(ds.err()).isZero();
        assertThat(json(ds).path("name").asText()).startsWith("prod_");
        assertThat(json(vsskit("list", "backups", "--dataset", "prod", "--output", "json")).get(0).path("vms"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrder("sql01", "web01");
    }

    @Test
    void verifyRunsWithoutTheLabFromACopiedCatalogAndAnExportedLog() throws Exception {
        assertThat(vsskit("backup", "--vm", "sql01", "--name", "exported").exitCode()).isZero();
        Path catalog = tmp.resolve("copied-catalog");
        Files.createDirectories(catalog);
        try (var files = Files.list(lab.resolve("catalog"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, catalog.resolve(f.getFileName()));
            }
        }
        Path evtx = tmp.resolve("Application.evtx");
        Files.copy(lab.resolve("events/Application.evtx"), evtx);
        Path junit = tmp.resolve("junit.xml");
        CliRun.Result r = CliRun.run(Map.of("HOME", tmp.resolve("nohome").toString(), "VSSKIT_LAB",
                tmp.resolve("no-lab-here").toString()), "verify", "--backup", "exported", "--catalog", catalog.toString(),
                "--events", evtx.toString(), "--junit", junit.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("[SKIP] snapshots exist on the storage").contains("[PASS] no provider event 4364");
        assertThat(Files.exists(tmp.resolve("no-lab-here"))).as("verify must not create a lab").isFalse();
        assertThat(Files.readString(junit)).contains("testcase");
    }

    @Test
    void aCommitPastTenSecondsIsRetriedLogs4364EndsTransientAndFailsVerification() throws Exception {
        CliRun.Result slow = vsskit("lab", "storage-latency", "10500", "--virtual-time");
        assertThat(slow.exitCode()).as(slow.err()).isZero();

        CliRun.Result backup = vsskit("backup", "--vm", "web01", "--name", "slow", "--retry", "2", "--retry-wait", "0s",
                "--output", "json");
        assertThat(backup.exitCode()).as(backup.out() + backup.err()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(json(backup).path("attempts").asInt()).isEqualTo(2);
        assertThat(json(backup).path("failure").asText()).isEqualTo("VSS_E_HOLD_WRITES_TIMEOUT");
        var events = dev.vsskit.vss.verify.EvtxCommitEvents.read(lab.resolve("events/Application.evtx"), w -> { });
        assertThat(events).filteredOn(e -> e.eventId() == 4364).hasSize(2)
                .allSatisfy(e -> assertThat(e.milliseconds().getAsLong()).isGreaterThan(10_000));
        JsonNode jobs = json(vsskit("list", "backups", "--output", "json"));
        assertThat(jobs.findValuesAsText("name")).as("a failed try is an attempt of its job").containsExactly("slow");
        assertThat(jobs.get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(jobs.get(0).path("failedTries").toString()).isEqualTo("[\"slow.try1\"]");
        assertThat(ontapSnapshots("hv_csv1")).noneMatch(n -> n.startsWith("slow"));

        CliRun.Result verify = vsskit("verify", "--last");
        assertThat(verify.exitCode()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(verify.out()).contains("[FAIL] no provider event 4364").contains("retry the backup");

        assertThat(vsskit("lab", "storage-latency", "0", "--real-time").exitCode()).isZero();
        assertThat(vsskit("backup", "--vm", "web01", "--name", "fast").exitCode()).isZero();
    }

    @Test
    void deleteBackupRemovesItsSnapshotsAndRecord() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "doomed").exitCode()).isZero();
        assertThat(ontapSnapshots("hv_csv1")).anyMatch(n -> n.startsWith("doomed__"));
        CliRun.Result del = vsskit("delete", "backup", "doomed");
        assertThat(del.exitCode()).as(del.err()).isZero();
        assertThat(json(vsskit("list", "backups", "--output", "json"))).isEmpty();
        assertThat(ontapSnapshots("hv_csv1")).noneMatch(n -> n.startsWith("doomed__"));
        assertThat(vsskit("delete", "backup", "doomed").exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
