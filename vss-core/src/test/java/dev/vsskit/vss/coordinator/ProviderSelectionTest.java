package dev.vsskit.vss.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupSession;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProviderSelectionTest {

    private final TestHost host = new TestHost();

    @Test
    void noProviderNamedPicksHardwareThenSoftwareThenSystemAndMixesThemInOneSet() {
        List<Shadow> shadows;
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL); // on a LUN: hardware
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume3\\", VssId.NULL); // CSV, no LUN: CSV software
            s.addToSnapshotSet("C:\\", VssId.NULL);                           // local: system
            s.addToSnapshotSet("\\\\svm1\\hvshare\\", VssId.NULL);             // share: file share
            shadows = s.doSnapshotSet().shadows();
        }
        assertThat(shadows).extracting(Shadow::providerName).containsExactly("Hardware", "CSV", "System", "FileShare");
        assertThat(shadows).allSatisfy(sh -> assertThat(sh.shadowsInSet()).isEqualTo(4));
        assertThat(shadows.get(0).attributes().words()).contains("Hardware assisted");
        assertThat(shadows.get(3).attributes().words()).contains("FileShare");
    }

    @Test
    void addingManyVolumesAtOnceChoosesAsOneAtATimeAndFailsAtTheSameVolume() {
        List<String> mixed = List.of("C:\\ClusterStorage\\Volume1\\", "C:\\ClusterStorage\\Volume3\\", "C:\\",
                "\\\\svm1\\hvshare\\", "C:\\ClusterStorage\\Volume2\\");
        List<Shadow> shadows;
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            assertThat(s.addToSnapshotSet(mixed, VssId.NULL)).hasSize(5).doesNotHaveDuplicates();
            shadows = s.doSnapshotSet().shadows();
        }
        assertThat(shadows).extracting(Shadow::providerName)
                .containsExactly("Hardware", "CSV", "System", "FileShare", "Hardware");

        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            // the hardware provider named: Volume1 is added, C:\ is refused as by the single call
            assertThatThrownBy(() -> s.addToSnapshotSet(List.of("C:\\ClusterStorage\\Volume1\\", "C:\\",
                    "C:\\ClusterStorage\\Volume2\\"), host.hardware.info().id()))
                    .satisfies(e -> assertThat(((VssException) e).hresult())
                            .isEqualTo(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER));
            assertThatThrownBy(() -> s.addToSnapshotSet(List.of("C:\\ClusterStorage\\Volume1\\"), VssId.NULL))
                    .satisfies(e -> assertThat(((VssException) e).hresult())
                            .isEqualTo(HResult.VSS_E_OBJECT_ALREADY_EXISTS));
            assertThat(s.doSnapshotSet().shadows()).extracting(Shadow::providerName).containsExactly("Hardware");
        }
    }

    @Test
    void aNamedProviderMustBeRegisteredAndSupportTheVolume() {
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            assertThatThrownBy(() -> s.addToSnapshotSet("C:\\", host.hardware.info().id()))
                    .satisfies(e -> assertThat(((VssException) e).hresult())
                            .isEqualTo(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER));
            assertThatThrownBy(() -> s.addToSnapshotSet("C:\\", VssId.random()))
                    .satisfies(e -> assertThat(((VssException) e).hresult())
                            .isEqualTo(HResult.VSS_E_PROVIDER_NOT_REGISTERED));
            s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", host.system.info().id());
            assertThat(s.doSnapshotSet().shadows().get(0).providerName()).isEqualTo("System");
        }
    }

    @Test
    void aSetHoldsAtMost64Volumes() {
        try (BackupSession s = host.coordinator.openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            for (int i = 1; i <= 64; i++) {
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume" + i + "\\", VssId.NULL);
            }
            assertThatThrownBy(() -> s.addToSnapshotSet("C:\\", VssId.NULL))
                    .satisfies(e -> assertThat(((VssException) e).hresult())
                            .isEqualTo(HResult.VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED));
        }
        assertThat(host.snapshotsHeld()).isZero();
    }
}
