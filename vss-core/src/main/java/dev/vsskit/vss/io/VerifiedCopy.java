package dev.vsskit.vss.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The one copy routine of every restore: copies a file from a snapshot and proves, in the same pass, that
 * the destination holds the snapshot's bytes.
 *
 * <p>It reads the source in chunks of {@value #CHUNK} bytes into one fixed direct buffer and writes the runs of
 * the chunk that are not all zeros at their offsets; an aligned {@value #GRAIN}-byte piece of zeros is not
 * written (the destination is a new file, extended without writing, so the piece stays a hole: sparse files
 * stay sparse). Then the destination's bytes of that chunk are read back from the
 * file system into a second fixed buffer and compared, byte for byte, with the source chunk: the check sees
 * what the file system returns for the destination, not the buffer that was handed to it, so a write that
 * landed short, at the wrong offset, or not at all is found. The source is read once, the destination written
 * once and read once (from the page cache: right after the write it holds those pages). Memory is two buffers
 * whatever the size of the file. The SHA-256 of the snapshot's bytes costs about as much CPU as the copy
 * itself, so it is computed only when asked for.
 *
 * <p>What the check proves: every byte offset of the destination file, read back through the file system
 * right after the copy, equals the byte the snapshot gave at that offset, and the lengths are equal. It does
 * not prove that the pages reached the disk (that takes a read after the cache is dropped), and, as {@code cp},
 * the copy does not wait for them to get there ({@code fsync}): the file system writes them back.
 */
public final class VerifiedCopy {

    /** Bytes per read and comparison. */
    public static final int CHUNK = 4 << 20;
    /** Bytes per write call. */
    public static final int WRITE = 128 << 10;
    /** The unit of hole detection: a run of this many zero bytes, aligned, is not written. */
    public static final int GRAIN = 64 << 10;

    /** How a copy or a comparison ended. {@code firstDifference} is -1 when the files are identical. */
    public record Outcome(long bytes, long bytesWritten, long firstDifference, String sha256) {
        public boolean identical() {
            return firstDifference < 0;
        }
    }

    /** Where the destination's bytes are written and read back: a seam for tests that damage a write. */
    public interface Destination {
        int write(FileChannel channel, ByteBuffer src, long position) throws IOException;
    }

    private static final Destination PLAIN = FileChannel::write;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(GRAIN).asReadOnlyBuffer();

    private final boolean sha256;
    private final Destination destination;

    private VerifiedCopy(boolean sha256, Destination destination) {
        this.sha256 = sha256;
        this.destination = destination;
    }

    /** Copies and compares; computes the SHA-256 of the snapshot's bytes too when {@code sha256}. */
    public static VerifiedCopy of(boolean sha256) {
        return new VerifiedCopy(sha256, PLAIN);
    }

    /** For tests: writes go through {@code destination} (which may damage them). */
    public static VerifiedCopy through(Destination destination) {
        return new VerifiedCopy(false, Objects.requireNonNull(destination, "destination"));
    }

    /**
     * Copies {@code source} (read to its end; the caller closes it) to the new file {@code dest}, which must not
     * exist, and compares as it goes. The destination is complete when this returns, also when it differs (the
     * outcome says where first).
     */
    public Outcome copy(ReadableByteChannel source, Path dest) throws IOException {
        if (Files.exists(dest)) {
            throw new FileAlreadyExistsException(dest.toString());
        }
        try (RandomAccessFile raf = new RandomAccessFile(dest.toFile(), "rw"); FileChannel out = raf.getChannel()) {
            return pass(source, out, raf);
        }
    }

    /** Compares {@code source} (read to its end; the caller closes it) with the existing file {@code file}. */
    public Outcome compare(ReadableByteChannel source, Path file) throws IOException {
        try (FileChannel other = FileChannel.open(file, StandardOpenOption.READ)) {
            return pass(source, other, null);
        }
    }

    /**
     * One pass over the source: each chunk is hashed when asked, written to {@code file} when {@code raf} (the same
     * file, for its length) is given, then compared with what {@code file} holds at its offset.
     */
    private Outcome pass(ReadableByteChannel source, FileChannel file, RandomAccessFile raf) throws IOException {
        ByteBuffer in = ByteBuffer.allocateDirect(CHUNK);
        ByteBuffer back = ByteBuffer.allocateDirect(CHUNK);
        MessageDigest md = sha256 ? sha256() : null;
        long pos = 0;
        long written = 0;
        long firstDifference = -1;
        while (true) {
            int n = fill(source, in);
            if (n == 0) {
                break;
            }
            in.flip();
            if (md != null) {
                md.update(in);
                in.rewind();
            }
            if (raf != null) {
                written += writeNonZero(file, in, pos);
                if (file.size() < pos + n) {
                    raf.setLength(pos + n); // extends without writing: a zero end stays a hole
                }
            }
            if (firstDifference < 0) {
                firstDifference = compareAt(file, pos, in, back);
            }
            pos += n;
        }
        if (firstDifference < 0 && file.size() != pos) {
            firstDifference = Math.min(file.size(), pos);
        }
        return new Outcome(pos, written, firstDifference, md == null ? null : HexFormat.of().formatHex(md.digest()));
    }

    /** Reads {@code file} at {@code pos} and compares with {@code expected}; the first differing offset or -1. */
    private static long compareAt(FileChannel file, long pos, ByteBuffer expected, ByteBuffer back)
            throws IOException {
        back.clear().limit(expected.remaining());
        while (back.hasRemaining()) {
            int r = file.read(back, pos + back.position());
            if (r < 0) {
                break;
            }
        }
        back.flip();
        int m = back.mismatch(expected);
        return m < 0 ? -1 : pos + m;
    }

    /** Reads until the buffer is full or the channel ends; the number of bytes read. */
    private static int fill(ReadableByteChannel source, ByteBuffer buf) throws IOException {
        buf.clear();
        while (buf.hasRemaining()) {
            if (source.read(buf) < 0) {
                break;
            }
        }
        return buf.position();
    }

    /**
     * Writes the runs of {@code chunk} (positioned at 0) that are not all zeros, {@value #GRAIN} bytes at a
     * time, at {@code pos}; leaves the chunk positioned at 0. Returns the bytes written.
     */
    private long writeNonZero(FileChannel out, ByteBuffer chunk, long pos) throws IOException {
        int n = chunk.limit();
        long written = 0;
        int run = -1; // start of the current run of non-zero grains
        for (int at = 0; ; at = Math.min(n, at + GRAIN)) {
            boolean zero = at == n || isZero(chunk, at, Math.min(GRAIN, n - at));
            if (!zero && run < 0) {
                run = at;
            } else if (zero && run >= 0) {
                // in writes of WRITE bytes: on Linux, large write() calls cost several times the system time
                // of 128 KiB ones (measured: bench/restore.sh), the size cp uses
                for (int from = run; from < at; from += WRITE) {
                    ByteBuffer part = chunk.duplicate().limit(Math.min(at, from + WRITE)).position(from);
                    while (part.hasRemaining()) {
                        destination.write(out, part, pos + part.position());
                    }
                }
                written += at - run;
                run = -1;
            }
            if (at == n) {
                break;
            }
        }
        return written;
    }

    private static boolean isZero(ByteBuffer chunk, int from, int len) {
        return chunk.slice(from, len).mismatch(ZEROS.slice(0, len)) < 0;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
