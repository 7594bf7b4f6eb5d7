package dev.vsskit.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripts around vsskit: the PowerShell parse check and verify-backup.sh against a lab backup. */
class ScriptsTest {

    /** The repository's scripts folder (tests run in the cli module's folder). */
    static final Path SCRIPTS = Path.of("..", "scripts").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exitCode, String output) {
    }

    static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("did not finish: " + String.join(" ", command));
        }
        return new Run(p.exitValue(), out);
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyPowerShellFileParses() throws Exception {
        Path check = SCRIPTS.resolve("check-powershell");
        Assumptions.assumeTrue(onPath("node"), "node is not installed: PowerShell parse check skipped "
                + "(apt-get install nodejs npm)");
        Assumptions.assumeTrue(Files.isDirectory(check.resolve("node_modules/tree-sitter-powershell")),
                "tree-sitter-powershell is not installed: PowerShell parse check skipped "
                        + "(cd scripts/check-powershell && npm install tree-sitter tree-sitter-powershell)");

        Run ok = run(Map.of(), "node", "--no-deprecation", check.resolve("check-powershell.mjs").toString());
        assertThat(ok.output()).contains(" 0 with syntax errors");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.output()).doesNotContain("check-powershell: 0 file(s)");

        // the check can fail: an unclosed if condition is reported with its line
        Path bad = Files.writeString(tmp.resolve("bad.ps1"), "function F {\n  param(\n    [string]$a\n  )\n"
                + "  if ($a { }\n}\n");
        Run fails = run(Map.of(), "node", "--no-deprecation", check.resolve("check-powershell.mjs").toString(),
                bad.toString());
        assertThat(fails.exitCode()).isEqualTo(1);
        assertThat(fails.output()).contains(bad + ":5:");
    }

    @Test
    void verifyBackupShVerifiesACopiedLabCatalogAndEvents() throws Exception {
        Assumptions.assumeTrue(onPath("sh"), "no sh: verify-backup.sh test skipped");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        CliRun.Result backup = CliRun.run(Map.of("HOME", home.toString()), "--lab", lab.toString(), "-q", "backup",
                "--vm", "sql01");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        // what a CI job gets from the Windows host: the catalog folder and an exported Application.evtx
        Path ci = Files.createDirectories(tmp.resolve("ci"));
        copyTree(lab.resolve("catalog"), ci.resolve("catalog"));
        Files.copy(lab.resolve("events/Application.evtx"), ci.resolve("Application.evtx"));
        Path vsskit = launcher(tmp);
        Path junit = ci.resolve("verify.xml");

        Run r = run(Map.of("VSSKIT", vsskit.toString(), "HOME", home.toString(), "TZ", "UTC"), "sh",
                SCRIPTS.resolve("verify-backup.sh").toString(), ci.resolve("Application.evtx").toString(),
                ci.resolve("catalog").toString(), junit.toString());

        assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCode.OK);
        assertThat(r.output()).contains("[PASS] provider event 4089 within the commit limit")
                .endsWith("verify-backup: PASSED: every check passed (6 checks, 0 failed; JUnit report: " + junit + ")\n");
        assertThat(Files.readString(junit)).contains("tests=\"6\" failures=\"0\"");

        // an events file without the backup's 4089 fails verification with verify's code
        Path other = CliRun.fixedLab(tmp.resolve("other-lab"));
        assertThat(CliRun.run(Map.of("HOME", home.toString()), "--lab", other.toString(), "-q", "backup", "--vm", "web01")
                .exitCode()).isZero();
        Path otherEvents = other.resolve("events/Application.evtx");
        Run failed = run(Map.of("VSSKIT", vsskit.toString(), "HOME", home.toString()), "sh",
                SCRIPTS.resolve("verify-backup.sh").toString(), otherEvents.toString(), ci.resolve("catalog").toString(),
                ci.resolve("failed.xml").toString());
        assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ExitCode.VERIFY_FAILED);
        assertThat(failed.output()).contains("verify-backup: FAILED: at least one check failed");

        Run missing = run(Map.of("VSSKIT", vsskit.toString()), "sh", SCRIPTS.resolve("verify-backup.sh").toString(),
                tmp.resolve("nope.evtx").toString(), ci.resolve("catalog").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.output()).contains("events file '" + tmp.resolve("nope.evtx") + "' not found");
    }

    /** A vsskit command running this build's classes (the jar is made only at package time). */
    static Path launcher(Path tmp) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path launcher = tmp.resolve("vsskit");
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -cp '" + System.getProperty("java.class.path")
                + "' dev.vsskit.cli.Main \"$@\"\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return launcher;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (var s = Files.walk(from)) {
            s.forEach(all::add);
        }
        for (Path p : all) {
            Path dst = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(dst);
            } else {
                Files.copy(p, dst);
            }
        }
    }

}
