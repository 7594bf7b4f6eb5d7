package dev.vsskit.cli.shadow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.Version;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.windows.ServedLab;
import dev.vsskit.lab.windows.ServedVss;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code create shadow} and {@code delete shadows} on the Windows host: the COM binding over the served lab. */
class ShadowThroughBindingTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    ServedLab servedLab;
    LabHost lab;
    ServedVss served;
    WindowsVssHost windows;
    String banner;

    @BeforeEach
    void serve() {
        servedLab = ServedLab.open(CliRun.fixedLab(tmp.resolve("lab")));
        lab = servedLab.lab();
        served = servedLab.vss();
        windows = servedLab.windows();
        banner = "vsskit " + Version.get() + " - Volume Shadow Copy toolkit for Hyper-V on ONTAP\n"
                + "Host: " + lab.computerName() + " (Windows)\n\n";
    }

    @AfterEach
    void clean() {
        servedLab.close(); // fails if the requester broke a rule
    }

    @Test
    void createShadowPrintsVssadminsSuccessTextWithTheLabsShadow() {
        CliRun.Result r = CliRun.runOn(windows, "create", "shadow", "--for=C:");
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        Shadow s = lab.shadows().get(0);
        assertThat(r.out()).isEqualTo(banner
                + "Successfully created shadow copy for 'C:\\'\n"
                + "    Shadow Copy ID: " + s.shadowId() + "\n"
                + "    Shadow Copy Volume Name: \\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1\n");
        assertThat(s.context().typeName()).isEqualTo("ClientAccessible");
        assertThat(served.calls()).contains("IVssBackupComponents::SetContext", "IVssBackupComponents::AddToSnapshotSet",
                "IVssBackupComponents::DoSnapshotSet", "IVssBackupComponents::GetSnapshotProperties", "VssFreeSnapshotProperties");
    }

    @Test
    void createWithWritersProviderAndContextThenBadVolume() throws Exception {
        CliRun.Result r = CliRun.runOn(windows, "create", "shadow", "/For=C:\\ClusterStorage\\Volume1",
                "/provider={b5946137-7b9f-4925-af80-51abd60b20d5}", "--context", "ApplicationRollback", "--output", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.path("providerName").asText()).isEqualTo("Microsoft Software Shadow Copy provider 1.0");
        assertThat(j.path("type").asText()).isEqualTo("ApplicationRollback");
        assertThat(j.path("originalVolumePath").asText()).isEqualTo("C:\\ClusterStorage\\Volume1\\");
        assertThat(served.calls()).contains("IVssBackupComponents::PrepareForBackup", "IVssBackupComponents::BackupComplete");

        CliRun.Result noVolume = CliRun.runOn(windows, "create", "shadow", "--for=Q:");
        assertThat(noVolume.exitCode()).isEqualTo(1);
        assertThat(noVolume.err()).contains("VSS_E_OBJECT_NOT_FOUND").hasLineCount(1);
        assertThat(lab.shadows()).hasSize(1);
    }

    @Test
    void deleteShadowsByVolumeSetAndAllThroughDeleteSnapshots() {
        for (String v : List.of("C:", "C:", "C:\\ClusterStorage\\Volume2\\", "C:\\ClusterStorage\\Volume1\\")) {
            assertThat(CliRun.runOn(windows, "create", "shadow", "--for=" + v).exitCode()).isZero();
        }
        assertThat(CliRun.runOn(windows, "delete", "shadows", "--for=C:", "/quiet").exitCode()).isZero();
        assertThat(lab.shadows()).hasSize(2);
        String set = lab.shadows().get(0).setId().toString();
        assertThat(CliRun.runOn(windows, "delete", "shadows", "--set=" + set, "/quiet").exitCode()).isZero();
        assertThat(lab.shadows()).hasSize(1);
        assertThat(CliRun.runOn(windows, "delete", "shadows", "--all", "/quiet").exitCode()).isZero();
        assertThat(lab.shadows()).isEmpty();
        assertThat(served.calls().stream().filter(c -> c.equals("IVssBackupComponents::DeleteSnapshots"))).hasSize(4);
    }
}
