package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code verify --deep} end to end on a fresh lab through the CLI: the access path, every check, the faults. */
class DeepVerifyCliTest extends LabCliTest {

    static List<JsonNode> checks(CliRun.Result r) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        JSON.readTree(r.out()).path("checks").forEach(out::add);
        return out;
    }

    @Test
    void aFreshBackupVerifiesDeeplyThroughAFlexCloneThatIsDeletedAfterwards() throws Exception {
        assertThat(vsskit("backup", "--vm", "sql01", "--vm", "app01").exitCode()).isZero();
        Path junit = tmp.resolve("deep.xml");
        CliRun.Result v = vsskit("verify", "--last", "--deep", "--junit", junit.toString(), "--output", "json");
        assertThat(v.exitCode()).as(v.out() + v.err()).isEqualTo(ExitCode.OK);
        List<JsonNode> checks = checks(v);
        JsonNode access = checks.stream().filter(c -> c.path("name").asText().equals("sql01: snapshot access"))
                .findFirst().orElseThrow();
        assertThat(access.path("status").asText()).isEqualTo("pass");
        assertThat(access.path("evidence").asText()).contains("FlexClone vsskit_verify_", "of hv_csv1 Snapshot copy",
                "bytes of metadata read");
        assertThat(checks).extracting(c -> c.path("name").asText()).contains("sql01 sql01.vhdx: VHDX headers",
                "sql01 sql01.vhdx: VHDX block allocation table", "sql01 sql01.vhdx: partition table",
                "app01 app01.vhdx: NTFS $Volume dirty flag (partition 1)");
        assertThat(checks).filteredOn(c -> c.path("name").asText().startsWith("app01 "))
                .extracting(c -> c.path("status").asText()).containsOnly("pass", "skip");
        // the clones are gone, the catalog keeps each VM's results
        assertThat(Files.list(lab.resolve("ontap/clones")).toList()).isEmpty();
        String record = Files.readString(Files.list(lab.resolve("catalog"))
                .filter(p -> !p.getFileName().toString().equals("index.json") && p.toString().endsWith(".json"))
                .findFirst().orElseThrow());
        JsonNode deep = JSON.readTree(record).path("deepVerification");
        assertThat(deep).hasSize(2);
        assertThat(deep.get(0).path("passed").asBoolean()).isTrue();
        assertThat(deep.get(0).path("access").asText()).startsWith("FlexClone vsskit_verify_");
        assertThat(Files.readString(junit)).contains("name=\"sql01 sql01.vhdx: VHDX log\"");
    }

    @Test
    void eachDiskFaultInTheNextSnapshotFailsItsNamedCheckOnlyAndLeavesTheLiveDiskWhole() throws Exception {
        Path live = lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx");
        byte[] before = Files.readAllBytes(live);
        String[][] cases = {{"torn-header", "VHDX headers"}, {"bad-bat", "VHDX block allocation table"},
            {"log-replay", "VHDX log"}, {"zero-gpt", "partition table"}, {"ntfs-boot", "NTFS boot sector"},
            {"ntfs-dirty", "NTFS $Volume dirty flag"}};
        for (String[] c : cases) {
            CliRun.Result fault = vsskit("lab", "fault", "disk", "--vm", "web01", "--corruption", c[0]);
            assertThat(fault.exitCode()).as(fault.err()).isZero();
            assertThat(fault.out()).contains("disk 'web01': " + c[0] + " in the next snapshot of Volume1");
            assertThat(vsskit("backup", "--vm", "web01").exitCode()).isZero();
            CliRun.Result v = vsskit("verify", "--last", "--deep", "--output", "json");
            assertThat(v.exitCode()).as(c[0] + ": " + v.out()).isEqualTo(ExitCode.VERIFY_FAILED);
            assertThat(checks(v)).filteredOn(x -> x.path("status").asText().equals("fail"))
                    .extracting(x -> x.path("name").asText()).as(c[0])
                    .singleElement().satisfies(n -> assertThat(n).startsWith("web01 web01.vhdx: " + c[1]));
            assertThat(vsskit("lab", "fault", "list").out()).doesNotContain("disk");
        }
        assertThat(Files.readAllBytes(live)).isEqualTo(before);
    }

    @Test
    void aLiveFaultStaysInTheVmUntilRestored() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "good").exitCode()).isZero();
        assertThat(vsskit("lab", "fault", "disk", "--vm", "web01", "--corruption", "ntfs-dirty", "--live").exitCode())
                .isZero();
        assertThat(vsskit("backup", "--vm", "web01", "--name", "dirty").exitCode()).isZero();
        CliRun.Result dirty = vsskit("verify", "--backup", "dirty", "--deep");
        assertThat(dirty.exitCode()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(dirty.out()).contains("[FAIL] web01 web01.vhdx: NTFS $Volume dirty flag (partition 1)",
                "flags 0x0001: the dirty bit is set in an application-consistent backup");
        // the earlier backup's snapshot kept its bytes
        assertThat(vsskit("verify", "--backup", "good", "--deep").exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void crashConsistentBackupsOnlyWarnAboutALogToReplay() throws Exception {
        assertThat(vsskit("lab", "fault", "disk", "--vm", "web01", "--corruption", "log-replay").exitCode()).isZero();
        assertThat(vsskit("backup", "--vm", "web01", "--crash-consistent").exitCode()).isZero();
        CliRun.Result v = vsskit("verify", "--last", "--deep");
        assertThat(v.exitCode()).as(v.out()).isEqualTo(ExitCode.OK);
        assertThat(v.out()).contains("[WARN] web01 web01.vhdx: VHDX log", "needs replay",
                "normal for a crash-consistent backup", "crash-consistent backup), never the live files");
    }

    @Test
    void aCloneLeftByAKilledVerifyIsDeletedByTheNextOne() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "b1").exitCode()).isZero();
        String snapshot;
        try (dev.vsskit.lab.LabHost host = dev.vsskit.lab.LabHost.open(lab)) {
            var store = new dev.vsskit.lab.backup.LabBackupTarget(host).storage().orElseThrow();
            snapshot = store.snapshots("hv_csv1").get(0).name();
            // pid 999999999 is above any Linux pid_max: that verify is gone
            store.cloneVolume("hv_csv1", snapshot, "vsskit_verify_999999999_0badc0de");
        }
        CliRun.Result v = vsskit("verify", "--last", "--deep");
        assertThat(v.exitCode()).as(v.out()).isEqualTo(ExitCode.OK);
        assertThat(v.err()).contains("deleted vsskit_verify_999999999_0badc0de, a clone left by an interrupted"
                + " verify --deep");
        try (dev.vsskit.lab.LabHost host = dev.vsskit.lab.LabHost.open(lab)) {
            assertThat(new dev.vsskit.lab.backup.LabBackupTarget(host).storage().orElseThrow().volumes())
                    .noneMatch(x -> x.name().startsWith("vsskit_verify_"));
        }
    }

    @Test
    void badInputIsOneLine() {
        CliRun.Result kind = vsskit("lab", "fault", "disk", "--vm", "web01", "--corruption", "melted");
        assertThat(kind.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(kind.err().strip()).contains("unknown --corruption 'melted'; use one of torn-header, bad-bat");
        CliRun.Result vm = vsskit("lab", "fault", "disk", "--vm", "nope", "--corruption", "zero-gpt");
        assertThat(vm.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(vm.err().strip()).contains("unknown VM nope; known VMs: sql01");
        CliRun.Result standalone = vsskit("verify", "--deep", "--catalog", lab.resolve("catalog").toString(),
                "--events", lab.resolve("events").toString());
        assertThat(standalone.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(standalone.err().strip()).contains("--deep reads the VMs' disks in the storage snapshots");
    }
}
