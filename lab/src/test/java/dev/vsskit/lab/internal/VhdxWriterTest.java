package dev.vsskit.lab.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The VHDX files are checked by qemu-img, an independent implementation of MS-VHDX. */
public class VhdxWriterTest {

    @TempDir
    Path tmp;

    static byte[] sampleContent() {
        byte[] content = new byte[8 * VhdxWriter.MIB];
        Random r = new Random(42);
        byte[] chunk = new byte[100_000];
        r.nextBytes(chunk);
        System.arraycopy(chunk, 0, content, 512, chunk.length);
        r.nextBytes(chunk);
        System.arraycopy(chunk, 0, content, 6 * VhdxWriter.MIB + 77, chunk.length);
        return content;
    }

    @Test
    void headersAndRegionTablesCarryValidCrc32c() throws IOException {
        Path file = tmp.resolve("d.vhdx");
        VhdxWriter.write(file, sampleContent(), UUID.randomUUID(), "test");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 8, StandardCharsets.US_ASCII)).isEqualTo("vhdxfile");
        for (int[] s : new int[][] {{64 * 1024, 4096}, {128 * 1024, 4096}, {192 * 1024, 65536}, {256 * 1024, 65536}}) {
            ByteBuffer b = ByteBuffer.wrap(bytes, s[0], s[1]).slice().order(ByteOrder.LITTLE_ENDIAN);
            int stored = b.getInt(4);
            byte[] copy = new byte[s[1]];
            System.arraycopy(bytes, s[0], copy, 0, s[1]);
            copy[4] = copy[5] = copy[6] = copy[7] = 0;
            CRC32C crc = new CRC32C();
            crc.update(copy);
            assertThat(stored).as("checksum at %d", s[0]).isEqualTo((int) crc.getValue());
        }
        // two payload blocks present (blocks 0 and 6) after 4 MiB of structures
        assertThat(bytes.length).isEqualTo(6 * VhdxWriter.MIB);
    }

    @Test
    void qemuImgAcceptsTheFileAndReadsBackTheSameBytes() throws Exception {
        assumeTrue(onPath("qemu-img"), "skipped: qemu-img is absent (apt-get install qemu-utils; .ci/run installs it)");
        Path file = tmp.resolve("disk.vhdx");
        byte[] content = sampleContent();
        VhdxWriter.write(file, content, UUID.randomUUID(), "vsskit test");

        Run check = run("qemu-img", "check", "-f", "vhdx", file.toString());
        assertThat(check.exit).as(check.output).isZero();
        Run info = run("qemu-img", "info", "--output=json", "-f", "vhdx", file.toString());
        assertThat(info.exit).as(info.output).isZero();
        assertThat(info.output).contains("\"format\": \"vhdx\"").contains("\"virtual-size\": " + content.length);

        Path raw = tmp.resolve("disk.raw");
        Run convert = run("qemu-img", "convert", "-f", "vhdx", "-O", "raw", file.toString(), raw.toString());
        assertThat(convert.exit).as(convert.output).isZero();
        assertThat(Files.readAllBytes(raw)).isEqualTo(content);
    }

    public record Run(int exit, String output) {
    }

    public static Run run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    public static boolean onPath(String tool) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)));
        return dirs.stream().anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
    }
}
