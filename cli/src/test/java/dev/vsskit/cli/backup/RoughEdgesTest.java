package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rough edges a new user found on a fresh lab (issue 18), each through the CLI. */
class RoughEdgesTest extends LabCliTest {

    /** A line of Java's Map.toString, as CSV cells must never hold. */
    static final String MAP_DUMP = "(?s).*\\{[a-zA-Z]+=.*";

    @Test
    void csvOfBackupPlanVerifyAndRestoreFlattensNestedDataIntoColumnsAndRows() {
        CliRun.Result plan = vsskit("backup", "--vm", "web01", "--vm", "sql01", "--plan", "-o", "csv");
        assertThat(plan.out()).doesNotMatch(MAP_DUMP);
        assertThat(plan.out().lines().findFirst().orElseThrow()).isEqualTo("backupName,host,type,vms.name,vms.id,"
                + "vms.backupMethod,vms.included,vms.problem,vms.files,vms.volumes,volumes.path,volumes.volumeName,"
                + "volumes.provider,volumes.providerId,volumes.hardwareExpected,volumes.ontapVolume");
        assertThat(plan.out().lines()).hasSize(1 + 2 + 1); // header, two VMs, one volume (both on Volume1)

        CliRun.Result backup = vsskit("backup", "--vm", "web01", "--name", "b1", "-o", "csv");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(backup.out()).doesNotMatch(MAP_DUMP).contains(",vms.name,").contains("b1,OK,");

        CliRun.Result verify = vsskit("verify", "--last", "-o", "csv");
        assertThat(verify.out()).doesNotMatch(MAP_DUMP);
        assertThat(verify.out().lines()).hasSize(1 + 6)
                .first().isEqualTo("backup,passed,verifiedAt,checks.name,checks.status,checks.evidence,checks.advice");

        CliRun.Result restore = vsskit("restore", "--vm", "web01", "--backup", "b1", "--to",
                tmp.resolve("copy").toString(), "-o", "csv");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(restore.out()).doesNotMatch(MAP_DUMP).contains("files.path");
    }

    @Test
    void progressIsPlainTimestampedLinesOnStderrWhenItIsNotATerminalAndQuietSilencesIt() {
        CliRun.Result r = vsskit("backup", "--vm", "web01");
        assertThat(r.exitCode()).isZero();
        assertThat(r.err().lines()).isNotEmpty().allMatch(l -> l.matches(
                "vsskit: \\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d\\d:\\d\\d [AP]M .+"));
        assertThat(r.err()).contains(" plan: 1 VM on 1 volume\n").contains(" committed {");
        assertThat(r.err()).doesNotContain("\u001b[");
        assertThat(vsskit("-q", "backup", "--vm", "web01").err()).isEmpty();

        StringWriter terminal = new StringWriter();
        TerminalProgress.of(new PrintWriter(terminal), false, true, ZoneOffset.UTC,
                Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).retentionDeleted("old");
        assertThat(terminal.toString()).isEqualTo("  retention deleted old" + System.lineSeparator());
        StringWriter log = new StringWriter();
        TerminalProgress.of(new PrintWriter(log), false, false, ZoneId.of("UTC"),
                Clock.fixed(Instant.parse("2026-12-06T13:45:05Z"), ZoneOffset.UTC)).retentionDeleted("old");
        assertThat(log.toString()).isEqualTo("vsskit: 12/6/2026 1:45:05 PM retention deleted old" + System.lineSeparator());
    }

    @Test
    void verifyOfACrashConsistentBackupCountsItsSkippedChecks() {
        assertThat(vsskit("backup", "--vm", "web01", "--crash-consistent").exitCode()).isZero();
        CliRun.Result r = vsskit("verify", "--last");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Result: PASSED (6 checks: 2 passed, 4 skipped)");
    }

