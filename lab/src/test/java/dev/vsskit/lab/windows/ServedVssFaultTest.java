package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.vss.FaultPlan;
import dev.vsskit.lab.vss.FaultPlanStore;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.ComTiming;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A whole backup and restore session, and the fault matrix, through the binding against the served lab: each
 * outcome (HRESULT, writer states, shadows left) is the one the lab host gives for the same session directly, and
 * the requester followed the rules on every path (AbortBackup before Release after PrepareForBackup, everything
 * freed and released, COM on one thread).
 */
class ServedVssFaultTest {

    static final ComTiming FAST = ServedVss.TEST_TIMING;
    static final String HYPER_V = "Microsoft Hyper-V VSS Writer";

    @TempDir
    Path tmp;

    record Outcome(HResult failure, String message, Map<String, String> writers, int shadowsLeft, String xml) {
    }

    /** A full backup of the VMs on Volume1, components selected, as `vsskit backup` drives it. */
    static Outcome backup(VssHost host, LabHost lab) {
        String xml = null;
        HResult failure = null;
        String message = "";
        try (BackupSession s = host.openBackupSession()) {
            s.initializeForBackup();
            s.setBackupState(true, false, BackupType.FULL, false);
            List<WriterMetadata> md = s.gatherWriterMetadata();
            WriterMetadata hv = md.stream().filter(m -> m.name().equals(HYPER_V)).findFirst().orElseThrow();
            List<WriterComponent> vms = hv.components().stream()
                    .filter(c -> c.files().stream().allMatch(f -> f.startsWith("C:\\ClusterStorage\\Volume1\\"))).toList();
            assertThat(vms).isNotEmpty();
            for (WriterComponent c : vms) {
                s.addComponent(hv.instanceId(), hv.writerId(), c.logicalPath(), c.name());
            }
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
            s.prepareForBackup();
            s.doSnapshotSet();
            for (WriterComponent c : vms) {
                s.setBackupSucceeded(hv.instanceId(), hv.writerId(), c.logicalPath(), c.name(), true);
            }
            s.backupComplete();
            xml = s.saveAsXml();
        } catch (VssException e) {
            failure = e.hresult();
            message = e.getMessage();
        }
        return new Outcome(failure, message, states(lab), lab.shadows().size(), xml);
    }

    static Map<String, String> states(LabHost lab) {
        return lab.writers().stream().collect(Collectors.toMap(Writer::name,
                w -> w.state() + "/" + w.lastError(), (a, b) -> a, TreeMap::new));
    }

    LabHost lab(String name) {
        return LabHost.open(LabInit.create(tmp.resolve(name), false).dir());
    }

    /** The backup on the Windows host over {@code served}; the requester must have followed the rules. */
    static Outcome backupThrough(ServedVss served, ComTiming timing, LabHost lab) {
        Outcome o;
        try (WindowsVssHost windows = new WindowsVssHost(served, timing)) {
            o = backup(windows, lab);
        }
        assertCleanRequester(served);
        return o;
    }

    static void assertCleanRequester(ServedVss served) {
        assertThat(served.problems()).isEmpty();
        assertThat(served.threads()).containsExactly("vsskit-com");
    }

    @Test
    void aBackupAndARestoreRunThroughTheBinding() {
        LabHost lab = lab("lab");
        ServedVss served = new ServedVss(lab);
        try (WindowsVssHost windows = new WindowsVssHost(served, FAST)) {
            Outcome o = backup(windows, lab);
            assertThat(o.failure()).as(o.message()).isNull();
            assertThat(o.xml()).contains("<WindowsBackupComponents>");
            assertThat(served.calls()).contains("IVssBackupComponents::AddComponent",
                    "IVssBackupComponents::SetBackupSucceeded", "IVssBackupComponents::BackupComplete",
                    "IVssBackupComponents::SaveAsXML");
            try (RestoreSession r = windows.openRestoreSession()) {
                r.initializeForRestore(o.xml());
                r.gatherWriterMetadata();
                assertThat(r.components()).isNotEmpty().allSatisfy(c -> assertThat(c.backupSucceeded()).isTrue());
                r.preRestore();
                assertThat(r.restoreInProgress()).isTrue();
                r.postRestore();
                assertThat(r.restoreInProgress()).isFalse();
                assertThat(r.gatherWriterStatus()).allSatisfy(w -> assertThat(w.state().isFailed()).isFalse());
            }
            assertThat(served.calls()).contains("IVssBackupComponents::InitializeForRestore",
                    "IVssBackupComponents::SetSelectedForRestore", "IVssBackupComponents::PreRestore",
                    "IVssBackupComponents::SetFileRestoreStatus", "IVssBackupComponents::PostRestore");
        }
        lab.close();
        assertCleanRequester(served);
    }

