package dev.vsskit.vss.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable, all-or-nothing file replacement: write a temp file beside the target, fsync it, rename it
 * over the target, fsync the folder. A crash at any point leaves either the old file or the new one,
 * never a torn one. Temp files left by a crash end in {@value #TEMP_SUFFIX} and may be deleted.
 */
public final class AtomicFiles {

    public static final String TEMP_SUFFIX = ".tmp~";

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = tempFor(dir, target);
        try {
            writeSynced(tmp, content);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(dir);
    }

    /**
     * Creates {@code target} with {@code content}, all or nothing, and never replaces a file that exists:
     * {@link java.nio.file.FileAlreadyExistsException} then. The complete temp file is hard-linked to the
     * target (atomic create-new on POSIX and NTFS); where links are not supported (FAT), it is moved without
     * replacing, which Windows also does atomically.
     */
    public static void createNew(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = tempFor(dir, target);
        try {
            writeSynced(tmp, content);
            try {
                Files.createLink(target, tmp);
            } catch (UnsupportedOperationException e) {
                Files.move(tmp, target);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                throw e;
            } catch (java.nio.file.FileSystemException e) {
                if (Files.exists(target)) {
                    throw new java.nio.file.FileAlreadyExistsException(target.toString());
                }
                Files.move(tmp, target); // a file system without hard links
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        syncDirectory(dir);
    }

    /** The temp file beside {@code target} for this process and thread (a crash leaves it ending in {@value #TEMP_SUFFIX}). */
    private static Path tempFor(Path dir, Path target) {
        return dir.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Thread.currentThread().getId() + TEMP_SUFFIX);
    }

    /** Writes {@code content} to {@code file} (created or truncated) and forces it to the device. */
    private static void writeSynced(Path file, byte[] content) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(content);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }

    public static void writeString(Path target, String content) throws IOException {
        write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Makes a rename or delete in {@code dir} durable where the platform allows it (not on Windows). */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }
}