    @Test
    void numbersAgreeWithTheirWordsAndTimesHaveOneTextFormat() throws Exception {
        CliRun.Result b = vsskit("backup", "--vm", "web01", "--name", "one");
        assertThat(b.out()).contains("1 of 1 VM backed up in snapshot set").doesNotContain("VMs");
        CliRun.Result cc = vsskit("backup", "--vm", "web01", "--crash-consistent", "--name", "cc");
        assertThat(cc.out()).contains("1 of 1 VM backed up crash-consistent in 1 ONTAP snapshot cc__")
                .doesNotContain("snapshot(s)");
        CliRun.Result list = vsskit("list", "backups");
        assertThat(list.out()).containsPattern("BackupTime    : \\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d\\d:\\d\\d [AP]M\n");
        CliRun.Result verify = vsskit("verify", "--backup", "one");
        assertThat(verify.out()).containsPattern("finished \\d{1,2}/\\d{1,2}/\\d{4} \\d{1,2}:\\d\\d:\\d\\d [AP]M")
                .doesNotContainPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:");
        assertThat(vsskit("verify", "--backup", "one", "-o", "json").out()).as("JSON keeps ISO-8601 UTC")
                .containsPattern("\\d{4}-\\d\\d-\\d\\dT\\d\\d:");
        CliRun.Result del = vsskit("delete", "backup", "one");
        assertThat(del.out()).startsWith("Deleted backup one (1 volume, snapshot set {");

        assertThat(vsskit("lab", "storage-latency", "10500", "--virtual-time").exitCode()).isZero();
        CliRun.Result aborted = vsskit("backup", "--vm", "web01", "--retry", "1");
        assertThat(aborted.exitCode()).isEqualTo(ExitCode.TRANSIENT);
        assertThat(aborted.out()).contains("Commit time: none (the snapshot set was not committed)")
                .doesNotContain("Commit time: 0 ms");
    }