    @ParameterizedTest(name = "Hyper-V writer fails {0}")
    @EnumSource(value = WriterPhase.class, names = {"PREPARE_BACKUP", "PREPARE_SNAPSHOT", "FREEZE", "THAW",
        "POST_SNAPSHOT", "BACKUP_COMPLETE"})
    void aWriterFailingAPhaseEndsAsOnTheLabHost(WriterPhase phase) {
        HResult code = HResult.VSS_E_WRITERERROR_RETRYABLE;
        LabHost direct = lab("direct");
        LabHost viaCom = lab("com");
        for (LabHost l : List.of(direct, viaCom)) {
            new FaultPlanStore(l.dir()).update(p -> p.with(new FaultPlan.WriterFault(HYPER_V, phase, code, 0)));
        }
        Outcome expected = backup(direct, direct);
        ServedVss served = new ServedVss(viaCom);
        Outcome actual = backupThrough(served, FAST, viaCom);
        assertThat(actual.failure()).isEqualTo(expected.failure());
        assertThat(actual.writers()).isEqualTo(expected.writers());
        assertThat(actual.shadowsLeft()).isEqualTo(expected.shadowsLeft()).isZero();
        assertThat(actual.writers().get(HYPER_V)).isEqualTo("FAILED_AT_" + phase.name() + "/RETRYABLE");
        // as in VSS, a writer failing BackupComplete does not fail the backup: it shows in the writer's status
        assertThat(expected.failure()).isEqualTo(phase == WriterPhase.BACKUP_COMPLETE ? null : code);
        if (expected.failure() != null) {
            assertThat(actual.message()).contains(HYPER_V).contains("Retryable error");
            assertThat(served.aborts()).isPositive();
        }
        direct.close();
        viaCom.close();
    }

    @Test
    void pendingIsNotFailureButPastTheDeadlineItIsCancelledAndAborted() {
        LabHost lab = lab("lab");
        ServedVss served = new ServedVss(lab);
        served.faults().pendingQueries(3);
        assertThat(backupThrough(served, FAST, lab).failure()).isNull();

        ServedVss stuck = new ServedVss(lab);
        stuck.faults().pendingForever("DoSnapshotSet");
        ComTiming shortDeadline = new ComTiming(Duration.ofMillis(300), Duration.ofMillis(20), Duration.ofSeconds(1),
                Duration.ofMillis(10));
        Outcome o = backupThrough(stuck, shortDeadline, lab);
        assertThat(o.failure()).isEqualTo(HResult.VSS_E_UNEXPECTED);
        assertThat(o.message()).contains("DoSnapshotSet was still pending").contains("cancelled and the backup aborted");
        assertThat(stuck.cancels()).containsExactly("DoSnapshotSet");
        assertThat(stuck.aborts()).isEqualTo(1);
        assertThat(o.shadowsLeft()).isZero();
        lab.close();
    }

    @Test
    void anotherSnapshotSetInProgressIsRetriedUntilVsskitsWindow() {
        LabHost lab = lab("lab");
        ServedVss served = new ServedVss(lab);
        served.faults().setInProgress(3);
        assertThat(backupThrough(served, FAST, lab).failure()).isNull();
        assertThat(served.calls().stream().filter(c -> c.endsWith("::StartSnapshotSet"))).hasSize(4);

        ServedVss busy = new ServedVss(lab);
        busy.faults().setInProgress(Integer.MAX_VALUE);
        ComTiming shortWindow = new ComTiming(Duration.ofSeconds(30), Duration.ofMillis(20), Duration.ofMillis(200),
                Duration.ofMillis(20));
        Outcome o = backupThrough(busy, shortWindow, lab);
        assertThat(o.failure()).isEqualTo(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS);
        assertThat(o.message()).contains("another shadow copy set is being created");
        lab.close();
    }

    @Test
    void comSecuritySetBeforeVsskitIsANoteNotAFailure() {
        LabHost lab = lab("lab");
        ServedVss served = new ServedVss(lab);
        served.faults().securityResult(0x80010119); // RPC_E_TOO_LATE
        try (WindowsVssHost windows = new WindowsVssHost(served, FAST)) {
            assertThat(windows.writers()).isEqualTo(lab.writers());
            assertThat(windows.warnings()).anySatisfy(w -> assertThat(w).contains("RPC_E_TOO_LATE"));
        }
        lab.close();
        assertCleanRequester(served);
    }

    @Test
    void aWriterFailingPreRestoreIsReportedWithItsHresult() {
        LabHost lab = lab("lab");
        ServedVss served = new ServedVss(lab);
        try (WindowsVssHost windows = new WindowsVssHost(served, FAST)) {
            Outcome o = backup(windows, lab);
            new FaultPlanStore(lab.dir()).update(p -> p.with(new FaultPlan.WriterFault(HYPER_V, WriterPhase.PRE_RESTORE,
                    HResult.VSS_E_WRITERERROR_NONRETRYABLE, 0)));
            try (RestoreSession r = windows.openRestoreSession()) {
                r.initializeForRestore(o.xml());
                r.gatherWriterMetadata();
                assertThatThrownBy(r::preRestore).isInstanceOfSatisfying(VssException.class,
                        e -> assertThat(e.hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_NONRETRYABLE));
                assertThat(r.restoreInProgress()).isFalse();
            }
        }
        lab.close();
        assertCleanRequester(served);
    }
}
