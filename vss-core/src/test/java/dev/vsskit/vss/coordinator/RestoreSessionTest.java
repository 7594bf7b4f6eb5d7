package dev.vsskit.vss.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.WriterComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestoreSessionTest {

    private final TestWriter sqlLike = new TestWriter("SQL-like Writer", VssClock.SYSTEM,
            new WriterComponent("Instance", "db1", "db1", List.of("C:\\ClusterStorage\\Volume1\\db\\db1.mdf"), ""));
    private final TestHost host = new TestHost(List.of(sqlLike));

    /** A persistent backup of Volume1 (selecting components when {@code select}), as its saved document. */
    private String backupOfVolume1(boolean select) {
        return backupOf("C:\\ClusterStorage\\Volume1\\", select);
    }

    private String backupOf(String volume, boolean select) {
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.APP_ROLLBACK);
            s.setBackupState(select, false, BackupType.FULL, false);
            s.gatherWriterMetadata();
            if (select) {
                s.addComponent(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-1");
            }
            s.startSnapshotSet();
            s.addToSnapshotSet(volume, VssId.NULL);
            s.prepareForBackup();
            s.doSnapshotSet();
            if (select) {
                s.setBackupSucceeded(host.hyperV.instanceId(), host.hyperV.writerId(), "", "vm-1", true);
            }
            s.backupComplete();
            return s.saveAsXml();
        }
    }

    private RestoreSession restore(String bcd) {
        RestoreSession r = host.coordinator.openRestoreSession();
        r.initializeForRestore(bcd);
        r.gatherWriterMetadata();
        return r;
    }

    private void clearEvents() {
        host.allWriters().forEach(w -> w.events.clear());
    }

    @Test
    void selectedComponentsGetPreRestoreThenPostRestoreAndWritersEndStable() {
        String bcd = backupOfVolume1(true);
        clearEvents();
        try (RestoreSession r = restore(bcd)) {
            assertThat(r.document().snapshotSetId()).isEqualTo(BackupComponentsDocument.parse(bcd).snapshotSetId());
            assertThat(r.components()).extracting(SelectedComponent::name).containsExactly("vm-1");
            assertThat(r.restoreInProgress()).isFalse();
            r.preRestore();
            assertThat(r.restoreInProgress()).isTrue();
            assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore");
            assertThat(host.hyperV.lastEvent.selectedComponents()).extracting(SelectedComponent::name)
                    .containsExactly("vm-1");
            r.postRestore();
            assertThat(r.restoreInProgress()).isFalse();
            assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore", "PostRestore");
            // writers without components in the backup take no part in its restore
            assertThat(host.systemWriter.events).containsExactly("Identify");
            assertThat(sqlLike.events).containsExactly("Identify");
            assertThat(r.gatherWriterStatus()).allSatisfy(w -> {
                assertThat(w.state()).isEqualTo(WriterState.STABLE);
                assertThat(w.lastError()).isEqualTo(WriterError.NO_ERROR);
            });
        }
        assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore", "PostRestore");
    }

    @Test
    void backupWithoutSelectedComponentsRestoresTheComponentsOnItsVolumes() {
        String bcd = backupOfVolume1(false);
        assertThat(BackupComponentsDocument.parse(bcd).components()).isEmpty();
        clearEvents();
        try (RestoreSession r = restore(bcd)) {
            // vm-1 and db1 lie on Volume1; vm-2 on Volume2 is not in the set
            assertThat(r.components()).extracting(SelectedComponent::name).containsExactly("vm-1", "db1");
            r.preRestore();
            r.postRestore();
        }
        assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore", "PostRestore");
        assertThat(sqlLike.events).containsExactly("Identify", "PreRestore", "PostRestore");
    }

    @Test
    void aBackupOfCOnlyDoesNotRestoreTheComponentsOnTheVolumesMountedBelowIt() {
        String bcd = backupOf("C:\\", false);
        clearEvents();
        try (RestoreSession r = restore(bcd)) {
            // vm-1, vm-2 and db1 lie on C:\ClusterStorage\Volume1\ and Volume2\, volumes of their own
            assertThat(r.components()).extracting(SelectedComponent::name).doesNotContain("vm-1", "vm-2", "db1");
            r.preRestore();
            r.postRestore();
        }
        assertThat(host.hyperV.events).containsExactly("Identify");
        assertThat(sqlLike.events).containsExactly("Identify");
    }

    @Test
    void writerFailingPreRestoreStopsTheRestoreAndTheOthersLeaveIt() {
        String bcd = backupOfVolume1(false);
        sqlLike.failAt(WriterPhase.PRE_RESTORE, HResult.VSS_E_WRITERERROR_RETRYABLE);
        clearEvents();
        try (RestoreSession r = restore(bcd)) {
            assertThatThrownBy(r::preRestore).isInstanceOf(VssException.class)
                    .hasMessageContaining("SQL-like Writer")
                    .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_RETRYABLE));
            assertThat(r.restoreInProgress()).isFalse();
            assertThat(host.status(sqlLike).state()).isEqualTo(WriterState.FAILED_AT_PRE_RESTORE);
            assertThat(host.status(sqlLike).lastError()).isEqualTo(WriterError.of(HResult.VSS_E_WRITERERROR_RETRYABLE));
            // the Hyper-V writer got PreRestore before the failure, so it got PostRestore too
            assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore", "PostRestore");
            assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.STABLE);
            assertThat(host.statusStore.load()).contains(host.status(sqlLike));
            assertBadState(r::postRestore);
        }
        assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore", "PostRestore");
        assertThat(sqlLike.events).containsExactly("Identify", "PreRestore");
    }

    @Test
    void closingARestoreInProgressSendsPostRestore() {
        String bcd = backupOfVolume1(true);
        clearEvents();
        List<String> warnings = new ArrayList<>();
        RestoreSession r = host.coordinator.openRestoreSession(new BackupProgressListener() {
            @Override
            public void warning(String message) {
                warnings.add(message);
            }
        });
        r.initializeForRestore(bcd);
        r.gatherWriterMetadata();
        r.preRestore();
        r.close();
        assertThat(r.restoreInProgress()).isFalse();
        assertThat(host.hyperV.events).containsExactly("Identify", "PreRestore", "PostRestore");
        assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.STABLE);
        assertThat(warnings).singleElement().asString().contains("abandoned");
        r.close(); // idempotent
        assertThat(host.hyperV.events).hasSize(3);
        assertBadState(r::gatherWriterStatus);
    }

    @Test
    void writerFailingPostRestoreShowsItAndTheRestoreIsOver() {
        String bcd = backupOfVolume1(true);
        host.hyperV.failAt(WriterPhase.POST_RESTORE, HResult.VSS_E_WRITERERROR_NONRETRYABLE);
        try (RestoreSession r = restore(bcd)) {
            r.preRestore();
            assertThatThrownBy(r::postRestore).isInstanceOf(VssException.class)
                    .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_NONRETRYABLE));
            assertThat(r.restoreInProgress()).isFalse();
            assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.FAILED_AT_POST_RESTORE);
        }
        assertThat(host.hyperV.events).containsSubsequence("PreRestore", "PostRestore").endsWith("PostRestore");
        assertThat(host.hyperV.events.stream().filter("PostRestore"::equals)).hasSize(1);
    }

    @Test
    void callsOutOfOrderAndBadDocumentsFail() {
        RestoreSession r = host.coordinator.openRestoreSession();
        assertBadState(r::preRestore);
        assertBadState(r::gatherWriterMetadata);
        assertThatThrownBy(() -> r.initializeForRestore("<BackupComponents"))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_CORRUPT_XML_DOCUMENT));
        assertThatThrownBy(() -> r.initializeForRestore("<other/>"))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_INVALID_XML_DOCUMENT));
        r.initializeForRestore(backupOfVolume1(true));
        assertBadState(r::preRestore);
        assertBadState(r::components);
        r.gatherWriterMetadata();
        assertBadState(r::postRestore);
        assertBadState(r::gatherWriterMetadata);
        r.close();
    }

    @Test
    void componentsNotBackedUpAreLeftOutAndMissingWritersFail() {
        VssId setId = VssId.random();
        BackupComponentsDocument notBackedUp = new BackupComponentsDocument(setId, SnapshotContext.APP_ROLLBACK,
                BackupType.FULL, true, Instant.EPOCH, List.of(), List.of(
                        new SelectedComponent(host.hyperV.writerId(), host.hyperV.instanceId(), "", "vm-1", false),
                        new SelectedComponent(host.hyperV.writerId(), host.hyperV.instanceId(), "", "vm-2", true)));
        try (RestoreSession r = restore(notBackedUp.toXml())) {
            assertThat(r.components()).extracting(SelectedComponent::name).containsExactly("vm-2");
        }
        BackupComponentsDocument gone = new BackupComponentsDocument(setId, SnapshotContext.APP_ROLLBACK,
                BackupType.FULL, true, Instant.EPOCH, List.of(), List.of(
                        new SelectedComponent(host.hyperV.writerId(), host.hyperV.instanceId(), "", "vm-9", true)));
        assertThatThrownBy(() -> restore(gone.toXml()))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND))
                .hasMessageContaining("vm-9");
        host.hyperV.failAt(WriterPhase.IDENTIFY, HResult.VSS_E_WRITERERROR_RETRYABLE);
        assertThatThrownBy(() -> restore(notBackedUp.toXml()))
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_WRITER_NOT_RESPONDING));
        assertThat(host.status(host.hyperV).state()).isEqualTo(WriterState.FAILED_AT_IDENTIFY);
    }

    @Test
    void noWritersBackupRestoresWithoutWriters() {
        BackupComponentsDocument nowriters = new BackupComponentsDocument(VssId.random(), SnapshotContext.NAS_ROLLBACK,
                BackupType.FULL, false, Instant.EPOCH, List.of(), List.of());
        clearEvents();
        try (RestoreSession r = restore(nowriters.toXml())) {
            assertThat(r.components()).isEmpty();
            r.preRestore();
            r.postRestore();
        }
        assertThat(host.allWriters()).allSatisfy(w -> assertThat(w.events).isEmpty());
    }

    private static void assertBadState(Runnable r) {
        BackupSessionTest.assertBadState(r);
    }
}
