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
 * With the lab's disk full, `delete backup` still works, so the user can free space with vsskit. The disk is
 * a small tmpfs mounted for the test (needs root: skipped with a message otherwise).
 */
class FullDiskTest {

    @TempDir
    Path tmp;
    Path disk;
    boolean mounted;

    @BeforeEach
    void smallDisk() throws Exception {
        disk = Files.createDirectories(tmp.resolve("disk"));
        Process p;
        try {
            p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException noMount) {
            p = null;
        }
        mounted = p != null && p.waitFor() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a small tmpfs (needs root): the full-disk case is skipped");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
        }
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
