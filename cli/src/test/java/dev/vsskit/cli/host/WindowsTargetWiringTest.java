package dev.vsskit.cli.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.windows.ServedLab;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code backup} says on a Windows host that cannot have the Windows backup target: one line naming the part
 * that is missing (the Hyper-V binding, the ONTAP cluster's address) and the fix; the verbs that need no target
 * ({@code verify --events}) are not refused.
 */
class WindowsTargetWiringTest {

    @TempDir
    Path tmp;

    @Test
    void aMissingPartIsNamedInOneLineWithItsFix() {
        CliException noCluster = Hosts.noBackupTarget(true, true);
        assertThat(noCluster.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noCluster.getMessage()).contains("need the ONTAP cluster", "VSSKIT_ONTAP_ADDRESS",
                "vsskit ontap credential set").doesNotContain("\n");
        CliException noHyperV = Hosts.noBackupTarget(true, false);
        assertThat(noHyperV.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(noHyperV.getMessage()).contains("Hyper-V through WMI", "--host lab").doesNotContain("\n");
    }

    @Test
    void backupOnAWindowsHostWithoutAConfiguredClusterIsRefusedInOneLineNamingTheFix() {
        try (ServedLab served = ServedLab.open(CliRun.fixedLab(tmp.resolve("lab")))) {
            ChosenHost windows = new ChosenHost(served.windows(), "Windows",
                    Optional::empty, Optional.empty());
            Map<String, String> env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("none.json").toString(),
                    "VSSKIT_CATALOG", tmp.resolve("catalog").toString());
            assertThat(CliRun.runOn(windows, env, "list", "writers").exitCode()).isZero();
            CliRun.Result r = CliRun.runOn(windows, env, "backup", "--all");
            assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).startsWith("vsskit: backup and restore of VMs on Windows need the ONTAP cluster")
                    .hasLineCount(1);
        }
    }
}
