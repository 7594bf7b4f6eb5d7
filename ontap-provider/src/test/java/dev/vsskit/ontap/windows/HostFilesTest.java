package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's own files ({@link HostFiles#WINDOWS}, plain paths, so it runs on Linux too): a write replaces the file
 * whole through the restore's copy routine, leaves nothing beside it, and clears what an interrupted one left.
 */
class HostFilesTest {

    @TempDir
    Path tmp;

    @Test
    void aWriteReplacesTheFileWholeAndLeavesNothingBesideIt() throws Exception {
        Path file = tmp.resolve("disk.vhdx");
        Files.write(file, new byte[300_000]);
        Files.writeString(tmp.resolve("disk.vhdx.vsskit-partial"), "left by a killed restore");
        byte[] content = new byte[5 << 20];
        new Random(7).nextBytes(content);
        for (int i = 0; i < (1 << 20); i++) {
            content[i] = 0; // a hole's worth of zeros at the start
        }
        HostFiles.WINDOWS.write(file.toString(), new ByteArrayInputStream(content));
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        try (var all = Files.list(tmp)) {
            assertThat(all.map(p -> p.getFileName().toString())).containsExactly("disk.vhdx");
        }
        HostFiles.WINDOWS.rename(file.toString(), tmp.resolve("renamed.vhdx").toString());
        assertThat(Files.readAllBytes(tmp.resolve("renamed.vhdx"))).isEqualTo(content);
        assertThat(file).doesNotExist();
    }
}
