package dev.vsskit.cli.list;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.Version;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.backup.LabVmStates;
import dev.vsskit.lab.windows.ServedLab;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vsskit list vms} on the lab host and on the Windows host (the COM and WMI bindings over the lab served as
 * native objects): the same text, JSON and CSV but for the banner's host kind, a VM's state as the lab keeps it,
 * and an unknown {@code --vm} refused as bad input.
 */
class ListVmsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path labDir;
    ServedLab served;
    Map<String, String> env;

    @BeforeEach
    void lab() {
        labDir = CliRun.fixedLab(tmp.resolve("lab"));
        env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        new LabVmStates(labDir).set("web01", new LabVmStates.State(false, true));
        served = ServedLab.open(labDir);
    }

    @AfterEach
    void close() {
        served.close(); // fails if the requester broke a rule (objects not released, VARIANTs not cleared)
    }

    private CliRun.Result onLab(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--lab";
        all[1] = labDir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }

    private String banner(String kind) {
        return "vsskit " + Version.get() + " - Volume Shadow Copy toolkit for Hyper-V on ONTAP\n"
                + "Host: " + served.lab().computerName() + " (" + kind + ")\n\n";
    }

    @Test
    void textNamesStateOwnerBackupMethodVolumesAndFiles() {
        LabConfig.LabVm web = served.lab().config().vm("web01").orElseThrow();
        String upper = web.id().bare().toUpperCase(java.util.Locale.ROOT);
        String block = "VM name: web01\n"
                + "   VM Id: " + web.id() + "\n"
                + "   State: Off\n"
                + "   Owner node: HV-LAB-01\n"
                + "   Backup: Online (the guest has the backup integration service)\n"
                + "   Volumes: C:\\ClusterStorage\\Volume1\\\n"
                + "   Files:\n"
                + "      C:\\ClusterStorage\\Volume1\\web01\\Virtual Hard Disks\\web01.vhdx\n"
                + "      C:\\ClusterStorage\\Volume1\\web01\\Virtual Machines\\" + upper + ".vmcx\n\n";
        CliRun.Result lab = onLab("list", "vms", "--vm", "web01");
        assertThat(lab.err()).isEmpty();
        assertThat(lab.exitCode()).isZero();
        assertThat(lab.out()).isEqualTo(banner("lab") + block);

        CliRun.Result windows = CliRun.runOn(served.windows(), "list", "vms", "--vm", web.id().toString());
        assertThat(windows.err()).isEmpty();
        assertThat(windows.out()).isEqualTo(banner("Windows") + block);
        assertThat(served.vss().calls()).contains("IWbemServices::ExecQuery", "IVssBackupComponents::GatherWriterMetadata");
    }

    @Test
    void jsonAndCsvAreTheSameOnBothHosts() throws Exception {
        CliRun.Result lab = onLab("list-vms", "-o", "json");
        CliRun.Result windows = CliRun.runOn(served.windows(), "list", "vms", "-o", "json");
        assertThat(lab.exitCode()).as(lab.err()).isZero();
        assertThat(windows.exitCode()).as(windows.err()).isZero();
        assertThat(windows.out()).isEqualTo(lab.out());
        JsonNode vms = JSON.readTree(lab.out());
        assertThat(vms).hasSize(4);
        JsonNode web = vms.get(1);
        assertThat(web.path("name").asText()).isEqualTo("web01");
        assertThat(web.path("state").asText()).isEqualTo("Off");
        assertThat(web.path("running").asBoolean()).isFalse();
        assertThat(web.path("ownerNode").asText()).isEqualTo("HV-LAB-01");
        assertThat(web.path("onlineBackup").asBoolean()).isTrue();
        assertThat(web.path("backupMethod").asText()).isEqualTo("Online");
        assertThat(web.path("volumes").get(0).asText()).isEqualTo("C:\\ClusterStorage\\Volume1\\");
        assertThat(web.path("files")).hasSize(2);
        assertThat(vms.get(3).path("volumes").get(0).asText()).isEqualTo("\\\\svm1\\hvshare\\");

        CliRun.Result csvLab = onLab("list", "vms", "-o", "csv");
        CliRun.Result csvWindows = CliRun.runOn(served.windows(), "list", "vms", "-o", "csv");
        assertThat(csvWindows.out()).isEqualTo(csvLab.out());
        assertThat(csvLab.out().lines().findFirst().orElseThrow())
                .isEqualTo("name,id,state,running,ownerNode,onlineBackup,backupMethod,volumes,files");
    }

    @Test
    void aVmTurnedOffThroughWmiIsListedOffOnTheLab() {
        new dev.vsskit.vss.windows.hyperv.WindowsHyperV(served.windows(), java.time.Duration.ofMillis(5),
                java.time.Duration.ofSeconds(20)).requestStateChange("sql01", 3);
        assertThat(onLab("list", "vms", "--vm", "sql01").out()).contains("   State: Off\n");
    }

    @Test
    void anUnknownVmIsBadInputInOneLine() {
        CliRun.Result lab = onLab("list", "vms", "--vm", "nope");
        assertThat(lab.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(lab.out()).isEmpty();
        assertThat(lab.err()).isEqualTo("vsskit: unknown VM 'nope' on HV-LAB-01.lab.local; `vsskit list vms` lists them\n");
        CliRun.Result windows = CliRun.runOn(served.windows(), "list", "vms", "--vm", "nope");
        assertThat(windows.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(windows.err()).isEqualTo(lab.err());
    }
}
