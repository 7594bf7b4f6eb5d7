package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.eventlog.EvtxEventSink;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.LabBackupTarget;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.store.StorageSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * doctor, cleanup and timeline through the CLI on a fresh lab: each check and each kind of leftover the lab can
 * be made to show is provoked here (the storage limits that need hundreds of volumes or snapshots are provoked
 * in vss-core's DoctorChecksTest).
 */
class AdminVerbsTest extends LabCliTest {

    static JsonNode check(CliRun.Result r, String name) throws Exception {
        for (JsonNode c : JSON.readTree(r.out()).path("checks")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check '" + name + "' in " + r.out());
    }

    List<String> ontapSnapshots(String volume) {
        try (LabHost host = LabHost.open(lab)) {
            return new LabBackupTarget(host).storage().orElseThrow().snapshots(volume).stream()
                    .map(StorageSnapshot::name).toList();
        }
    }

    void createOntapSnapshot(String volume, String name, String comment) {
        try (LabHost host = LabHost.open(lab)) {
            new LabBackupTarget(host).storage().orElseThrow().createSnapshots(List.of(volume), name, comment);
        }
    }

    // ------------------------------------------------------------------ doctor

    @Test
    void doctorOnAFreshLabPassesEveryCheckAndWritesJUnit() throws Exception {
        Path junit = tmp.resolve("doctor.xml");
        CliRun.Result r = vsskit("doctor", "--junit", junit.toString());
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Doctor: HV-LAB-01.lab.local, 4 VMs (all)")
                .contains("[PASS] providers registered and not conflicting")
                .contains("[PASS] CSV owner and I/O mode").contains("owner HV-LAB-01, Direct")
                .contains("[PASS] CSV LUNs per storage system").contains("cluster cluster1: 2 CSV LUNs (limit 15)")
                .contains("[PASS] ONTAP reachable with verified TLS").contains("pinned certificate")
                .contains("[PASS] FSRVP limits for SMB VMs").contains("CIFS server svm1: 1 share")
                .contains("Result: PASSED (12 checks: 12 passed)");
        Document report = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(report.getElementsByTagName("testcase").getLength()).isEqualTo(12);
        assertThat(report.getDocumentElement().getAttribute("name")).isEqualTo("vsskit doctor");

        CliRun.Result json = vsskit("doctor", "--vm", "web01", "-o", "json");
        assertThat(json.exitCode()).isZero();
        assertThat(JSON.readTree(json.out()).path("subject").asText()).isEqualTo("HV-LAB-01.lab.local, 1 VM");
        assertThat(check(json, "Snapshot copy headroom per ONTAP volume").path("evidence").asText())
                .isEqualTo("hv_csv1 0 of 1023");
        assertThat(check(json, "FSRVP limits for SMB VMs").path("status").asText()).isEqualTo("skip");
    }

    @Test
    void doctorRefusesAnUnknownVmOrDatasetAsBadInput() {
        CliRun.Result vm = vsskit("doctor", "--vm", "nosuch");
        assertThat(vm.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(vm.err()).isEqualTo("vsskit: unknown VM 'nosuch'; this host's VMs are sql01, web01, app01, file01\n");
        CliRun.Result ds = vsskit("doctor", "--dataset", "nosuch");
        assertThat(ds.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ds.err()).contains("unknown dataset 'nosuch'").contains("vsskit dataset list");
    }

    @Test
    void doctorFailsOnConflictingOntapProvidersAndAVmWithoutBackupIntegration() throws Exception {
        LabConfig base = LabInit.defaultConfig(VssId::random);
        List<Provider> providers = new ArrayList<>(base.providers());
        providers.add(new Provider("Data ONTAP VSS Hardware Provider (SnapDrive)", ProviderType.HARDWARE,
                VssId.random(), "6.4.0.1"));
        var vms = base.vms().stream().map(v -> !v.name().equals("app01") ? v : new LabConfig.LabVm(v.name(), v.id(),
                v.volume(), false, v.inGuestWriters(), v.vhdx(), v.config())).toList();
        lab = tmp.resolve("conflict-lab");
        LabInit.create(lab, false, new LabConfig(base.formatVersion(), base.host(), base.volumes(), providers,
                base.writers(), vms, base.ontap(), base.shadowStorage()));

        CliRun.Result r = vsskit("doctor");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(r.out()).contains("[FAIL] providers registered and not conflicting")
                .contains("2 Data ONTAP VSS hardware providers are registered")
                .contains("[FAIL] VMs can be backed up online")
                .contains("app01: the guest has no backup integration service")
                .contains("Fix: enable the Backup (volume shadow copy) integration service");
        assertThat(vsskit("doctor", "--vm", "web01").out())
                .contains("[PASS] VMs can be backed up online");
    }

    @Test
    void doctorFailsOnAFailedWriterAndWarnsOfACsvInRedirectedIo() throws Exception {
        assertThat(vsskit("lab", "fault", "writer", "--writer", "WMI Writer", "--phase", "freeze", "--hresult",
                "0x800423F1").exitCode()).isZero();
        assertThat(vsskit("create", "shadow", "--for=C:", "--context", "ClientAccessibleWriters").exitCode()).isNotZero();
        // A rehearsal's CSV state (docs/lab-files.md, cluster/csv-states.json): CSV 2 left in block redirected I/O.
        Files.createDirectories(lab.resolve("cluster"));
        Files.writeString(lab.resolve("cluster/csv-states.json"), """
                [{"path": "C:\\\\ClusterStorage\\\\Volume2\\\\", "ownerNode": "HV-LAB-02", "ioMode": "BLOCK_REDIRECTED",
                  "reason": "backup in progress"}]
                """);

        CliRun.Result r = vsskit("doctor", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFY_FAILED);
        JsonNode writers = check(r, "writers stable");
        assertThat(writers.path("status").asText()).isEqualTo("fail");
        assertThat(writers.path("evidence").asText()).isEqualTo("1 of 6 writers failed: 'WMI Writer' Failed (Out of resources)");
        JsonNode csv = check(r, "CSV owner and I/O mode");
        assertThat(csv.path("status").asText()).isEqualTo("warn");
        assertThat(csv.path("evidence").asText()).isEqualTo("C:\\ClusterStorage\\Volume2\\ is in block redirected I/O"
                + " (backup in progress), owner HV-LAB-02: every VM on it is slow");
        assertThat(csv.path("fix").asText()).contains("Move-ClusterSharedVolume");
    }

    @Test
    void doctorFailsOnAnUnreadableEventLogAndCatalogRecord() throws Exception {
        Files.createDirectories(lab.resolve("events"));
        Files.writeString(lab.resolve("events/Application.evtx"), "not an event log");
        Files.createDirectories(lab.resolve("catalog"));
        Files.writeString(lab.resolve("catalog/broken.json"), "{ torn");

        CliRun.Result r = vsskit("doctor", "-o", "json");
        assertThat(r.exitCode()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(check(r, "event log readable").path("status").asText()).isEqualTo("fail");
        assertThat(check(r, "event log readable").path("evidence").asText()).startsWith("cannot read ");
        JsonNode catalog = check(r, "catalog readable");
        assertThat(catalog.path("status").asText()).isEqualTo("fail");
        assertThat(catalog.path("evidence").asText()).contains("0 records readable, 1 unreadable file")
                .contains("broken.json");
    }

    // ------------------------------------------------------------------ cleanup

    @Test
    void cleanupListsEachKindOfLeftoverWithWhyAndApplyRemovesThemButNothingARecordOrLiveRunNeeds() throws Exception {
        // a kept backup: its shadows and Snapshot copies are needed by its record
        assertThat(vsskit("backup", "--vm", "web01", "--name", "kept").exitCode()).isZero();
        // a backup whose record is lost: its shadow (and with it its Snapshot copy) is a leftover
        assertThat(vsskit("backup", "--vm", "sql01", "--name", "lost").exitCode()).isZero();
        assertThat(new BackupCatalog(lab.resolve("catalog")).delete("lost")).isTrue();
        // a vsskit-named Snapshot copy with no shadow and no record
        String ghost = "ghost__" + VssId.random().bare();
        createOntapSnapshot("hv_csv2", ghost, "vsskit backup ghost");
        // a Snapshot copy someone else took, and one a running backup (a live note) is making: not leftovers
        createOntapSnapshot("hv_csv2", "daily.0", "");
        VssId running = VssId.random();
        createOntapSnapshot("hv_csv2", "running__" + running.bare(), "vsskit backup running");
        Path inflight = Files.createDirectories(lab.resolve("catalog/inflight"));
        Files.writeString(inflight.resolve("running.json"), "{\"name\":\"running\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"started\":\"" + Instant.now() + "\",\"phase\":\"commit\",\"snapshotSetId\":\"" + running + "\"}");
        // the note of a backup whose process died
        Files.writeString(inflight.resolve("dead.json"), "{\"name\":\"dead\",\"pid\":999999999,\"started\":\""
                + Instant.now() + "\",\"phase\":\"planned\"}");

        CliRun.Result doctor = vsskit("doctor", "-o", "json");
        assertThat(check(doctor, "no leftovers").path("status").asText()).isEqualTo("warn");
        assertThat(check(doctor, "no leftovers").path("evidence").asText()).startsWith("3 leftovers: ");

        CliRun.Result dry = vsskit("cleanup");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("Leftover in-flight note: dead.json")
                .contains("backup dead was running in process 999999999, which is gone (it died at phase planned)")
                .contains("Leftover shadow copy: {").contains("made for backup lost")
                .contains("Leftover ONTAP Snapshot copy: " + ghost)
                .contains("named for backup ghost, which no catalog record names")
                .contains("3 leftovers found; nothing was changed (dry run).")
                .doesNotContain("kept").doesNotContain("daily.0").doesNotContain("running__");
        assertThat(ontapSnapshots("hv_csv2")).contains(ghost);

        CliRun.Result json = vsskit("cleanup", "-o", "json");
        assertThat(JSON.readTree(json.out()).findValuesAsText("kind"))
                .containsExactly("in-flight note", "shadow copy", "ONTAP Snapshot copy");

        CliRun.Result applied = vsskit("cleanup", "--apply");
        assertThat(applied.exitCode()).as(applied.out() + applied.err()).isZero();
        assertThat(applied.out()).contains("Removed 3 of 3 leftovers.");
        assertThat(ontapSnapshots("hv_csv2")).doesNotContain(ghost).contains("daily.0", "running__" + running.bare());
        assertThat(ontapSnapshots("hv_csv1")).anyMatch(n -> n.startsWith("kept__"));
        assertThat(ontapSnapshots("hv_csv1")).noneMatch(n -> n.startsWith("lost__"));
        assertThat(Files.exists(inflight.resolve("dead.json"))).isFalse();
        assertThat(Files.exists(inflight.resolve("running.json"))).isTrue();
        assertThat(vsskit("verify", "--backup", "kept").exitCode()).isZero();
        assertThat(vsskit("cleanup").out()).contains("No items found that satisfy the query.");
    }

    @Test
    void cleanupTakesFailedAttemptsOnlyWhenOlderThanAskedAndRefusesBadInput() throws Exception {
        assertThat(vsskit("lab", "storage-latency", "10500", "--virtual-time").exitCode()).isZero();
        assertThat(vsskit("backup", "--vm", "web01", "--name", "slow", "--retry", "2", "--retry-wait", "0s")
                .exitCode()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(vsskit("lab", "storage-latency", "0", "--real-time").exitCode()).isZero();

        assertThat(vsskit("cleanup").out()).contains("No items found");
        CliRun.Result old = vsskit("cleanup", "--failed-older-than", "0s");
        assertThat(old.out()).contains("Leftover failed attempt record: slow.try1")
                .contains("Leftover failed attempt record: slow\n").contains("VSS_E_HOLD_WRITES_TIMEOUT")
                .contains("no restore can use it");
        assertThat(vsskit("cleanup", "--failed-older-than", "0s", "--apply").exitCode()).isZero();
        assertThat(JSON.readTree(vsskit("list", "backups", "-o", "json").out())).isEmpty();

        CliRun.Result both = vsskit("cleanup", "--apply", "--dry-run");
        assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(both.err()).contains("--apply and --dry-run contradict");
        assertThat(vsskit("cleanup", "--failed-older-than", "soon").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    // ------------------------------------------------------------------ timeline

    @Test
    void timelineOfARetriedBackupShowsBothAttemptsAndThe4364AsRetryable() throws Exception {
        assertThat(vsskit("lab", "storage-latency", "10500", "--virtual-time").exitCode()).isZero();
        assertThat(vsskit("backup", "--vm", "web01", "--name", "slow", "--retry", "2", "--retry-wait", "0s")
                .exitCode()).isEqualTo(ExitCode.TRANSIENT);

        CliRun.Result text = vsskit("timeline", "--last");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("Timeline of backup slow (2 attempts)")
                .contains("attempt 1 of 2 (slow.try1) started").contains("attempt 2 of 2 (slow) failed")
                .contains("Navssprv 4364").contains("[VSS_E_HOLD_WRITES_TIMEOUT, retryable]");
        assertThat(text.out().indexOf("attempt 1 of 2 (slow.try1) started"))
                .isLessThan(text.out().indexOf("Navssprv 4364")).isLessThan(text.out().indexOf("attempt 2 of 2"));

        JsonNode job = JSON.readTree(vsskit("timeline", "--backup", "slow.try1", "-o", "json").out());
        assertThat(job.path("backup").asText()).isEqualTo("slow");
        assertThat(job.path("attempts")).hasSize(2);
        List<JsonNode> slow = new ArrayList<>();
        job.path("entries").forEach(e -> {
            if (e.path("eventId").asInt() == 4364) {
                slow.add(e);
            }
        });
        assertThat(slow).hasSize(2).allSatisfy(e -> {
            assertThat(e.path("hresultClass").asText()).isEqualTo("retryable");
            assertThat(e.path("source").asText()).isEqualTo("Navssprv");
        });
    }

    @Test
    void timelineReadsVssEventsFromAnExportedLogAndTagsTheirHResult() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "ok").exitCode()).isZero();
        var record = new BackupCatalog(lab.resolve("catalog")).find("ok").orElseThrow();
        Path export = tmp.resolve("export.evtx");
        EvtxEventSink sink = new EvtxEventSink(export);
        sink.write(new ClassicEvent("Application", "VSS", 8193, ClassicEvent.LEVEL_ERROR, record.started(),
                "HV-LAB-01.lab.local", List.of("CVssWriterMgr::Gather", "0x80042302")));
        sink.write(new ClassicEvent("Application", "VSS", 12289, ClassicEvent.LEVEL_ERROR, record.finished(),
                "HV-LAB-01.lab.local", List.of("DeviceIoControl", "0x80042316, Another shadow copy creation")));
        sink.write(new ClassicEvent("Application", "VSS", 8194, ClassicEvent.LEVEL_ERROR,
                record.started().minusSeconds(3600), "HV-LAB-01.lab.local", List.of("an hour before")));

        CliRun.Result r = vsskit("timeline", "--backup", "ok", "--events", export.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("VSS 8193").contains("[VSS_E_UNEXPECTED, not retryable]")
                .contains("VSS 12289").contains("[VSS_E_SNAPSHOT_SET_IN_PROGRESS, retryable]")
                .doesNotContain("an hour before").doesNotContain("Navssprv");

        CliRun.Result unknown = vsskit("timeline", "--backup", "nosuch");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).isEqualTo("vsskit: unknown backup 'nosuch'; see `vsskit list backups`\n");
        CliRun.Result missing = vsskit("timeline", "--last", "--events", tmp.resolve("none.evtx").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).contains("no such file or folder; give an exported .evtx");
    }
}
