package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.list.ListGoldenTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The start-up fast path ({@link QuickList}) against picocli: every form it accepts gives the same stdout,
 * stderr and exit code as the picocli path, and every form it is unsure of is left to picocli.
 */
class QuickListTest {

    @TempDir
    static Path tmp;
    static Path lab;
    static Path home;

    @BeforeAll
    static void lab() throws IOException {
        lab = CliRun.fixedLab(tmp.resolve("lab"));
        ListGoldenTest.addSampleState(lab); // shadows, a failed writer, used shadow storage
        addBackups(lab);
        home = Files.createDirectories(tmp.resolve("home"));
    }

    /** Three records in the lab's catalog: a job that failed once then succeeded, and a failed one. */
    static void addBackups(Path lab) {
        dev.vsskit.vss.catalog.BackupCatalog c = new dev.vsskit.vss.catalog.BackupCatalog(lab.resolve("catalog"));
        java.time.Instant t = java.time.Instant.parse("2026-12-01T02:00:00Z");
        dev.vsskit.vss.VssId set = dev.vsskit.vss.VssId.parse("{1b2c3d4e-0000-4000-8000-000000000001}");
        List<dev.vsskit.vss.catalog.BackupRecord.VolumeEntry> volumes = List.of(
                new dev.vsskit.vss.catalog.BackupRecord.VolumeEntry("C:\\ClusterStorage\\Volume1\\", set,
                        "Data ONTAP VSS Hardware Provider",
                        dev.vsskit.vss.VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}"), true, true, "hv_csv1",
                        "HV-LAB-01_12-01-2026_02.00.00__1b2c3d4e"));
        c.create(new dev.vsskit.vss.catalog.BackupRecord("HV-LAB-01_12-01-2026_02.00.00.try1", t, t.plusSeconds(30),
                java.util.Optional.of("nightly"), List.of("sql01"), true, java.util.Optional.empty(), List.of(),
                List.of(), java.time.Duration.ZERO, false, "failed: writer Microsoft Hyper-V VSS Writer retryable"));
        c.create(new dev.vsskit.vss.catalog.BackupRecord("HV-LAB-01_12-01-2026_02.00.00", t.plusSeconds(60),
                t.plusSeconds(90), java.util.Optional.of("nightly"), List.of("sql01", "web01"), true,
                java.util.Optional.of(set), volumes, List.of(), java.time.Duration.ofMillis(120), true, "succeeded"));
        c.create(new dev.vsskit.vss.catalog.BackupRecord("HV-LAB-01_12-02-2026_02.00.00", t.plusSeconds(86400),
                t.plusSeconds(86430), java.util.Optional.empty(), List.of("app01"), false, java.util.Optional.empty(),
                List.of(), List.of(), java.time.Duration.ZERO, false, "failed: no ONTAP cluster"));
    }

    /** Accepted forms, with {@code LAB} standing for the lab folder. */
    static Stream<String> accepted() {
        List<String> forms = new ArrayList<>();
        for (String leaf : ListGoldenTest.VERBS) {
            forms.add("--lab LAB list " + leaf);
            forms.add("--lab LAB list-" + leaf);
            forms.add("list " + leaf + " --lab=LAB -o json");
            forms.add("-q --output csv --lab LAB list " + leaf + " --no-color");
            forms.add("--host lab --lab LAB list " + leaf + " -o JSON -v");
            forms.add("--lab LAB --quiet --verbose list " + leaf + " --output=text");
        }
        forms.add("--lab LAB list shadowcopies");
        // list backups: the catalog index alone (the lab has two backups, one of them failed)
        forms.add("--lab LAB list backups");
        forms.add("--lab LAB list-backups -o json");
        forms.add("-q --output csv --lab LAB list backups");
        forms.add("--lab MISSING list backups");
        // failures inside the command: the same one-line error (and JSON error) either way
        forms.add("--lab MISSING list providers");
        forms.add("--lab MISSING list writers -o json");
        forms.add("--host windows --lab LAB list volumes");
        forms.add("--host WINDOWS list providers -o json");
        // a node of the lab's cluster (lower case: LAB stands for the folder), and one it does not have
        forms.add("--host lab:hv-lab-01 --lab LAB list writers");
        forms.add("--host lab:nope --lab LAB list providers -o json");
        return forms.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void sameOutputAndExitCodeAsPicocli(String form) {
        String[] args = args(form);
        CliRun.Result quick = quick(args);
        CliRun.Result picocli = CliRun.run(env(), args);
        assertThat(quick.exitCode()).as("exit code").isEqualTo(picocli.exitCode());
        assertThat(quick.out()).as("stdout").isEqualTo(picocli.out());
        assertThat(quick.err()).as("stderr").isEqualTo(picocli.err());
    }

    @Test
    void theAcceptedFormsReallyRunAndPrint() {
        CliRun.Result r = quick(args("--lab LAB list providers"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Provider name: 'Data ONTAP VSS Hardware Provider'");
        CliRun.Result missing = quick(args("--lab MISSING list providers"));
        assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(missing.err()).startsWith("vsskit: --lab ").contains("no such folder");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {
        "", "--help", "-h list providers", "list providers --help", "--version", "-V",
        "list", "list backups --vm sql01", "list-backups --dataset nightly", "list-shadowcopies", "list nothing", "lab init",
        "list shadows --for C:", "list shadows /for=C:", "list providers extra", "list providers list",
        "list providers -o xml", "list providers -o", "list providers --output json -o csv",
        "-q -q list providers", "--quiet -q list providers", "-ojson list providers", "-o=json list providers",
        "--lab list providers", "--lab= list providers", "--host bogus list providers", "--host lab: list providers", "--no-color=true list providers",
        "-qv list providers", "-- list providers", "list -- providers", "backup --all"})
    void leavesEverythingElseToPicocli(String form) {
        assertThat(QuickList.parse(args(form), new GlobalOptions())).as(form).isNull();
    }

    private static String[] args(String form) {
        String f = form.replace("MISSING", tmp.resolve("no-such-lab").toString()).replace("LAB", lab.toString());
        return f.isBlank() ? new String[0] : f.trim().split(" +");
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("TZ", "UTC");
        return env;
    }

    private static CliRun.Result quick(String[] args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Launch launch = new Launch(new PrintWriter(out), new PrintWriter(err), env(), "Linux", home);
        int code = QuickList.run(args, launch);
        assertThat(code).as("handled by the fast path").isNotEqualTo(QuickList.NOT_HANDLED);
        return new CliRun.Result(code, CliRun.normalize(out.toString()), CliRun.normalize(err.toString()));
    }
}
