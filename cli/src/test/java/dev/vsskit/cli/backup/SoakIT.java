package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The short soak in {@code mvn verify}: three workers running real vsskit processes at once for a few
 * seconds (backups with automatic names, restores, deletes, retention, SIGKILLs), then the invariant
 * check. The long soak is {@code bench/soak.sh} (figures in docs/benchmarks.md).
 */
class SoakIT {

    @TempDir
    Path tmp;

    @Test
    void concurrentJobsAndKillsLoseNothing() throws Exception {
        Path jar = Path.of(System.getProperty("vsskit.jar", "target/vsskit.jar")).toAbsolutePath();
        assertThat(jar).as("run `mvn package` first").isRegularFile();
        Soak.Report report = new Soak(jar, tmp).run(3, Long.getLong("vsskit.soak.seconds", 12), 7);
        assertThat(report.problems()).as(report.toString()).isEmpty();
        assertThat(report.operations().keySet()).as(report.toString()).anyMatch(k -> k.startsWith("backup exit 0"));
        assertThat(report.restoresChecked()).as(report.toString()).isPositive();
    }
}