    @Test
    void failedTriesAreAttemptsOfOneJobAndCannotBeDeletedAsBackups() throws Exception {
        assertThat(vsskit("lab", "storage-latency", "10500", "--virtual-time").exitCode()).isZero();
        assertThat(vsskit("backup", "--vm", "web01", "--name", "slow", "--retry", "2", "--retry-wait", "0s").exitCode())
                .isEqualTo(ExitCode.TRANSIENT);
        CliRun.Result list = vsskit("list", "backups");
        assertThat(list.out()).contains("BackupName    : slow\n").doesNotContain("BackupName    : slow.try1")
                .containsPattern("Attempts      : 2 \\(failed before: slow\\.try1 at \\d+/\\d+/\\d{4} [^)]+\\)");

        CliRun.Result oneTry = vsskit("delete", "backup", "slow.try1");
        assertThat(oneTry.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(oneTry.err()).isEqualTo("vsskit: slow.try1 is a failed attempt of backup slow, not a backup of its"
                + " own; delete the backup with its attempts: vsskit delete backup slow\n");
        assertThat(vsskit("delete", "backup", "slow").exitCode()).isZero();
        assertThat(JSON.readTree(vsskit("list", "backups", "-o", "json").out())).isEmpty();
    }

    @Test
    void anUnknownNameIsBadInputInEveryVerb() throws Exception {
        CliRun.Result ds = vsskit("list", "backups", "--dataset", "nosuch");
        assertThat(ds.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(ds.err()).contains("unknown dataset 'nosuch'").contains("vsskit dataset list");
        assertThat(vsskit("dataset", "create", "prod", "--vm", "web01").exitCode()).isZero();
        CliRun.Result known = vsskit("list", "backups", "--dataset", "prod", "-o", "json");
        assertThat(known.exitCode()).as("a known dataset without backups is an empty list").isZero();
        assertThat(JSON.readTree(known.out())).isEmpty();
        assertThat(vsskit("delete", "backup", "nosuch").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(vsskit("verify", "--backup", "nosuch").exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(vsskit("delete", "shadows", "--shadow={00000000-0000-0000-0000-000000000009}", "--quiet").exitCode())
                .isEqualTo(ExitCode.USAGE);
    }

    /** The command between backquotes in an error line, split as a shell would (double quotes group). */
    static String[] suggested(String err, int which) {
        String[] parts = err.split("`");
        String cmd = parts[2 * which + 1];
        java.util.List<String> words = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(cmd);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words.subList(words.get(0).equals("vsskit") ? 1 : 0, words.size()).toArray(String[]::new);
    }

    @Test
    void commandsThatDoNotUseTheHostDoNotCreateTheDefaultLabToPrintTheirBanner() throws Exception {
        Map<String, String> home = Map.of("HOME", tmp.toString());
        Path defaultLab = tmp.resolve(".local/share/vsskit/lab");
        Path other = tmp.resolve("elsewhere");
        CliRun.Result init = CliRun.run(home, "lab", "init", "--dir", other.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).contains("Host: HV-LAB-01.lab.local (lab)").contains("Created the lab at " + other);
        assertThat(init.err()).doesNotContain("created the lab at " + defaultLab);
        CliRun.Result backup = CliRun.run(home, "--lab", other.toString(), "backup", "--vm", "web01");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Path log = other.resolve("events/Application.evtx");
        CliRun.Result events = CliRun.run(home, "events", "--file", log.toString());
        assertThat(events.exitCode()).as(events.err()).isZero();
        assertThat(events.out()).contains("Host: none (events from " + log + ")");
        assertThat(defaultLab).as("the default lab was not created").doesNotExist();
    }

    @Test
    void everySuggestedLabCommandDoesWhatItSaysWhenCopiedExactly() throws Exception {
        Map<String, String> home = Map.of("HOME", tmp.toString());
        // the default lab, which a hint about another folder must never touch
        assertThat(CliRun.run(home, "list", "providers").exitCode()).isZero();
        Path defaultLab = tmp.resolve(".local/share/vsskit/lab/lab.json");
        String defaultJson = java.nio.file.Files.readString(defaultLab);

        Path other = tmp.resolve("my labs/second");
        assertThat(CliRun.run(home, "lab", "init", "--dir", other.toString()).exitCode()).isZero();
        CliRun.Result again = CliRun.run(home, "lab", "init", "--dir", other.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCode.ERROR);
        String[] replace = suggested(again.err(), 0);
        assertThat(replace).containsExactly("lab", "init", "--dir", other.toString(), "--force");
        assertThat(CliRun.run(home, replace).exitCode()).isZero();
        assertThat(java.nio.file.Files.readString(defaultLab)).as("the default lab is untouched").isEqualTo(defaultJson);

        // a folder without lab.json that holds other files: the hint must lead out, not back to a refusal
        Path photos = java.nio.file.Files.createDirectories(tmp.resolve("photos"));
        java.nio.file.Files.writeString(photos.resolve("holiday.jpg"), "not a lab");
        CliRun.Result notALab = CliRun.run(home, "--lab", photos.toString(), "list", "writers");
        assertThat(notALab.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(notALab.err()).startsWith("vsskit: --lab " + photos + " is not a vsskit lab (no lab.json); it holds"
                + " other files, so no lab can be made there; create one in a new folder with `vsskit lab init --dir ");
        String[] create = suggested(notALab.err(), 0);
        CliRun.Result created = CliRun.run(home, create);
        assertThat(created.exitCode()).as(created.err()).isZero();
        String[] use = suggested(notALab.err(), 1);
        assertThat(use[0]).isEqualTo("--lab");
        CliRun.Result works = CliRun.run(home, "--lab", use[1], "list", "writers");
        assertThat(works.exitCode()).as(works.err()).isZero();
        assertThat(java.nio.file.Files.readString(photos.resolve("holiday.jpg"))).isEqualTo("not a lab");

        // an empty or missing folder: the plain --dir hint works
        Path missing = tmp.resolve("new-lab");
        CliRun.Result none = CliRun.run(home, "--lab", missing.toString(), "list", "writers");
        assertThat(CliRun.run(home, suggested(none.err(), 0)).exitCode()).isZero();
        assertThat(CliRun.run(home, "--lab", missing.toString(), "list", "writers").exitCode()).isZero();
    }

    @Test
    void vssadminHabitsWork() {
        CliRun.Result lower = vsskit("list", "shadows");
        CliRun.Result mixed = vsskit("List", "Shadows");
        assertThat(mixed.exitCode()).as(mixed.err()).isZero();
        assertThat(mixed.out()).isEqualTo(lower.out());
        assertThat(vsskit("LIST-PROVIDERS").out()).isEqualTo(vsskit("list", "providers").out());

        CliRun.Result help = vsskit("list", "shadows", "/?");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: vsskit list shadows").contains("Exit codes:");
        assertThat(vsskit("/?").out()).contains("Usage: vsskit");

        CliRun.Result writers = vsskit("list", "writers");
        assertThat(writers.out()).contains("Host: HV-LAB-01.lab.local (lab)\n\nWaiting for responses. These may be"
                + " delayed if a shadow copy is being prepared.\n\nWriter name: ");
        assertThat(vsskit("list", "writers", "-o", "json").out()).doesNotContain("Waiting");

        CliRun.Result volumes = vsskit("list", "volumes");
        assertThat(volumes.out()).contains("Volume path: C:\\ClusterStorage\\Volume1\\").doesNotContain("svm1");
        assertThat(vsskit("list", "volumes", "-o", "csv").out()).doesNotContain("svm1");
    }

    @Test
    void bashCompletesTheLauncherAsTheReadmeRunsIt() throws Exception {
        CliRun.Result bash = CliRun.run("completion", "bash");
        assertThat(bash.out()).contains("complete -F _complete_vsskit -o default vsskit vsskit.sh vsskit.bash ./vsskit");
        Path script = tmp.resolve("vsskit.bash");
        java.nio.file.Files.writeString(script, bash.out());
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/bin/bash")),
                "bash is not installed; the registration line is checked above");
        // bash itself: after sourcing, ./vsskit has a completion function, and it offers the verbs
        Process p = new ProcessBuilder("/bin/bash", "--norc", "-c", "source '" + script + "' && complete -p ./vsskit"
                + " && COMP_WORDS=(./vsskit doc) COMP_CWORD=1 COMP_LINE='./vsskit doc' COMP_POINT=12"
                + " && _complete_vsskit && echo \"${COMPREPLY[@]}\"").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("complete -o default -F _complete_vsskit ./vsskit").contains("doctor");
    }

    /** Runs the repository's ./vsskit launcher, copied into {@code root}, with fake mvn and java first on PATH. */
    static String[] launch(Path root, Path fakeBin) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", root.resolve("vsskit").toString(), "--version").directory(root.toFile());
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().remove("JAVA_HOME");
        Process q = pb.start();
        String out = new String(q.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(q.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new String[] {Integer.toString(q.waitFor()), out, err};
    }

    @Test
    void theFirstBuildSaysWhatItIsDoingWithoutMavensAnsiCodes() throws Exception {
        Path launcher = Path.of("..", "vsskit").toAbsolutePath().normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(launcher), "no ./vsskit launcher");
        Path root = java.nio.file.Files.createDirectories(tmp.resolve("repo"));
        java.nio.file.Files.copy(launcher, root.resolve("vsskit"));
        java.nio.file.Files.writeString(root.resolve("pom.xml"), "<project/>");
        Path bin = java.nio.file.Files.createDirectories(tmp.resolve("bin"));
        // Maven 3.8 writes ANSI resets even with -Dstyle.color=never; this one does the same, then builds the "jar"
        java.nio.file.Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nprintf '\\033[0m\\033[0m' >&2\n"
                + "if [ -f fail ]; then printf '\\033[1;31m[ERROR]\\033[m Compilation failure\\n'; exit 1; fi\n"
                + "mkdir -p cli/target && echo jar > cli/target/vsskit.jar\n");
        java.nio.file.Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        for (String f : new String[] {"mvn", "java"}) {
            bin.resolve(f).toFile().setExecutable(true);
        }

        String[] first = launch(root, bin);
        assertThat(first[0]).as(first[2]).isEqualTo("0");
        assertThat(first[2]).startsWith("vsskit: building " + root.toRealPath() + "/cli/target/vsskit.jar with Maven"
                + " (first use; about 30 s the first time) ...\n").containsPattern("vsskit: built in \\d+ s")
                .doesNotContain("\u001b");
        assertThat(first[1]).contains("--version");

        java.nio.file.Files.delete(root.resolve("cli/target/vsskit.jar"));
        java.nio.file.Files.writeString(root.resolve("fail"), "");
        String[] failed = launch(root, bin);
        assertThat(failed[0]).isEqualTo("1");
        assertThat(failed[2]).contains("[ERROR] Compilation failure").contains("vsskit: the build failed")
                .doesNotContain("\u001b");
    }

    @Test
    void restoreToErrorsNameTheProblemAndTheFix() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "b").exitCode()).isZero();
        Path file = java.nio.file.Files.writeString(tmp.resolve("a-file.txt"), "x");
        CliRun.Result onFile = vsskit("restore", "--vm", "web01", "--backup", "b", "--to", file.toString());
        assertThat(onFile.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(onFile.err()).isEqualTo("vsskit: restore target " + file + " is a file, not a folder; give a new or"
                + " empty folder (nothing was written)\n");

        CliRun.Result proc = vsskit("restore", "--vm", "web01", "--backup", "b", "--to", "/proc/nope");
        assertThat(proc.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(proc.err()).startsWith("vsskit: cannot create the restore target /proc/nope (")
                .endsWith("); give a new or empty folder in a place you can write to (nothing was written)\n")
                .doesNotContain("(/proc/nope)");
    }

    @Test
    void anInPlaceRestoreSaysTheVmStaysOff() throws Exception {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "b").exitCode()).isZero();
        CliRun.Result running = vsskit("restore", "--vm", "web01", "--backup", "b", "--force");
        assertThat(running.exitCode()).as(running.err()).isZero();
        assertThat(running.out()).contains("Warning: VM web01 was running; it was turned off for the restore and stays"
                + " off (give --start");
        CliRun.Result off = vsskit("restore", "--vm", "web01", "--backup", "b");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).contains("Warning: VM web01 was off and stays off after the restore (give --start");
        CliRun.Result started = vsskit("restore", "--vm", "web01", "--backup", "b", "--start");
        assertThat(started.out()).doesNotContain("stays off").contains("The VM was started.");
    }
}
