package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.ClusterSharedVolume.IoMode;
import org.junit.jupiter.api.Test;

/**
 * How the cluster's WMI answers become vsskit's: FaultState and BackupState as I/O mode and reason (the documented
 * values of MSCluster_ClusterSharedVolume), object paths' Name keys, and which failures mean "no cluster node".
 */
class WindowsClusterTest {

    @Test
    void onlyRedirectedAccessIsRedirectedIoAndEveryOtherFaultAndABackupAreNamedInTheReason() {
        assertThat(WindowsCluster.toCsv("C:\\ClusterStorage\\Volume1", "N1", 0, 0))
                .isEqualTo(new ClusterSharedVolume("C:\\ClusterStorage\\Volume1\\", "N1", IoMode.DIRECT, ""));
        assertThat(WindowsCluster.toCsv("C:\\ClusterStorage\\Volume1\\", "N1", 1, 1)).isEqualTo(new ClusterSharedVolume(
                "C:\\ClusterStorage\\Volume1\\", "N1", IoMode.FILE_SYSTEM_REDIRECTED,
                "FaultState Redirected Access; BackupState In Progress"));
        assertThat(WindowsCluster.toCsv("Volume1", "N2", 2 | 4 | 8, 0)).isEqualTo(new ClusterSharedVolume("Volume1", "N2",
                IoMode.DIRECT, "FaultState No Access, In Maintenance, Dismounted"));
        assertThat(WindowsCluster.toCsv("C:\\ClusterStorage\\Volume2", "N2", 0, 1).reason())
                .isEqualTo("BackupState In Progress");
    }

    @Test
    void anObjectPathsNameKeyIsUnescaped() {
        assertThat(WindowsCluster.keyName("\\\\N1\\root\\MSCluster:MSCluster_ClusterSharedVolume.Name="
                + "\"C:\\\\ClusterStorage\\\\Volume1\"")).contains("C:\\ClusterStorage\\Volume1");
        assertThat(WindowsCluster.keyName("MSCluster_Resource.Name=\"Cluster Disk \\\"2\\\"\""))
                .contains("Cluster Disk \"2\"");
        assertThat(WindowsCluster.keyName("MSCluster_Resource=@")).isEmpty();
    }

    @Test
    void noNamespaceNoClassOrAStoppedClusterServiceMeanNoClusterNodeAndAccessDeniedDoesNot() {
        assertThat(WindowsCluster.notACluster(WmiInterfaces.WBEM_E_INVALID_NAMESPACE)).isTrue();
        assertThat(WindowsCluster.notACluster(WmiInterfaces.WBEM_E_INVALID_CLASS)).isTrue();
        assertThat(WindowsCluster.notACluster(0x80070426)).isTrue(); // ERROR_SERVICE_NOT_ACTIVE
        assertThat(WindowsCluster.notACluster(0x800706D9)).isTrue(); // EPT_S_NOT_REGISTERED
        assertThat(WindowsCluster.notACluster(0x800706BA)).isTrue(); // RPC_S_SERVER_UNAVAILABLE
        assertThat(WindowsCluster.notACluster(WmiInterfaces.WBEM_E_ACCESS_DENIED)).isFalse();
        assertThat(WindowsCluster.notACluster(0x80070005)).isFalse();
    }
}
