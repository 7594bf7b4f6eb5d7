package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input: one clear line on stderr, nothing on stdout, exit 2 (usage) or 1 (error), the lab untouched. */
class BadInputTest {

    @TempDir
    Path tmp;

    static void assertOneLine(CliRun.Result r, int exitCode, String... fragments) {
        assertThat(r.exitCode()).isEqualTo(exitCode);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).endsWith("\n");
        assertThat(r.err().strip()).doesNotContain("\n").startsWith("vsskit: ");
        assertThat(r.err()).contains(fragments);
    }

    @Test
    void unknownCommand() {
        assertOneLine(CliRun.run("lisst", "providers"), ExitCode.USAGE, "unknown command or argument 'lisst'",
                "did you mean list", "vsskit --help");
    }

    @Test
    void unknownOption() {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        assertOneLine(CliRun.run("--lab", lab.toString(), "list", "providers", "--bogus"), ExitCode.USAGE,
                "unknown option '--bogus'", "vsskit list providers --help");
    }

    @Test
    void unknownListVerbAndMissingVerb() {
        assertOneLine(CliRun.run("list", "snapshots"), ExitCode.USAGE, "'snapshots'", "vsskit list --help");
        assertOneLine(CliRun.run("list"), ExitCode.USAGE, "Missing required subcommand", "vsskit list --help");
        assertOneLine(CliRun.run(), ExitCode.USAGE, "missing command");
    }

    @Test
    void badOutputFormat() {
        assertOneLine(CliRun.run("--output", "yaml", "list", "providers"), ExitCode.USAGE, "'--output'", "yaml",
                "text, json, csv");
    }

    @Test
    void labOptionNamingAMissingFolderIsAUsageErrorAndCreatesNothing() {
        Path missing = tmp.resolve("no-such-lab");
        assertOneLine(CliRun.run("--lab", missing.toString(), "list", "providers"), ExitCode.USAGE,
                missing.toString(), "no such folder", "vsskit lab init --dir");
        assertThat(missing).doesNotExist();
    }

    @Test
    void labOptionNamingAFolderThatIsNotALabLeavesItUntouched() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(folder.resolve("holiday.jpg"), "not a lab");
        assertOneLine(CliRun.run("--lab", folder.toString(), "list", "writers"), ExitCode.USAGE,
                "is not a vsskit lab", "lab.json");
        try (Stream<Path> s = Files.list(folder)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("holiday.jpg");
        }
    }

    @Test
    void corruptLabJsonNamesTheFileAndTheFixAndIsNotRewritten() throws IOException {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Path json = lab.resolve("lab.json");
        Files.writeString(json, "{\"formatVersion\": 1, \"host\": ");
        byte[] before = Files.readAllBytes(json);
        for (String verb : new String[] {"providers", "writers", "shadows", "volumes", "shadowstorage"}) {
            assertOneLine(CliRun.run("--lab", lab.toString(), "list", verb), ExitCode.ERROR,
                    json.toString(), "is corrupt", replaceLab(lab));
        }
        assertThat(Files.readAllBytes(json)).isEqualTo(before);
    }

    @Test
    void labJsonMissingARequiredFieldIsCorrupt() throws IOException {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Files.writeString(lab.resolve("lab.json"), "{\"formatVersion\": 1}");
        assertOneLine(CliRun.run("--lab", lab.toString(), "list", "providers"), ExitCode.ERROR, "is corrupt",
                replaceLab(lab));
    }

    @Test
    void aCorruptWritersSectionFailsTheVerbsThatReadItNotListProviders() throws IOException {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Path json = lab.resolve("lab.json");
        Files.writeString(json, Files.readString(json).replaceFirst("\"instanceId\": \"", "\"instanceId\": \"x"));
        byte[] before = Files.readAllBytes(json);
        CliRun.Result providers = CliRun.run("--lab", lab.toString(), "list", "providers");
        assertThat(providers.exitCode()).as(providers.err()).isZero();
        assertThat(providers.out()).contains("Data ONTAP VSS Hardware Provider");
        for (String[] args : new String[][] {{"list", "writers"}, {"backup", "--all"}}) {
            List<String> cmd = new ArrayList<>(List.of("--lab", lab.toString()));
            cmd.addAll(List.of(args));
            assertOneLine(CliRun.run(cmd.toArray(String[]::new)), ExitCode.ERROR, json.toString(),
                    "is corrupt ($.writers[0].instanceId: expected a GUID", replaceLab(lab));
        }
        assertThat(Files.readAllBytes(json)).isEqualTo(before);
        Path catalog = lab.resolve("catalog");
        if (Files.isDirectory(catalog)) {
            try (Stream<Path> s = Files.list(catalog)) {
                assertThat(s).as("no catalog record").isEmpty();
            }
        }
    }

    @Test
    void corruptShadowsFileIsReportedByListShadows() throws IOException {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Files.writeString(lab.resolve("vss/shadows.json"), "[{\"shadowId\": \"not-a-guid\"}]");
        assertOneLine(CliRun.run("--lab", lab.toString(), "list", "shadows"), ExitCode.ERROR,
                lab.resolve("vss/shadows.json").toString(), "is corrupt");
    }

    @Test
    void windowsHostOnLinuxIsAUsageError() {
        assertOneLine(CliRun.run("--host", "windows", "list", "providers"), ExitCode.USAGE, "--host windows needs Windows",
                "--host lab");
    }

    @Test
    void inJsonModeErrorsAreJsonOnStderr() throws IOException {
        ObjectMapper json = new ObjectMapper();
        CliRun.Result usage = CliRun.run("--output", "json", "list", "nothing");
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(usage.out()).isEmpty();
        JsonNode e = json.readTree(usage.err()).get("error");
        assertThat(e.get("exitCode").asInt()).isEqualTo(2);
        assertThat(e.get("exitName").asText()).isEqualTo("USAGE");
        assertThat(e.get("message").asText()).contains("'nothing'");

        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Files.writeString(lab.resolve("lab.json"), "garbage");
        CliRun.Result error = CliRun.run("--lab", lab.toString(), "list", "providers", "-o", "json");
        assertThat(error.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(error.out()).isEmpty();
        JsonNode e2 = json.readTree(error.err()).get("error");
        assertThat(e2.get("exitName").asText()).isEqualTo("ERROR");
        assertThat(e2.get("message").asText()).contains("lab.json is corrupt");
    }

    @Test
    void defaultLabThatIsCorruptIsNotReplacedSilently() throws IOException {
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Files.writeString(lab.resolve("lab.json"), "[]");
        CliRun.Result r = CliRun.run(Map.of("VSSKIT_LAB", lab.toString()), "list", "providers");
        assertOneLine(r, ExitCode.ERROR, "is corrupt");
        assertThat(Files.readString(lab.resolve("lab.json"))).isEqualTo("[]");
    }

    /** The fix a corrupt lab names: recreate that lab, by its folder (copied as printed, it replaces this one). */
    static String replaceLab(Path lab) {
        return "recreate the lab with `vsskit lab init --dir " + dev.vsskit.lab.LabInit.quoted(lab.toAbsolutePath()
                .normalize()) + " --force`";
    }
}
