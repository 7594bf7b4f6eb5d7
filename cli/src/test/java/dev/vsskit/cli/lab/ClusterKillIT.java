package dev.vsskit.cli.lab;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code vsskit backup} on a two-node lab killed (SIGKILL) while the CSVs are in redirected I/O: the CSV
 * stays in "backup in progress", as on a real cluster; {@code lab csv list} shows it, and the next backup
 * clears it first (no set is in progress any more) and says so, instead of running degraded.
 */
class ClusterKillIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    ProcessBuilder vsskit(Path lab, String... args) {
        Path jar = Path.of(System.getProperty("vsskit.jar", "target/vsskit.jar")).toAbsolutePath();
        assertThat(jar).as("run `mvn package` first").isRegularFile();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--lab", lab.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        return pb;
    }

    Run run(Path lab, String... args) throws Exception {
        Process p = vsskit(lab, args).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vsskit finished").isTrue();
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aBackupKilledWhileTheCsvIsRedirectedLeavesItInBackupStateUntilTheNextBackupClearsIt() throws Exception {
        Path lab = tmp.resolve("lab");
        assertThat(run(lab, "lab", "init", "--dir", lab.toString(), "--nodes", "2").exit()).isZero();
        // a slow commit keeps the set in creation (the CSVs redirected) long enough to kill it there
        assertThat(run(lab, "lab", "fault", "provider", "--provider", "Data ONTAP VSS Hardware Provider",
                "--commit-delay", "8000").exit()).isZero();
        Process backup = vsskit(lab, "backup", "--vm", "web01", "--vm", "sql01").start();
        Path state = lab.resolve("cluster/state.json");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!(Files.exists(state) && Files.readString(state).matches("(?s).*\"redirectedSince\"\\s*:\\s*\".*"))
                && backup.isAlive()) {
            assertThat(System.nanoTime()).as("the CSV went to redirected I/O").isLessThan(deadline);
            Thread.sleep(50);
        }
        assertThat(backup.isAlive()).as("still creating the set when killed").isTrue();
        backup.toHandle().destroyForcibly();
        assertThat(backup.waitFor(30, TimeUnit.SECONDS)).isTrue();

        Run csv = run(lab, "-o", "json", "lab", "csv", "list");
        JsonNode volume1 = JSON.readTree(csv.out()).get(0);
        assertThat(volume1.path("volume").asText()).isEqualTo("Volume1");
        assertThat(volume1.path("ioMode").asText()).startsWith("Redirected since ");
        assertThat(volume1.path("backupState").asText()).startsWith("Backup in progress: snapshot set {")
                .contains("node HV-LAB-01, process " + backup.pid() + " (gone: left by a backup that died");

        assertThat(run(lab, "lab", "fault", "clear").exit()).isZero();
        Run next = run(lab, "-o", "json", "backup", "--vm", "web01");
        assertThat(next.exit()).as(next.err() + next.out()).isZero();
        assertThat(JSON.readTree(next.out()).path("message").asText())
                .contains("cleared the backup state of CSV Volume1 (set {", "process " + backup.pid(),
                        "in redirected I/O since ");
        JsonNode after = JSON.readTree(run(lab, "-o", "json", "lab", "csv", "list").out());
        for (JsonNode c : after) {
            assertThat(c.path("ioMode").asText()).isEqualTo("Direct");
            assertThat(c.path("backupState").asText()).isEqualTo("None");
        }
    }
}
