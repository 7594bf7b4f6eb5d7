package dev.vsskit.vss.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each fault of the matrix: the HRESULT the requester sees, every writer thawed and left stable or in
 * the failed state VSS would leave it in, no shadow or provider snapshot left, the failure visible in
 * the writers' status, and the host free for the next set.
 */
class FaultMatrixTest {

    private final TestHost host = new TestHost();

    /** Runs a two-VM backup on Volume1, Volume2 and C:; returns the failure it ends with. */
    private VssException backupFails() {
        VssException failure = catchThrowableOfType(VssException.class, () -> {
            try (BackupSession s = host.coordinator.openBackupSession()) {
                s.initializeForBackup();
                s.setBackupState(true, false, BackupType.FULL, false);
                s.gatherWriterMetadata();
                s.addComponent(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-1");
                s.addComponent(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-2");
                s.startSnapshotSet();
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume2\\", VssId.NULL);
                s.addToSnapshotSet("C:\\", VssId.NULL);
                s.prepareForBackup();
                s.doSnapshotSet();
                s.backupComplete();
            }
        });
        assertThat(failure).as("the backup must fail").isNotNull();
        return failure;
    }

    private void assertCleanAfterFailure() {
        assertThat(host.allWriters()).allSatisfy(w -> assertThat(w.frozen).as(w.name() + " frozen").isFalse());
        assertThat(host.snapshotsHeld()).as("provider snapshots left").isZero();
        assertThat(host.shadows()).as("shadows left").isEmpty();
        assertThat(host.coordinator.writers()).allSatisfy(w -> assertThat(w.state().isStable() || w.state().isFailed())
                .as(w.name() + " in " + w.state()).isTrue());
        // The host is free again: the next set can start.
        try (BackupSession next = host.coordinator.openBackupSession()) {
            next.initializeForBackup();
            next.startSnapshotSet();
        }
    }

    private void assertWriter(TestWriter w, WriterState state, WriterError error) {
        Writer status = host.status(w);
        assertThat(status.state()).isEqualTo(state);
        assertThat(status.lastError()).isEqualTo(error);
        // The store that `list writers` reads from sees the same.
        assertThat(host.statusStore.load()).contains(status);
    }

    private void assertOthersStable(TestWriter failed) {
        for (TestWriter w : host.allWriters()) {
            if (w != failed) {
                assertWriter(w, WriterState.STABLE, WriterError.NO_ERROR);
            }
        }
    }

    @Test
    void writerFailsIdentify() {
        host.systemWriter.failAt(WriterPhase.IDENTIFY, HResult.VSS_E_WRITERERROR_RETRYABLE);
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            assertThat(s.gatherWriterMetadata()).extracting(m -> m.name()).containsExactly("Microsoft Hyper-V VSS Writer");
            VssException e = catchThrowableOfType(VssException.class,
                    () -> s.addComponent(host.systemWriter.instanceId(), host.systemWriter.writerId(), "", "x"));
            assertThat(e.hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND);
            assertThat(s.gatherWriterStatus()).filteredOn(w -> w.name().equals("System Writer")).singleElement()
                    .satisfies(w -> assertThat(w.lastError().hresult()).contains(HResult.VSS_E_WRITERERROR_RETRYABLE));
            // The rest of the backup goes on without it; it gets no further events.
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\", VssId.NULL);
            s.prepareForBackup();
            s.doSnapshotSet();
            s.backupComplete();
        }
        assertThat(host.systemWriter.events).containsExactly("Identify");
        assertWriter(host.systemWriter, WriterState.FAILED_AT_IDENTIFY, WriterError.RETRYABLE);
        assertWriter(host.hyperV, WriterState.STABLE, WriterError.NO_ERROR);
        assertCleanAfterFailure();
    }

    /** A writer failing one backup phase: who fails, where, with what, what VSS leaves, and what else to check. */
    record WriterFault(String name, Function<TestHost, TestWriter> writer, WriterPhase phase, HResult hresult,
            WriterState state, WriterError error, Consumer<TestHost> alsoHolds) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<WriterFault> writerFaults() {
        return Stream.of(
                new WriterFault("Hyper-V writer fails PrepareForBackup", h -> h.hyperV, WriterPhase.PREPARE_BACKUP,
                        HResult.VSS_E_WRITERERROR_NONRETRYABLE, WriterState.FAILED_AT_PREPARE_BACKUP,
                        WriterError.NON_RETRYABLE,
                        h -> assertThat(h.hardware.calls).contains("AbortSnapshots").doesNotContain("CommitSnapshots")),
                new WriterFault("Hyper-V writer fails PrepareForSnapshot", h -> h.hyperV, WriterPhase.PREPARE_SNAPSHOT,
                        HResult.VSS_E_WRITERERROR_RETRYABLE, WriterState.FAILED_AT_PREPARE_SNAPSHOT,
                        WriterError.RETRYABLE,
                        h -> assertThat(h.systemWriter.events).doesNotContain("Freeze")),
                new WriterFault("System writer fails Freeze", h -> h.systemWriter, WriterPhase.FREEZE,
                        HResult.VSS_E_WRITERERROR_OUTOFRESOURCES, WriterState.FAILED_AT_FREEZE,
                        WriterError.OUT_OF_RESOURCES, h -> {
                            assertThat(h.hyperV.events).as("the frozen Hyper-V writer is aborted (thawed)")
                                    .endsWith("Freeze", "Abort");
                            assertThat(h.hardware.calls).doesNotContain("CommitSnapshots").contains("AbortSnapshots");
                        }),
                new WriterFault("Hyper-V writer fails Thaw", h -> h.hyperV, WriterPhase.THAW,
                        HResult.VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT, WriterState.FAILED_AT_THAW,
                        WriterError.INCONSISTENT_SHADOW_COPY, h -> {
                            assertThat(h.systemWriter.events).as("the other writer still got its thaw").contains("Thaw");
                            assertThat(h.hardware.calls).contains("CommitSnapshots", "AbortSnapshots");
                        }),
                new WriterFault("Hyper-V writer fails PostSnapshot", h -> h.hyperV, WriterPhase.POST_SNAPSHOT,
                        HResult.VSS_E_WRITERERROR_RETRYABLE, WriterState.FAILED_AT_POST_SNAPSHOT,
                        WriterError.RETRYABLE, h -> { }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writerFaults")
    void aWriterFailingABackupPhase(WriterFault fault) {
        TestWriter failing = fault.writer().apply(host);
        failing.failAt(fault.phase(), fault.hresult());
        assertThat(backupFails().hresult()).isEqualTo(fault.hresult());
        assertWriter(failing, fault.state(), fault.error());
        assertOthersStable(failing);
        fault.alsoHolds().accept(host);
        assertCleanAfterFailure();
    }

    @Test
    void freezeWindowExceeded() {
        // The provider's pre-commit takes 61 s of (manual) time: both writers' 60 s freeze windows pass.
        host.hardware.delayAt("PreCommitSnapshots", Duration.ofSeconds(61));
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_TIMEOUT);
        assertWriter(host.hyperV, WriterState.FAILED_AT_FREEZE, WriterError.TIMED_OUT);
        assertWriter(host.systemWriter, WriterState.FAILED_AT_FREEZE, WriterError.TIMED_OUT);
        assertThat(host.hardware.calls).doesNotContain("CommitSnapshots").contains("AbortSnapshots");
        assertThat(host.hyperV.events).endsWith("Abort");
        assertCleanAfterFailure();
    }

    @Test
    void freezeWindowIsPerWriter() {
        // 61 s between freeze and thaw: past the Hyper-V writer's 60 s window, within the System writer's 120 s.
        host.systemWriter.freezeTimeout = Duration.ofSeconds(120);
        host.hardware.delayAt("PreCommitSnapshots", Duration.ofSeconds(61));
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_TIMEOUT);
        assertWriter(host.hyperV, WriterState.FAILED_AT_FREEZE, WriterError.TIMED_OUT);
        assertWriter(host.systemWriter, WriterState.STABLE, WriterError.NO_ERROR);
        assertCleanAfterFailure();
    }

    @Test
    void commitOverTenSeconds() {
        host.hardware.delayAt("CommitSnapshots", Duration.ofMillis(10_001));
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_HOLD_WRITES_TIMEOUT);
        for (TestProvider p : host.allProviders()) {
            if (!p.calls.isEmpty()) {
                assertThat(p.calls).as(p.info().name()).endsWith("AbortSnapshots");
            }
        }
        assertThat(host.hyperV.events).endsWith("Abort");
        assertOthersStable(null);
        assertCleanAfterFailure();
    }

    @Test
    void commitOfExactlyTenSecondsIsWithinTheWindow() {
        host.hardware.delayAt("CommitSnapshots", Duration.ofSeconds(10));
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.gatherWriterMetadata();
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
            s.prepareForBackup();
            assertThat(s.doSnapshotSet().commitDuration()).isEqualTo(Duration.ofSeconds(10));
            s.backupComplete();
        }
    }

