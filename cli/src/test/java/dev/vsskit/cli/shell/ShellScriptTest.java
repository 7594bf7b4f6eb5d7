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
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vsskit shell -s FILE}: diskshadow's documented example script, adapted to the lab, and failures. */
class ShellScriptTest {

    @TempDir
    Path tmp;
    Path lab;
    Path home;
    byte[] content;

    @BeforeEach
    void lab() throws Exception {
        home = Files.createDirectories(tmp.resolve("home"));
        lab = CliRun.fixedLab(tmp.resolve("lab"));
        content = "boot.ini of the lab's system volume\n".repeat(5000).getBytes(StandardCharsets.UTF_8);
        CowVolumeStore.open(lab.resolve("volumes/C")).create("Windows/boot.ini", content);
    }

    @Test
    void diskshadowExampleScriptCreatesExposesAndWritesMetadata() throws Exception {
        Path meta = tmp.resolve("diskshadowdata/example.xml");
        Path exposeAt = tmp.resolve("p");
        Path execOut = tmp.resolve("exec.out");
        Path cmd = tmp.resolve("backupscript.cmd");
        Files.writeString(cmd, "cat \"" + exposeAt + "/Windows/boot.ini\" | wc -c > \"" + execOut + "\"\n"
                + "echo \"$SYSTEMVOLUMESHADOW $VSS_SHADOW_SET\" >> \"" + execOut + "\"\n");
        Path script = tmp.resolve("example.dsh");
        Files.writeString(script, String.join("\n",
                "#Diskshadow script file",
                "set context persistent nowriters",
                "set metadata " + meta,
                "set verbose on",
                "begin backup",
                "add volume c: alias systemvolumeshadow",
                "",
                "create",
                "",
                "expose %systemvolumeshadow% " + exposeAt,
                "exec " + cmd,
                "end backup",
                "#End of script", ""));

        CliRun.Result r = shell(home, lab, "", "-s", script.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        String shadowId = idAfter(r.out(), "Alias systemvolumeshadow for shadow ID ");
        String setId = idAfter(r.out(), "Alias VSS_SHADOW_SET for shadow set ID ");
        assertThat(r.out()).contains("        * Shadow copy ID = " + shadowId + "\t\t%systemvolumeshadow%\n")
                .contains("                - Shadow copy set: " + setId + "\t%VSS_SHADOW_SET%\n")
                .contains("                - Attributes:  No_Auto_Release Persistent No_Writers")
                .contains("Number of shadow copies listed: 1\n")
                .contains("The shadow copy was successfully exposed as " + exposeAt + ".\n");
        // the shadow outlives the shell (persistent) and is the one vsskit lists
        assertThat(vsskit(home, lab, "-o", "json", "list", "shadows").out()).contains(shadowId.substring(1, 37));
        // the exposed folder holds the snapshot's bytes, read-only
        Path exposed = exposeAt.resolve("Windows/boot.ini");
        assertThat(Files.readAllBytes(exposed)).isEqualTo(content);
        // (permission bits, not Files.isWritable: the tests may run as root, who may write anyway)
        assertThat(Files.getPosixFilePermissions(exposed)).doesNotContain(PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
        assertThat(Files.getPosixFilePermissions(exposeAt.resolve("Windows"))).doesNotContain(PosixFilePermission.OWNER_WRITE);
        // a later change of the live volume does not reach the exposed copy
        CowVolumeStore.open(lab.resolve("volumes/C")).replace("Windows/boot.ini", "changed".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readAllBytes(exposed)).isEqualTo(content);
        // exec ran while the shadow was exposed, with the aliases in its environment
        assertThat(Files.readString(execOut)).isEqualTo(content.length + "\n" + shadowId + " " + setId + "\n");
        // end backup wrote the Backup Components Document
        assertThat(Files.readString(meta)).contains("<").contains(setId.substring(1, 37));
    }

    @Test
    void scriptStopsAtFirstFailingLineWithItsNumber() throws Exception {
        Path script = tmp.resolve("bad.dsh");
        Files.writeString(script, "# a comment\nlist providers\nadd volume Z:\nlist writers\n");

        CliRun.Result r = shell(home, lab, "", "/s", script.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("vsskit: volume Z: not found; see `list volumes`\n"
                + "vsskit: " + script + " line 3 failed: add volume Z:\n");
        assertThat(r.out()).isEqualTo(vsskit(home, lab, "list", "providers").out());
    }

    @Test
    void failingVerbStopsTheScriptWithTheVerbsExitCode() throws Exception {
        Path script = tmp.resolve("verb.dsh");
        Files.writeString(script, "list writers\ndelete shadows --shadow {00000000-0000-0000-0000-000000000042} --quiet\n"
                + "list providers\n");

        CliRun.Result r = shell(home, lab, "", "-s", script.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).endsWith(script + " line 2 failed: delete shadows --shadow "
                + "{00000000-0000-0000-0000-000000000042} --quiet\n");
        assertThat(r.out()).isEqualTo(vsskit(home, lab, "list", "writers").out());
    }

    @Test
    void aRetryableVssFailureExitsAsTheOneShotVerbsDo() throws Exception {
        long otherPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Files.writeString(lab.resolve("vss/set-in-progress.json"), "{\"snapshotSetId\": "
                + "\"{00000000-0000-0000-0000-0000000000aa}\", \"pid\": " + otherPid
                + ", \"started\": \"2026-11-24T10:00:00Z\"}");
        Path script = tmp.resolve("busy.dsh");
        Files.writeString(script, "set context persistent\nbegin backup\nadd volume C:\ncreate\nend backup\n");

        CliRun.Result r = shell(home, lab, "", "-s", script.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(r.err()).contains("VSS_E_SNAPSHOT_SET_IN_PROGRESS").endsWith(script + " line 4 failed: create\n");
        assertThat(vsskit(home, lab, "list", "shadows", "-o", "json").out().trim()).isEqualTo("[]");
    }

    @Test
    void linesSeeTheSessionsNonPersistentShadowsAndDeleteThem() throws Exception {
        Path script = tmp.resolve("volatile.dsh");
        Files.writeString(script, String.join("\n", "add volume C: alias sys", "create", "list shadows all",
                "delete shadows id %sys%", "list shadows all", ""));

        CliRun.Result r = shell(home, lab, "", "-s", script.toString());

        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        String shadowId = idAfter(r.out(), "Alias sys for shadow ID ");
        String afterCreate = r.out().substring(r.out().indexOf("Alias sys for shadow ID "));
        // the first `list shadows all` shows the volatile shadow; after the delete, none is left
        assertThat(afterCreate).contains(shadowId.substring(1, 37)).contains("No items found that satisfy the query.");
        assertThat(afterCreate.indexOf(shadowId.substring(1, 37), afterCreate.indexOf("\n")))
                .isLessThan(afterCreate.indexOf("No items found that satisfy the query."));
        // nothing outlives the shell: the shadow was non-persistent
        assertThat(vsskit(home, lab, "-o", "json", "list", "shadows").out().trim()).isEqualTo("[]");
    }

    @Test
    void diskshadowsTransportableCommandsAreRefusedInOneLine() throws Exception {
        for (String command : new String[] {"import", "mask {00000000-0000-0000-0000-000000000001}", "break writable"}) {
            Path script = Files.writeString(tmp.resolve("t.dsh"), command + "\n");

            CliRun.Result r = shell(home, lab, "", "-s", script.toString());

            assertThat(r.exitCode()).as(command).isEqualTo(ExitCode.USAGE);
            assertThat(r.err()).as(command).startsWith("vsskit: " + command.split(" ")[0]
                    + " is not supported by vsskit (").contains("; leave it out\n")
                    .endsWith(script + " line 1 failed: " + command + "\n");
        }
    }

    @Test
    void missingScriptIsAUsageError() {
        CliRun.Result r = shell(home, lab, "", "-s", tmp.resolve("nope.dsh").toString());

        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("vsskit: script " + tmp.resolve("nope.dsh")
                + " not found; give an existing file to -s\n");
    }
}
