package dev.vsskit.cli.shell;

import static dev.vsskit.cli.shell.ShellTestSupport.idAfter;
import static dev.vsskit.cli.shell.ShellTestSupport.shell;
import static dev.vsskit.cli.shell.ShellTestSupport.vsskit;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.storage.CowVolumeStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vsskit shell} typed at, through a JLine dumb terminal: verbs, diskshadow's commands, aliases, keys. */
class InteractiveShellTest {

    @TempDir
    Path tmp;
    Path lab;
    Path home;

    @BeforeEach
    void lab() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        lab = CliRun.fixedLab(tmp.resolve("lab"));
        CowVolumeStore.open(lab.resolve("volumes/C")).create("data/a.txt", "alpha".getBytes(StandardCharsets.UTF_8));
    }

    private static String withoutPrompts(String out) {
        return out.replace(InteractiveShell.PROMPT, "");
    }

    @Test
    void verbsWithoutPrefixPrintWhatTheOneShotVerbPrints() {
        CliRun.Result r = shell(home, lab, "list providers\nvsskit list writers\nlist volumes -o json\nlist volumes --output=csv\nexit\n");

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        assertThat(withoutPrompts(r.out())).isEqualTo(vsskit(home, lab, "list", "providers").out()
                + vsskit(home, lab, "list", "writers").out() + vsskit(home, lab, "-o", "json", "list", "volumes").out()
                + vsskit(home, lab, "-o", "csv", "list", "volumes").out());
        assertThat(r.out()).startsWith(InteractiveShell.PROMPT);
    }

    @Test
    void historyIsKeptInTheUsersDataFolder() throws Exception {
        shell(home, lab, "list providers\nlist writers status\n");

        Path history = home.resolve(".local/share/vsskit/history");
        assertThat(Files.readString(history)).contains("list providers").contains("list writers status");
    }

    @Test
    void endOfInputLeavesWithTheLastExitCode() {
        CliRun.Result r = shell(home, lab, "list providers\n");

        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(withoutPrompts(r.out())).isEqualTo(vsskit(home, lab, "list", "providers").out());

        CliRun.Result bad = shell(home, lab, "begin restore\n");
        assertThat(bad.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).startsWith("vsskit: begin restore needs the backup's metadata");
    }


    @Test
    void volatileBackupSessionWithAliasesExposeListAndReset() throws Exception {
        Path at = tmp.resolve("exposed");
        CliRun.Result r = shell(home, lab, String.join("\n",
                "set verbose on",
                "set context volatile",
                "writer verify \"Microsoft Hyper-V VSS Writer\"",
                "begin backup",
                "add volume C:",
                "create",
                "add alias mine %VSS_SHADOW_1%",
                "expose %MINE% " + at,
                "end backup",
                "list shadows all",
                "unexpose " + at,
                "reset",
                "list shadows all",
                "exit", ""));

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        String out = withoutPrompts(r.out());
        String shadowId = idAfter(out, "Alias VSS_SHADOW_1 for shadow ID ");
        String setId = idAfter(out, "Alias VSS_SHADOW_SET for shadow set ID ");
        assertThat(out).contains("Context set to Backup.\n")
                .contains("Writer \"Microsoft Hyper-V VSS Writer\" {66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}")
                .contains("        * Shadow copy ID = " + shadowId + "\t\t%VSS_SHADOW_1%\n")
                .contains("                - Attributes:  Auto_Release Differential\n")
                .contains("The shadow copy was successfully exposed as " + at + ".\n")
                .contains("The shadow copy " + shadowId + " is no longer exposed at " + at + ".\n");
        assertThat(setId).isNotBlank();
        assertThat(Files.exists(at)).isFalse();
        // reset released the volatile shadow: the last list and a later vsskit see none
        assertThat(vsskit(home, lab, "-o", "json", "list", "shadows").out()).doesNotContain(shadowId.substring(1, 37));
        assertThat(out).endsWith("No items found that satisfy the query.\n");
    }

    @Test
    void writerExcludeAndListWritersForms() {
        CliRun.Result r = shell(home, lab, String.join("\n",
                "set context persistent",
                "writer exclude \"System Writer\"",
                "add volume C:\\ClusterStorage\\Volume1\\",
                "create",
                "list writers metadata",
                "list writers detailed",
                "list writers status",
                ""));

        assertThat(r.err()).isEmpty();
        String out = withoutPrompts(r.out());
        assertThat(out).contains("Excluding writer \"System Writer\", because all of its components have been excluded.\n")
                .contains("* WRITER \"Microsoft Hyper-V VSS Writer\"\n")
                .contains("                - Caption: sql01\n")
                .contains("                - File: C:\\ClusterStorage\\Volume1\\")
                .contains(vsskit(home, lab, "list", "writers").out());
    }

    @Test
    void diskshadowDeleteShadowsForms() {
        CliRun.Result r = shell(home, lab, String.join("\n",
                "set context clientaccessible",
                "add volume C:",
                "create",
                "list shadows set %VSS_SHADOW_SET%",
                "list shadows id %VSS_SHADOW_1%",
                "delete shadows id %VSS_SHADOW_1%",
                "add volume C:",
                "create",
                "delete shadows set %VSS_SHADOW_SET%",
                "add volume C:",
                "create",
                "delete shadows volume C:",
                "add volume C:",
                "create",
                "delete shadows all",
                "create shadow --for C:",
                "delete shadows oldest C:",
                "list shadows all",
                ""));

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(withoutPrompts(r.out())).endsWith("No items found that satisfy the query.\n");
        assertThat(r.out().split("Successfully deleted 1 shadow copies", -1)).hasSize(6);
        // list shadows set/id are vsskit's list shadows --set/--shadow
        String first = idAfter(r.out(), "Alias VSS_SHADOW_1 for shadow ID ");
        String firstSet = idAfter(r.out(), "Alias VSS_SHADOW_SET for shadow set ID ");
        assertThat(r.out().split(java.util.regex.Pattern.quote("Contents of shadow copy set ID: " + firstSet), -1)).hasSize(3);
        assertThat(r.out().split(java.util.regex.Pattern.quote("      Shadow Copy ID: " + first), -1)).hasSize(3);
    }

    @Test
    void badDiskshadowLinesAreOneLineErrorsAndTheSessionGoesOn() {
        CliRun.Result r = shell(home, lab, String.join("\n",
                "set context sometimes",
                "set verbose maybe",
                "create",
                "expose {00000000-0000-0000-0000-000000000001} " + tmp.resolve("x"),
                "end backup",
                "list shadows sideways",
                "list providers",
                ""));

        assertThat(r.err()).isEqualTo(String.join("\n",
                "vsskit: unknown context 'sometimes'; use clientaccessible, persistent [nowriters] or volatile [nowriters]",
                "vsskit: set verbose takes on or off, not 'maybe'",
                "vsskit: the shadow copy set is empty; add a volume first with `add volume C:`",
                "vsskit: shadow copy {00000000-0000-0000-0000-000000000001} not found; see `list shadows all`",
                "vsskit: no backup is in progress; start one with `begin backup`",
                "vsskit: use list shadows all | set SETID | id SHADOWID", ""));
        assertThat(withoutPrompts(r.out())).isEqualTo(vsskit(home, lab, "list", "providers").out());
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    }

    @Test
    void helpAndQuestionMarkListTheCommandsAndHelpVerbShowsItsOptions() {
        CliRun.Result help = shell(home, lab, "help\n");
        assertThat(help.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(help.err()).isEmpty();
        assertThat(help.out()).contains("diskshadow commands:").contains("   begin      begin a full backup or a restore")
                .contains("vsskit verbs").contains("   doctor     ").contains("   backup     ")
                .contains("help COMMAND (or COMMAND --help)");
        assertThat(withoutPrompts(shell(home, lab, "?\n").out())).isEqualTo(withoutPrompts(help.out()));
        CliRun.Result verb = shell(home, lab, "help backup\n");
        assertThat(verb.out()).contains("--allow-saved-state").contains("Exit codes:");
    }

    @Test
    void anExplicitExitSucceedsEvenAfterAFailedLineAndExitNGivesN() {
        CliRun.Result r = shell(home, lab, "begin restore\nexit\n");
        assertThat(r.err()).startsWith("vsskit: begin restore needs");
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(shell(home, lab, "list providers\nexit 3\n").exitCode()).isEqualTo(3);
        CliRun.Result eof = shell(home, lab, "begin restore\n");
        assertThat(eof.exitCode()).as("end of input leaves with the last line's code").isEqualTo(ExitCode.USAGE);
    }
}
