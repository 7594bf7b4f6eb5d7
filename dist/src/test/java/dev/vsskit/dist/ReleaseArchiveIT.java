package dev.vsskit.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vsskit.dist.ReleaseFiles.Proc;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each release archive unpacked into an empty folder and run there as a user would: {@code --version},
 * {@code list providers} on a fresh lab (created on first use in an empty home), {@code backup --all},
 * {@code verify --last}, and verify-backup.sh from the release against the lab's log and catalog. A {@code mvn}
 * first on PATH records any call, so a launcher that tried to build from source fails the test.
 */
class ReleaseArchiveIT {

    @TempDir
    Path tmp;

    @Test
    void theTarGzRunsWhereItIsUnpacked() throws Exception {
        assumeTrue(onPath("tar"), "skipped: no tar on PATH");
        Path into = Files.createDirectories(tmp.resolve("unpacked"));
        Proc untar = ReleaseFiles.run(into, Map.of("PATH", System.getenv("PATH")), "tar", "-xzf",
                ReleaseFiles.tarGz().toString());
        assertThat(untar.exit()).as(untar.err()).isZero();
        Path home = into.resolve(ReleaseFiles.top());
        assertThat(home.resolve("vsskit")).isExecutable(); // the tar keeps the launcher's mode
        runsAsAUserWould(home, List.of(home.resolve("vsskit").toString()), true);
    }

    @Test
    void theZipRunsWhereItIsUnpacked() throws Exception {
        assumeTrue(new File("/bin/sh").canExecute(), "skipped: no /bin/sh");
        Path into = Files.createDirectories(tmp.resolve("unpacked"));
        unzip(ReleaseFiles.zip(), into); // as Explorer does: no file modes, so the sh launcher runs through sh
        Path home = into.resolve(ReleaseFiles.top());
        runsAsAUserWould(home, List.of("/bin/sh", home.resolve("vsskit").toString()), false);
    }

    /** With {@code ci}, also verify-backup.sh (it needs the launcher's executable mode, which only the tar keeps). */
    private void runsAsAUserWould(Path release, List<String> vsskit, boolean ci) throws Exception {
        List<String> before = files(release);
        Path userHome = Files.createDirectories(tmp.resolve("home"));
        Path fakeBin = Files.createDirectories(tmp.resolve("bin"));
        Path mvnCalled = tmp.resolve("mvn-called");
        Path mvn = fakeBin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$@\" > '" + mvnCalled + "'\nexit 1\n");
        assertThat(mvn.toFile().setExecutable(true)).isTrue();
        Map<String, String> env = new HashMap<>();
        env.put("HOME", userHome.toString());
        env.put("PATH", fakeBin + File.pathSeparator + System.getenv("PATH"));
        env.put("JAVA_HOME", ReleaseFiles.javaHome());
        env.put("TZ", "UTC");
        Path work = Files.createDirectories(tmp.resolve("work")); // run from elsewhere, as from a prompt

        Proc version = ReleaseFiles.run(work, env, cmd(vsskit, "--version"));
        assertThat(version.exit()).as(version.err()).isZero();
        List<String> lines = version.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("vsskit " + ReleaseFiles.version());
        assertThat(lines.get(1)).matches("Commit: ([0-9a-f]{12}(-dirty)?|unknown)");
        assertThat(lines.get(2)).matches("Built: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(lines.get(3)).startsWith("Java: " + System.getProperty("java.version") + " (");

        Proc providers = ReleaseFiles.run(work, env, cmd(vsskit, "list", "providers"));
        assertThat(providers.exit()).as(providers.err()).isZero();
        assertThat(providers.err()).contains("created the lab at " + userHome.resolve(".local/share/vsskit/lab"));
        assertThat(providers.out()).isEqualTo(golden("fresh/list-providers.text"));

        Proc backup = ReleaseFiles.run(work, env, cmd(vsskit, "backup", "--all", "--output", "json"));
        assertThat(backup.exit()).as(backup.err()).isZero();
        assertThat(backup.out()).contains("\"sql01\"", "\"web01\"", "\"app01\"", "\"file01\"");

        Proc verify = ReleaseFiles.run(work, env, cmd(vsskit, "verify", "--last"));
        assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();

        if (ci) { // the CI script of the release finds the launcher beside it
            Path lab = userHome.resolve(".local/share/vsskit/lab");
            Proc script = ReleaseFiles.run(work, env, release.resolve("verify-backup.sh").toString(),
                    lab.resolve("events/Application.evtx").toString(), lab.resolve("catalog").toString(),
                    work.resolve("verify.xml").toString());
            assertThat(script.exit()).as(script.out() + script.err()).isZero();
            assertThat(script.out()).contains("verify-backup: PASSED");
        }

        assertThat(mvnCalled).as("the release's launcher must not build from source").doesNotExist();
        assertThat(files(release)).as("nothing written into the install folder").isEqualTo(before);
        try (Stream<Path> cache = Files.list(userHome.resolve(".cache/vsskit"))) {
            assertThat(cache.map(p -> p.getFileName().toString()))
                    .as("the start-up archive, in the user's cache").anyMatch(n -> n.endsWith(".jsa"));
        }
    }

    private static String[] cmd(List<String> vsskit, String... args) {
        return Stream.concat(vsskit.stream(), Stream.of(args)).toArray(String[]::new);
    }

    /** cli's golden output, with the version in it. */
    private static String golden(String name) throws IOException {
        Path file = Path.of("..", "cli", "src", "test", "resources", "golden", name);
        return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("@VERSION@", ReleaseFiles.version());
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                Path target = into.resolve(e.getName()).normalize();
                assertThat(target.startsWith(into)).as("inside the folder: " + e.getName()).isTrue();
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.write(target, in.readAllBytes());
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
