package dev.vsskit.vss.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupSessionTest {

    private final TestHost host = new TestHost();

    @Test
    void fullBackupMovesWritersThroughEveryStateAndProvidersInDocumentedOrder() {
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setBackupState(true, false, BackupType.FULL, false);
            List<WriterMetadata> md = s.gatherWriterMetadata();
            assertThat(md).extracting(WriterMetadata::name)
                    .containsExactly("Microsoft Hyper-V VSS Writer", "System Writer");
            s.addComponent(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-1");
            VssId setId = s.startSnapshotSet();
            VssId shadowId = s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
            s.prepareForBackup();
            assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.STABLE);
            SnapshotSetResult r = s.doSnapshotSet();
            assertThat(r.snapshotSetId()).isEqualTo(setId);
            assertThat(r.shadows()).singleElement().satisfies(sh -> {
                assertThat(sh.shadowId()).isEqualTo(shadowId);
                assertThat(sh.providerName()).isEqualTo("Hardware");
                assertThat(sh.context()).isEqualTo(SnapshotContext.BACKUP);
            });
            assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.WAITING_FOR_BACKUP_COMPLETE);
            assertThat(host.hardware.calls).containsExactly("BeginPrepareSnapshot", "EndPrepareSnapshots",
                    "PreCommitSnapshots", "CommitSnapshots", "PostCommitSnapshots", "PreFinalCommitSnapshots",
                    "PostFinalCommitSnapshots");
            assertThat(host.hyperV.events).containsExactly("Identify", "PrepareForBackup", "PrepareForSnapshot",
                    "Freeze", "Thaw", "PostSnapshot");
            assertThat(host.hyperV.lastEvent.selectedComponents()).extracting(c -> c.name()).containsExactly("vm-1");
            assertThat(host.shadows()).hasSize(1);
            s.setBackupSucceeded(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-1", true);
            s.backupComplete();
            assertThat(host.coordinator.writers()).allSatisfy(w -> {
                assertThat(w.state()).isEqualTo(WriterState.STABLE);
                assertThat(w.lastError()).isEqualTo(WriterError.NO_ERROR);
            });
            BackupComponentsDocument bcd = BackupComponentsDocument.parse(s.saveAsXml());
            assertThat(bcd.snapshotSetId()).isEqualTo(setId);
            assertThat(bcd.components()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("vm-1");
                assertThat(c.backupSucceeded()).isTrue();
            });
            assertThat(bcd.shadows()).singleElement().satisfies(e -> assertThat(e.providerName()).isEqualTo("Hardware"));
        }
        // Backup-context shadows are non-persistent: released with the session.
        assertThat(host.shadows()).isEmpty();
        assertThat(host.snapshotsHeld()).isZero();
        assertThat(host.hardware.calls).endsWith("DeleteSnapshot");
    }

    @Test
    void persistentShadowsSurviveTheSession() {
        Shadow made;
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            s.addToSnapshotSet("C:", VssId.NULL);
            made = s.doSnapshotSet().shadows().get(0);
        }
        assertThat(host.registry.list()).containsExactly(made);
        assertThat(made.attributes().words()).contains("Persistent", "Client-accessible", "No auto release",
                "No writers", "Differential");
        assertThat(host.systemWriter.events).as("no writers in a client-accessible context").isEmpty();
        assertThat(host.system.snapshots).containsKey(made.shadowId());
        host.coordinator.deleteShadow(made.shadowId());
        assertThat(host.registry.list()).isEmpty();
        assertThat(host.system.snapshots).isEmpty();
        assertThatThrownBy(() -> host.coordinator.deleteShadow(made.shadowId()))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND));
    }

    @Test
    void callsOutOfOrderFailWithBadState() {
        try (BackupSession s = host.coordinator.openBackupSession()) {
            assertBadState(() -> s.gatherWriterMetadata());
            s.initializeForBackup();
            assertBadState(s::initializeForBackup);
            assertBadState(() -> s.addToSnapshotSet("C:", VssId.NULL));
            assertBadState(s::doSnapshotSet);
            assertBadState(s::backupComplete);
            s.gatherWriterMetadata();
            assertBadState(() -> s.setContext(SnapshotContext.APP_ROLLBACK));
            s.startSnapshotSet();
            assertBadState(s::startSnapshotSet);
            s.addToSnapshotSet("C:", VssId.NULL);
            assertBadState(s::doSnapshotSet); // PrepareForBackup first
            assertBadState(() -> s.setBackupSucceeded(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-1", true));
        }
        assertThat(host.snapshotsHeld()).isZero();
    }

    @Test
    void closingBeforeCompletionAbortsTheSetAndThawsWriters() {
        BackupSession s = host.coordinator.openBackupSession();
        s.initializeForBackup();
        s.gatherWriterMetadata();
        s.startSnapshotSet();
        s.addToSnapshotSet("C:\\ClusterStorage\\Volume2", VssId.NULL);
        s.prepareForBackup();
        s.doSnapshotSet();
        assertThat(host.shadows()).hasSize(1);
        s.close();
        assertThat(host.snapshotsHeld()).isZero();
        assertThat(host.shadows()).isEmpty();
        assertThat(host.hyperV.events).endsWith("Abort");
        assertThat(host.allWriters()).allSatisfy(w -> assertThat(w.frozen).isFalse());
        assertThat(host.coordinator.writers()).allSatisfy(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
        assertBadState(s::backupComplete);
    }

    @Test
    void addingTheSameVolumeTwiceOrAnUnknownVolumeFails() {
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\", VssId.NULL);
            assertThatThrownBy(() -> s.addToSnapshotSet("c:", VssId.NULL))
                    .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_OBJECT_ALREADY_EXISTS));
            assertThatThrownBy(() -> s.addToSnapshotSet("Q:\\", VssId.NULL))
                    .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND))
                    .hasMessageContaining("Q:\\");
        }
    }

    @Test
    void bcdRejectsForeignXml() {
        assertThatThrownBy(() -> BackupComponentsDocument.parse("<Backup/>"))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_INVALID_XML_DOCUMENT));
        assertThatThrownBy(() -> BackupComponentsDocument.parse("<Backup"))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_CORRUPT_XML_DOCUMENT));
    }

    @Test
    void corruptXmlPrintsNothingOfItsOwn() {
        java.io.PrintStream old = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(captured, true));
        try {
            assertThatThrownBy(() -> BackupComponentsDocument.parse("not xml")).isInstanceOf(VssException.class)
                    .hasMessageContaining("not well-formed");
        } finally {
            System.setErr(old);
        }
        assertThat(captured.toString()).as("the parser's own stderr output").isEmpty();
    }

    @Test
    void progressGoesToTheListenerInPhaseOrder() {
        java.util.List<String> seen = new java.util.ArrayList<>();
        dev.vsskit.vss.session.BackupProgressListener listener = new dev.vsskit.vss.session.BackupProgressListener() {
            @Override
            public void phase(VssId setId, String phase) {
                seen.add(phase);
            }

            @Override
            public void providerSelected(VssId setId, String volume, String provider) {
                seen.add(volume + " -> " + provider);
            }

            @Override
            public void committed(VssId setId, java.time.Duration d) {
                seen.add("committed in " + d.toMillis() + " ms");
            }
        };
        host.hardware.delayAt("CommitSnapshots", java.time.Duration.ofMillis(812));
        try (BackupSession s = host.coordinator.openBackupSession(listener)) {
            s.initializeForBackup();
            s.gatherWriterMetadata();
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
            s.prepareForBackup();
            s.doSnapshotSet();
            s.backupComplete();
        }
        assertThat(seen).containsExactly("Identify", "C:\\ClusterStorage\\Volume1\\ -> Hardware", "PrepareForBackup",
                "PrepareForSnapshot", "Freeze", "Commit", "committed in 812 ms", "Thaw", "PostSnapshot", "BackupComplete");
    }

    @Test
    void restoreEventsMoveWriterStates() {
        List<dev.vsskit.vss.session.SelectedComponent> vm = List.of(new dev.vsskit.vss.session.SelectedComponent(
                host.hyperV.writerId(), host.hyperV.instanceId(), "", "vm-1", true));
        host.coordinator.preRestore(host.hyperV.instanceId(), vm);
        host.hyperV.failAt(WriterPhase.POST_RESTORE, HResult.VSS_E_WRITERERROR_NONRETRYABLE);
        assertThatThrownBy(() -> host.coordinator.postRestore(host.hyperV.instanceId(), vm))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_NONRETRYABLE));
        assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.FAILED_AT_POST_RESTORE);
        assertThat(host.statusStore.load()).contains(host.status(host.hyperV));
        assertThat(host.hyperV.events).containsExactly("PreRestore", "PostRestore");
    }

    static void assertBadState(Runnable r) {
        assertThatThrownBy(r::run).isInstanceOf(VssException.class)
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_BAD_STATE));
    }
}
