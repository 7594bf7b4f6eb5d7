package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.lab.LabInit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the lab's disk full, `delete backup` still works, so the user can free space with vsskit, and a backup
 * with retention fails cleanly naming that fix. The disk is a small, real tmpfs: mounted here when the tests
 * run as root; otherwise the same cases run in a child JVM inside a user namespace of their own
 * ({@code unshare --user --map-root-user --mount}), where an ordinary user may mount a tmpfs. Skipped, with a
 * message, only where neither is allowed.
 */
class FullDiskTest {

    /** Set to true to take the user-namespace path even as root (to check it where CI is not root). */
    static final String FORCE_NAMESPACE = "vsskit.fulldisk.namespace";

    @TempDir
    Path tmp;
    Path disk;
    boolean mounted;

    @BeforeEach
    void smallDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        mounted = !Boolean.getBoolean(FORCE_NAMESPACE) && mount(disk);
    }

    static boolean mount(Path at) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", at.toString())
                    .redirectErrorStream(true).start();
            return p.waitFor() == 0;
        } catch (IOException noMount) {
            return false;
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
    }

    private void requireDisk() {
        Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs here (not root): this case runs in a user"
                + " namespace instead (withoutRootTheSameCasesRunInAUserNamespace)");
    }

    @Test
    void withoutRootTheSameCasesRunInAUserNamespace() throws Exception {
        Assumptions.assumeFalse(mounted, "root: the cases ran on a tmpfs mounted here");
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = tmp.resolve("namespace.txt");
        Process p;
        try {
            p = new ProcessBuilder("unshare", "--user", "--map-root-user", "--mount", javaBin.toString(), "-cp",
                    System.getProperty("java.class.path"), FullDiskTest.class.getName(), tmp.resolve("ns").toString())
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        } catch (IOException noUnshare) {
            Assumptions.abort("no unshare(1) here (util-linux): the full-disk cases are skipped");
            return;
        }
        assertThat(p.waitFor(10, java.util.concurrent.TimeUnit.MINUTES)).as("the namespace run ended").isTrue();
        String report = Files.readString(out);
        Assumptions.assumeFalse(p.exitValue() == NO_NAMESPACE || report.contains("unshare: "),
                "user namespaces are not allowed here (" + report.strip() + "): the full-disk cases are skipped");
        assertThat(p.exitValue()).as(report).isZero();
        assertThat(report).contains("deleteBackupWorksOnAFullDisk: ok",
                "aBackupWithRetentionOnAFullDiskFailsCleanlyNamingTheFixAndDeletingFreesTheWay: ok");
    }

    static final int NO_NAMESPACE = 3;

    /** Inside the user namespace: each case on a tmpfs of its own; one line per case, exit 0 when all pass. */
    public static void main(String[] args) throws Exception {
        Path root = Files.createDirectories(Path.of(args[0]));
        int failed = 0;
        for (String name : new String[] {"deleteBackupWorksOnAFullDisk",
            "aBackupWithRetentionOnAFullDiskFailsCleanlyNamingTheFixAndDeletingFreesTheWay"}) {
            FullDiskTest t = new FullDiskTest();
            t.tmp = Files.createDirectories(root.resolve(name));
            t.disk = Files.createDirectories(t.tmp.resolve("disk"));
            if (!mount(t.disk)) {
                System.out.println("cannot mount a tmpfs in the user namespace");
                System.exit(NO_NAMESPACE);
            }
            t.mounted = true;
            try {
                FullDiskTest.class.getDeclaredMethod(name).invoke(t);
                System.out.println(name + ": ok");
            } catch (java.lang.reflect.InvocationTargetException e) {
                failed++;
                System.out.println(name + ": FAILED: " + e.getCause());
            } finally {
                t.unmount();
            }
        }
        System.out.flush();
        System.exit(failed == 0 ? 0 : 1);
    }

    CliRun.Result vsskit(Path lab, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--lab";
        all[1] = lab.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString()), all);
    }

    @Test
    void deleteBackupWorksOnAFullDisk() throws Exception {
        requireDisk();
        Path lab = disk.resolve("lab");
        LabInit.create(lab, false);
        assertThat(vsskit(lab, "backup", "--vm", "web01", "--name", "old").exitCode()).isZero();
        assertThat(vsskit(lab, "backup", "--vm", "web01", "--name", "new").exitCode()).isZero();
        fill(disk.resolve("filler"));
        assertThat(Files.getFileStore(disk).getUsableSpace()).isZero();

        CliRun.Result del = vsskit(lab, "delete", "backup", "old");
        assertThat(del.exitCode()).as(del.err()).isZero();
        assertThat(lab.resolve("catalog/old.json")).doesNotExist();
        CliRun.Result list = vsskit(lab, "list", "backups");
        assertThat(list.out()).contains("new").doesNotContain("BackupName    : old");
    }

    @Test
    void aBackupWithRetentionOnAFullDiskFailsCleanlyNamingTheFixAndDeletingFreesTheWay() throws Exception {
        requireDisk();
        Path lab = disk.resolve("lab");
        LabInit.create(lab, false);
        assertThat(vsskit(lab, "backup", "--vm", "web01", "--name", "old").exitCode()).isZero();
        assertThat(vsskit(lab, "backup", "--vm", "web01", "--name", "new").exitCode()).isZero();
        fill(disk.resolve("filler"));

        // retention runs only after a backup that succeeded: on a full disk the backup fails before it takes
        // anything, deletes nothing, and says how to free space
        CliRun.Result full = vsskit(lab, "backup", "--vm", "web01", "--retain", "1", "--retry", "1");
        assertThat(full.exitCode()).as(full.err()).isEqualTo(1);
        assertThat(full.err()).hasLineCount(1).contains("the disk is full").contains("vsskit delete backup");
        assertThat(vsskit(lab, "list", "backups", "--output", "json").out()).contains("\"old\"").contains("\"new\"");
        assertThat(lab.resolve("catalog/inflight")).satisfiesAnyOf(
                d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
        CliRun.Result shadows = vsskit(lab, "list", "shadows", "--output", "json");
        assertThat(shadows.exitCode()).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(shadows.out()).size()).isEqualTo(2);

        // what the message says works on the full disk; with the space back, retention does its job
        CliRun.Result del = vsskit(lab, "delete", "backup", "old");
        assertThat(del.exitCode()).as(del.err()).isZero();
        Files.delete(disk.resolve("filler"));
        CliRun.Result again = vsskit(lab, "backup", "--vm", "web01", "--name", "newest", "--retain", "1");
        assertThat(again.exitCode()).as(again.err()).isZero();
        CliRun.Result list = vsskit(lab, "list", "backups");
        assertThat(list.out()).contains("newest").doesNotContain("BackupName    : new\n");
    }

    static void fill(Path file) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left on the device: what we wanted
        }
        // the last partial block, byte by byte
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // full
        }
    }
}
