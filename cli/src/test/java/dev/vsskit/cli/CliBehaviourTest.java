package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.lab.LabHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First use, lab init, help, version and completion, run in-process. */
class CliBehaviourTest {

    @TempDir
    Path tmp;

    @Test
    void firstUseCreatesTheDefaultLabAndSaysSoOnce() {
        Path home = tmp.resolve("home");
        Map<String, String> env = Map.of("HOME", home.toString());
        Path expected = home.resolve(".local/share/vsskit/lab");

        CliRun.Result first = CliRun.run(env, "list", "providers");
        assertThat(first.exitCode()).isZero();
        assertThat(first.err()).isEqualTo("vsskit: created the lab at " + expected
                + " (first use; `vsskit lab init --force` recreates it)\n");
        assertThat(first.out()).contains("Provider name: 'Data ONTAP VSS Hardware Provider'");
        assertThat(expected.resolve("lab.json")).isRegularFile();

        CliRun.Result second = CliRun.run(env, "list", "providers");
        assertThat(second.err()).isEmpty();
        assertThat(second.out()).isEqualTo(first.out());
    }

    @Test
    void xdgDataHomeAndVsskitLabChooseTheFolderAndQuietSilencesTheNote() {
        Path xdg = tmp.resolve("xdg");
        CliRun.Result r = CliRun.run(Map.of("XDG_DATA_HOME", xdg.toString(), "HOME", tmp.resolve("h").toString()),
                "-q", "list", "volumes");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(xdg.resolve("vsskit/lab/lab.json")).isRegularFile();

        Path env = tmp.resolve("env-lab");
        CliRun.Result r2 = CliRun.run(Map.of("VSSKIT_LAB", env.toString(), "XDG_DATA_HOME", xdg.toString()),
                "list", "writers");
        assertThat(r2.exitCode()).isZero();
        assertThat(r2.err()).contains("created the lab at " + env);
    }

    @Test
    void labInitCreatesRefusesAndReplacesWithForce() throws IOException {
        Path lab = tmp.resolve("lab");
        CliRun.Result created = CliRun.run("lab", "init", "--dir", lab.toString());
        assertThat(created.exitCode()).isZero();
        assertThat(created.out()).endsWith("Created the lab at " + lab + "\n"
                + "   Host: HV-LAB-01 (cluster HVCLUSTER)\n"
                + "   Volumes: C:\\, C:\\ClusterStorage\\Volume1\\, C:\\ClusterStorage\\Volume2\\, \\\\svm1\\hvshare\\\n"
                + "   VMs: sql01, web01, app01, file01\n"
                + "   Providers: Microsoft Software Shadow Copy provider 1.0, Microsoft CSV Shadow Copy Provider, "
                + "Microsoft File Share Shadow Copy provider, Data ONTAP VSS Hardware Provider\n\n");
        String firstJson = Files.readString(lab.resolve("lab.json"));

        CliRun.Result again = CliRun.run("lab", "init", "--dir", lab.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(again.err()).isEqualTo("vsskit: a lab already exists at " + lab
                + "; use `vsskit lab init --dir " + lab + " --force` to replace it (everything in it goes)\n");
        assertThat(Files.readString(lab.resolve("lab.json"))).isEqualTo(firstJson);

        Files.writeString(lab.resolve("vss/shadows.json"), "[]");
        CliRun.Result forced = CliRun.run("--output", "json", "lab", "init", "--dir", lab.toString(), "--force");
        assertThat(forced.exitCode()).isZero();
        JsonNode summary = new ObjectMapper().readTree(forced.out());
        assertThat(summary.get("replaced").asBoolean()).isTrue();
        assertThat(summary.get("vms")).hasSize(4);
        assertThat(Files.readString(lab.resolve("lab.json"))).isNotEqualTo(firstJson); // new ids chosen
        assertThat(lab.resolve("vss/shadows.json")).doesNotExist();
        assertThat(LabHost.open(lab).providers()).hasSize(4);
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).containsExactly("lab"); // no staging leftovers
        }
    }

    @Test
    void labInitUsesTheLabOptionWhenNoDirIsGiven() {
        Path lab = tmp.resolve("by-option");
        CliRun.Result r = CliRun.run(Map.of("VSSKIT_LAB", tmp.resolve("not-this").toString()), "--lab", lab.toString(),
                "lab", "init");
        assertThat(r.exitCode()).isZero();
        assertThat(lab.resolve("lab.json")).isRegularFile();
        assertThat(tmp.resolve("not-this")).doesNotExist();
    }

    @Test
    void helpHasTheExitCodeTable() {
        CliRun.Result r = CliRun.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Exit codes:\n"
                + "  0   OK: the command did what was asked\n"
                + "  1   ERROR: the command failed (the message says why and what to do)\n");
        assertThat(r.out()).contains("  3   VERIFY_FAILED", "  4   TRANSIENT", "  5   PARTIAL");
        assertThat(r.out()).contains("list", "lab", "completion", "--output=text|json|csv", "--host=lab|windows");
        assertThat(CliRun.run("list", "providers", "--help").out()).contains("Exit codes:");
    }

    @Test
    void versionNamesVsskitAndItsVersion() {
        CliRun.Result r = CliRun.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("vsskit " + Version.get() + "\n");
        assertThat(Version.get()).matches("\\d+\\.\\d+\\.\\d+.*");
        // the build's commit (git's short id) and date (project.build.outputTimestamp), and the Java it runs on
        assertThat(r.out().lines().toList()).hasSize(4);
        assertThat(r.out()).containsPattern("\nCommit: ([0-9a-f]{12}(-dirty)?|unknown)\n")
                .containsPattern("\nBuilt: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\n")
                .contains("\nJava: " + System.getProperty("java.version") + " (", System.getProperty("java.home"));
    }

    @Test
    void completionScripts() {
        CliRun.Result bash = CliRun.run("completion", "bash");
        assertThat(bash.exitCode()).isZero();
        assertThat(bash.out()).contains("complete -F", "vsskit", "providers", "shadowstorage");

        // zsh: the same completion function, with a zsh header instead of bash's #! line
        CliRun.Result zsh = CliRun.run("completion", "zsh");
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.out()).startsWith("#!/usr/bin/env zsh\n").contains("bashcompinit")
                .endsWith(bash.out().substring(bash.out().indexOf('\n') + 1));

        CliRun.Result ps = CliRun.run("completion", "powershell");
        assertThat(ps.exitCode()).isZero();
        assertThat(ps.out()).contains("Register-ArgumentCompleter -Native -CommandName 'vsskit'",
                "'list providers' = @{", "'--output' = @('text', 'json', 'csv', 'xml');", "'--host' = @('lab', 'windows');",
                "Subcommands = @('list', 'lab', 'completion'");
        // balanced braces and parentheses outside strings: a cheap syntax sanity check
        String code = ps.out().replaceAll("'[^']*'", "''").replaceAll("\"[^\"]*\"", "\"\"");
        assertThat(code.chars().filter(c -> c == '{').count()).isEqualTo(code.chars().filter(c -> c == '}').count());
        assertThat(code.chars().filter(c -> c == '(').count()).isEqualTo(code.chars().filter(c -> c == ')').count());
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheVerb() {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        CliRun.Result before = CliRun.run("--lab", lab.toString(), "--output", "csv", "list", "providers");
        CliRun.Result after = CliRun.run("list", "providers", "--lab", lab.toString(), "--output", "csv");
        assertThat(before.out()).isEqualTo(after.out()).startsWith("name,type,typeCode,id,version\n");
    }
}
