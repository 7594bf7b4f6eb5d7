package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The binding's classes ({@link WindowsVssHost} and its COM sessions) against the lab served as native COM
 * objects: every list comes out as the lab host's own, a shadow made through the binding is the lab's, and the
 * requester freed all VSS allocated, released every object, called COM on one thread only after
 * CoInitializeSecurity.
 */
class ServedVssTest extends ServedLabTest {

    @Test
    void listsWhatTheLabHostLists() {
        assertThat(windows.providers()).isEqualTo(lab.providers());
        assertThat(windows.writers()).isEqualTo(lab.writers());
        assertThat(windows.volumes()).isEqualTo(lab.volumes());
        assertThat(windows.shadows()).isEqualTo(lab.shadows()).isEmpty();
        assertThat(windows.shadowStorage()).isEqualTo(lab.shadowStorage());
        assertThat(served.calls()).containsSubsequence("CoInitializeEx", "CoInitializeSecurity", "CreateVssBackupComponents",
                "IVssBackupComponents::InitializeForBackup", "IVssBackupComponents::GatherWriterMetadata",
                "IVssAsync::Wait", "IVssAsync::QueryStatus", "IVssBackupComponents::GetWriterStatus",
                "SysFreeString", "IVssBackupComponents::FreeWriterStatus", "IVssBackupComponents::Release");
    }

    @Test
    void createsListsAndDeletesAShadowThroughTheBinding() {
        Shadow made;
        try (BackupSession s = windows.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            VssId id = s.addToSnapshotSet("C:\\", VssId.NULL);
            made = s.doSnapshotSet().shadows().get(0);
            assertThat(made.shadowId()).isEqualTo(id);
        }
        assertThat(lab.shadows()).hasSize(1);
        Shadow inLab = lab.shadows().get(0);
        assertThat(made).usingRecursiveComparison().ignoringFields("created").isEqualTo(inLab);
        // VSS_TIMESTAMP is a FILETIME: 100-ns ticks
        assertThat(windows.shadows()).usingRecursiveComparison().ignoringFields("created").isEqualTo(lab.shadows());
        assertThat(Duration.between(windows.shadows().get(0).created(), inLab.created())).isBetween(Duration.ZERO,
                Duration.ofNanos(99));
        windows.deleteShadow(made.shadowId());
        assertThat(lab.shadows()).isEmpty();
        assertThat(windows.shadows()).isEmpty();
    }

    @Test
    void aBackupWithWritersCompletesAndIsAborted() {
        try (BackupSession s = windows.openBackupSession()) {
            s.initializeForBackup();
            s.setBackupState(false, false, BackupType.FULL, false);
            assertThat(s.gatherWriterMetadata()).isNotEmpty();
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
            s.prepareForBackup();
            assertThat(s.doSnapshotSet().shadows()).hasSize(1);
            s.backupComplete();
        }
        assertThat(lab.shadows()).isEmpty(); // a backup-context shadow is released with its session
    }
}
