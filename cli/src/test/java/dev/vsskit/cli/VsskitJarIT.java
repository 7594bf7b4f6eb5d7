package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole-process tests: the shaded {@code cli/target/vsskit.jar} (built by {@code package}, run by failsafe in
 * {@code verify}) and the {@code ./vsskit} launcher, as separate processes with real stdout, stderr and exit codes.
 */
class VsskitJarIT {

    static Path jar;
    static Path repo;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("vsskit.jar", "target/vsskit.jar")).toAbsolutePath();
        assertThat(jar).as("run `mvn package` first").isRegularFile();
        repo = jar.getParent().getParent().getParent();
    }

    record Proc(int exit, String out, String err) {
    }

    static Proc run(Map<String, String> env, List<String> command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().remove("NO_COLOR");
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Proc(p.exitValue(), normalize(out), normalize(err.get()));
    }

    static String normalize(byte[] b) {
        return new String(b, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    Proc vsskit(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return run(Map.of("HOME", tmp.resolve("home").toString(), "TZ", "UTC"), cmd);
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void labInitThenListProvidersPrintsTheGoldenText() throws Exception {
        Path lab = tmp.resolve("lab");
        Proc init = vsskit("lab", "init", "--dir", lab.toString());
        assertThat(init.exit()).as(init.err()).isZero();
        assertThat(init.out()).contains("Created the lab at " + lab);

        Proc list = vsskit("--lab", lab.toString(), "list", "providers");
        assertThat(list.err()).isEmpty();
        assertThat(list.exit()).isZero();
        assertThat(list.out()).isEqualTo(CliRun.golden("fresh/list-providers.text"));

        Proc alias = vsskit("list-providers", "--lab", lab.toString(), "--output", "json");
        JsonNode providers = new ObjectMapper().readTree(alias.out());
        assertThat(providers).hasSize(4);
        assertThat(providers.get(3).get("id").asText()).isEqualTo("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}");
        assertThat(providers.get(3).get("type").asText()).isEqualTo("Hardware");
    }

    /**
     * The jar's shape (cli/pom.xml): jna-platform is stripped to what vsskit's code reaches, so jdeps must find
     * every class that vsskit's and JNA's code references; vsskit's own classes are stored, there are no
     * directory entries, and the manifest does not make it a Multi-Release jar.
     */
    @Test
    void theJarHoldsEveryClassItsCodeReferencesAndIsShapedForStartUp() throws Exception {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElse(null);
        assumeTrue(jdeps != null, "skipped: this Java has no jdeps");
        StringWriter report = new StringWriter();
        PrintWriter w = new PrintWriter(report);
        int rc = jdeps.run(w, w, "-verbose:class", "-cp", jar.toString(), jar.toString());
        w.flush();
        assertThat(rc).as(report.toString()).isZero();
        List<String> missing = report.toString().lines()
                .map(String::trim)
                .filter(l -> l.matches("\\S+\\s+->\\s+\\S+\\s+not found")) // class -> class: not the jar's summary
                // JLine's optional terminal providers for Java 22's FFM API and for Jansi 1: never chosen here
                .filter(l -> !l.matches("org\\.jline\\.terminal\\.impl\\.(ffm|jansi)\\..*"))
                .toList();
        assertThat(missing).as("classes the jar's code references but the jar lacks").isEmpty();
        assertThat(report.toString()).contains("com.sun.jna.platform.win32.Advapi32Util");

        try (JarFile z = new JarFile(jar.toFile())) {
            assertThat(z.getManifest().getMainAttributes().getValue("Multi-Release")).isNull();
            List<ZipEntry> entries = z.stream().map(ZipEntry.class::cast).toList();
            assertThat(entries).noneMatch(ZipEntry::isDirectory);
            assertThat(entries).filteredOn(e -> e.getName().startsWith("dev/vsskit/"))
                    .isNotEmpty()
                    .allMatch(e -> e.getMethod() == ZipEntry.STORED, "stored");
            assertThat(entries).filteredOn(e -> e.getName().startsWith("com/fasterxml/"))
                    .allMatch(e -> e.getMethod() == ZipEntry.DEFLATED, "deflated");
        }
    }

    @Test
    void exitCodesReachTheShell() throws Exception {
        assertThat(vsskit("--version").exit()).isZero();
        Proc usage = vsskit("no-such-verb");
        assertThat(usage.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.out()).isEmpty();
        assertThat(usage.err()).startsWith("vsskit: unknown command or argument 'no-such-verb'");

        Path lab = tmp.resolve("lab");
        assertThat(vsskit("lab", "init", "--dir", lab.toString()).exit()).isZero();
        Files.writeString(lab.resolve("lab.json"), "{");
        Proc corrupt = vsskit("--lab", lab.toString(), "list", "writers", "-o", "json");
        assertThat(corrupt.exit()).isEqualTo(ExitCode.ERROR);
        assertThat(corrupt.out()).isEmpty();
        assertThat(new ObjectMapper().readTree(corrupt.err()).get("error").get("message").asText())
                .contains("lab.json is corrupt");
    }

    @Test
    void firstUseCreatesTheDefaultLabOnce() throws Exception {
        Proc first = vsskit("list", "volumes", "-o", "csv");
        assertThat(first.exit()).isZero();
        assertThat(first.err()).contains("created the lab at " + tmp.resolve("home/.local/share/vsskit/lab"));
        assertThat(first.out()).startsWith("path,name\nC:\\,");
        Proc second = vsskit("list", "volumes", "-o", "csv");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void launcherRunsTheJarForwardsArgumentsAndExitCodeAndMakesAStartupArchive() throws Exception {
        Path launcher = repo.resolve("vsskit");
        assumeTrue(Files.isRegularFile(launcher), "skipped: no ./vsskit launcher beside " + repo);
        assumeTrue(new File("/bin/sh").canExecute(), "skipped: no /bin/sh");
        assumeTrue(!sourcesNewerThanJar(), "skipped: sources are newer than the jar, the launcher would rebuild it");
        Path lab = tmp.resolve("lab");
        assertThat(vsskit("lab", "init", "--dir", lab.toString()).exit()).isZero();
        Map<String, String> env = Map.of("HOME", tmp.resolve("home").toString(), "JAVA_HOME", System.getProperty("java.home"));
        List<String> cmd = List.of("/bin/sh", launcher.toString(), "--lab", lab.toString(), "list", "providers");
        Path archive = jar.resolveSibling("vsskit.jsa");
        Files.deleteIfExists(archive); // so this test sees the first run after a build

        Proc version = run(env, List.of("/bin/sh", launcher.toString(), "--version"));
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("vsskit ");
        assertThat(archive).as("AppCDS archive made on the first run").isRegularFile();
        // trained on `list providers` too, whatever the first command was: the fast path's classes are archived
        Proc classes = run(env, List.of(System.getProperty("java.home") + "/bin/java", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load", "-jar", jar.toString(), "--lab", lab.toString(), "list", "providers"));
        assertThat(classes.exit()).as(classes.err()).isZero();
        assertThat(classes.out()).containsPattern("dev\\.vsskit\\.cli\\.QuickList source: shared objects file")
                .containsPattern("dev\\.vsskit\\.cli\\.list\\.ProviderView source: shared objects file");

        Proc first = run(env, cmd);
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).isEqualTo(CliRun.golden("fresh/list-providers.text"));
        Proc second = run(env, cmd);
        assertThat(second.out()).isEqualTo(first.out());
        assertThat(second.err()).isEmpty();

        Proc bad = run(env, List.of("/bin/sh", launcher.toString(), "--lab", tmp.resolve("missing").toString(), "list",
                "writers"));
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).contains("no such folder");
    }

    static boolean sourcesNewerThanJar() throws IOException {
        FileTime built = Files.getLastModifiedTime(jar);
        try (Stream<Path> files = Files.walk(repo, 1)) {
            List<Path> roots = new ArrayList<>();
            files.filter(Files::isDirectory).forEach(d -> {
                roots.add(d.resolve("pom.xml"));
                roots.add(d.resolve("src/main"));
            });
            for (Path root : roots) {
                if (!Files.exists(root)) {
                    continue;
                }
                try (Stream<Path> s = Files.walk(root)) {
                    if (s.filter(Files::isRegularFile).anyMatch(f -> {
                        try {
                            return Files.getLastModifiedTime(f).compareTo(built) > 0;
                        } catch (IOException e) {
                            return true;
                        }
                    })) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
