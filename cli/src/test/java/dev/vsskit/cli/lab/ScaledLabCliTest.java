package dev.vsskit.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lab init --vms N --csvs M}: the scaled lab of the fleet benchmark, planned and backed up through the CLI. */
class ScaledLabCliTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void aScaledLabSpreadsItsVmsOverItsCsvsAndBacksThemAllUpInOneSet() throws Exception {
        Map<String, String> env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        Path lab = tmp.resolve("lab");
        CliRun.Result init = CliRun.run(env, "-o", "json", "lab", "init", "--dir", lab.toString(), "--vms", "7",
                "--csvs", "3");
        assertThat(init.exitCode()).as(init.err()).isZero();
        JsonNode summary = JSON.readTree(init.out());
        assertThat(StreamSupport.stream(summary.path("vms").spliterator(), false).map(JsonNode::asText))
                .containsExactly("vm001", "vm002", "vm003", "vm004", "vm005", "vm006", "vm007");
        assertThat(StreamSupport.stream(summary.path("volumes").spliterator(), false).map(JsonNode::asText))
                .containsExactly("C:\\", "C:\\ClusterStorage\\Volume1\\", "C:\\ClusterStorage\\Volume2\\",
                        "C:\\ClusterStorage\\Volume3\\");

        CliRun.Result plan = CliRun.run(env, "--lab", lab.toString(), "-o", "json", "backup", "--all", "--plan");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        JsonNode p = JSON.readTree(plan.out());
        assertThat(p.path("vms")).hasSize(7);
        assertThat(StreamSupport.stream(p.path("volumes").spliterator(), false)
                .map(v -> v.path("provider").asText())).hasSize(3).containsOnly("Data ONTAP VSS Hardware Provider");

        CliRun.Result backup = CliRun.run(env, "--lab", lab.toString(), "-o", "json", "backup", "--all");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        JsonNode b = JSON.readTree(backup.out());
        assertThat(b.path("status").asText()).isEqualTo("OK");
        assertThat(b.path("vms")).hasSize(7);
        assertThat(b.path("volumes")).hasSize(3);
    }

    @Test
    void aScaleOutOfRangeIsAUsageErrorNamingTheLimits() {
        Map<String, String> env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        CliRun.Result r = CliRun.run(env, "lab", "init", "--dir", tmp.resolve("x").toString(), "--vms", "10", "--csvs",
                "100");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("vsskit: --vms takes 1 to 10000 and --csvs 1 to 99, not 10 and 100; e.g. `vsskit"
                + " lab init --vms 1000 --csvs 64`\n");
    }
}