    @Test
    void providerVeto() {
        host.hardware.failAt("CommitSnapshots", HResult.VSS_E_PROVIDER_VETO);
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
        assertThat(host.system.calls).endsWith("AbortSnapshots");
        assertOthersStable(null);
        assertCleanAfterFailure();
    }

    @Test
    void providerReturningAnUndocumentedCodeFromCommitIsAnUnexpectedProviderError() {
        host.hardware.failAt("CommitSnapshots", HResult.VSS_E_INSUFFICIENT_STORAGE);
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR);
        assertCleanAfterFailure();
    }

    @Test
    void secondConcurrentSet() {
        try (BackupSession first = host.coordinator.openBackupSession();
                BackupSession second = host.coordinator.openBackupSession()) {
            first.initializeForBackup();
            first.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            first.startSnapshotSet();
            first.addToSnapshotSet("C:\\", VssId.NULL);
            second.initializeForBackup();
            VssException e = catchThrowableOfType(VssException.class, second::startSnapshotSet);
            assertThat(e.hresult()).isEqualTo(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS);
            first.doSnapshotSet();
            // Once the first set is created, the host takes the next one.
            second.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
        } catch (VssException unexpected) {
            throw unexpected;
        }
        assertThat(host.registry.list()).hasSize(1);
        assertThat(host.coordinator.writers()).allSatisfy(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
    }
}
