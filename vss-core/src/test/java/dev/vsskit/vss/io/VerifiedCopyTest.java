package dev.vsskit.vss.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiedCopyTest {

    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void copiesByteExactWithTheSha256OfTheSource() throws Exception {
        byte[] data = random(VerifiedCopy.CHUNK * 2 + 12345, 1);
        Path dest = dir.resolve("out.bin");
        VerifiedCopy.Outcome o = VerifiedCopy.of(true).copy(stream(data), dest);

        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
        assertThat(o.identical()).isTrue();
        assertThat(o.bytes()).isEqualTo(data.length);
        assertThat(o.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
        assertThat(VerifiedCopy.of(false).copy(stream(data), dir.resolve("b")).sha256()).isNull();
    }

    @Test
    void anEmptyFileStaysEmpty() throws Exception {
        Path dest = dir.resolve("empty");
        VerifiedCopy.Outcome o = VerifiedCopy.of(false).copy(stream(new byte[0]), dest);
        assertThat(o.identical()).isTrue();
        assertThat(Files.size(dest)).isZero();
    }

    @Test
    void aSparseFileStaysSparseAndAHoleyFileWithDataAtTheEndComesBackExact() throws Exception {
        // 64 MiB: 1 MiB of data at 8 MiB, 5000 bytes at the very end (not on a chunk boundary), holes elsewhere
        long size = 64L * MIB + 5000;
        Path source = dir.resolve("sparse.vhdx");
        byte[] middle = random(MIB, 2);
        byte[] tail = random(5000, 3);
        try (FileChannel ch = FileChannel.open(source, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(middle), 8L * MIB);
            ch.write(ByteBuffer.wrap(tail), size - tail.length);
        }
        Path dest = dir.resolve("restored.vhdx");
        VerifiedCopy.Outcome o;
        try (FileChannel in = FileChannel.open(source)) {
            o = VerifiedCopy.of(false).copy(in, dest);
        }

        assertThat(o.identical()).isTrue();
        assertThat(Files.size(dest)).isEqualTo(size);
        assertThat(Files.mismatch(source, dest)).isEqualTo(-1);
        // written: the 1 MiB and the 5000 bytes at the end, never the zeros in between
        assertThat(o.bytesWritten()).isEqualTo(MIB + 5000L);
        long allocated = SparseFiles.allocatedBytes(dest);
        assumeTrue(SparseFiles.allocatedBytes(source) < size / 4, "this file system does not keep files sparse");
        assertThat(allocated).as("allocated bytes of the restored 64 MiB file").isLessThan(2L * MIB);
    }

    @Test
    void aFileWhoseZerosEndItKeepsItsLength() throws Exception {
        byte[] data = new byte[3 * VerifiedCopy.CHUNK + 7];
        data[0] = 1;
        Path dest = dir.resolve("zeros-at-end");
        assertThat(VerifiedCopy.of(false).copy(stream(data), dest).identical()).isTrue();
        assertThat(Files.readAllBytes(dest)).isEqualTo(data);
    }

    @Test
    void aWriteThatLandsWrongIsFound() throws Exception {
        byte[] data = random(VerifiedCopy.CHUNK * 3, 4);
        long damagedAt = VerifiedCopy.CHUNK + 777;
        // a destination that flips one bit of the byte at damagedAt on its way to the file
        VerifiedCopy damaging = VerifiedCopy.through((ch, src, pos) -> {
            int n = src.remaining();
            if (damagedAt >= pos && damagedAt < pos + n) {
                ByteBuffer copy = ByteBuffer.allocate(n).put(src.duplicate()).flip();
                int i = (int) (damagedAt - pos);
                copy.put(i, (byte) (copy.get(i) ^ 0x10));
                int w = ch.write(copy, pos);
                src.position(src.position() + w);
                return w;
            }
            return ch.write(src, pos);
        });
        VerifiedCopy.Outcome o = damaging.copy(stream(data), dir.resolve("damaged"));
        assertThat(o.identical()).isFalse();
        assertThat(o.firstDifference()).isEqualTo(damagedAt);
    }

    @Test
    void aWriteThatNeverHappensIsFound() throws Exception {
        byte[] data = random(VerifiedCopy.CHUNK + 10, 5);
        // claims to have written but wrote nothing: the file holds a hole there
        VerifiedCopy lying = VerifiedCopy.through((ch, src, pos) -> {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        });
        VerifiedCopy.Outcome o = lying.copy(stream(data), dir.resolve("lost"));
        assertThat(o.identical()).isFalse();
        assertThat(o.firstDifference()).isZero();
    }

    @Test
    void compareFindsTheFirstDifferenceAndALengthDifference() throws Exception {
        byte[] data = random(2 * VerifiedCopy.CHUNK + 99, 6);
        Path same = Files.write(dir.resolve("same"), data);
        assertThat(VerifiedCopy.of(false).compare(stream(data), same).identical()).isTrue();

        byte[] changed = data.clone();
        changed[VerifiedCopy.CHUNK + 5] ^= 1;
        Path other = Files.write(dir.resolve("other"), changed);
        assertThat(VerifiedCopy.of(false).compare(stream(data), other).firstDifference())
                .isEqualTo(VerifiedCopy.CHUNK + 5L);

        Path longer = dir.resolve("longer");
        Files.write(longer, data);
        try (RandomAccessFile raf = new RandomAccessFile(longer.toFile(), "rw")) {
            raf.setLength(data.length + 1L);
        }
        assertThat(VerifiedCopy.of(false).compare(stream(data), longer).firstDifference()).isEqualTo(data.length);
    }

    @Test
    void refusesToOverwrite() throws Exception {
        Path existing = Files.write(dir.resolve("x"), new byte[] {1});
        assertThatThrownBy(() -> VerifiedCopy.of(false).copy(stream(new byte[] {2}), existing))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(existing)).containsExactly(1);
    }

    private static ReadableByteChannel stream(byte[] data) {
        return Channels.newChannel(new ByteArrayInputStream(data));
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
