package dev.vsskit.vss.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on a file that holds across processes and threads: an OS file lock (released by the OS
 * when a process dies, also by SIGKILL) taken after an in-process lock, since OS file locks are per process.
 * Reentrant for the thread that holds it. State files that several vsskit processes change (load, modify,
 * save) are changed under one of these.
 */
public final class InterProcessLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;
    private boolean closed;

    private InterProcessLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /**
     * Waits up to {@code timeout} for the lock on {@code file} (created if missing; its folder must exist).
     * Empty when another holder kept it that long; IOException when the file cannot be opened.
     */
    public static Optional<InterProcessLock> tryAcquire(Path file, Duration timeout) throws IOException, InterruptedException {
        Path key = file.toAbsolutePath().normalize();
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(key, f -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return Optional.empty();
        }
        if (threadLock.getHoldCount() > 1) {
            return Optional.of(new InterProcessLock(threadLock, null, null));
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return Optional.of(new InterProcessLock(threadLock, ch, lock));
                }
                if (System.nanoTime() >= deadline) {
                    closeQuietly(ch);
                    threadLock.unlock();
                    return Optional.empty();
                }
                Thread.sleep(20);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            closeQuietly(ch);
            threadLock.unlock();
            throw e;
        }
    }

    /** As {@link #tryAcquire}, for callers that create the folder first. */
    public static Optional<InterProcessLock> tryAcquireCreatingFolder(Path file, Duration timeout)
            throws IOException, InterruptedException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return tryAcquire(file, timeout);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // closing after a failure: the first error is the one to report
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (fileLock != null) {
                fileLock.release();
            }
        } catch (IOException ignored) {
            // the channel close below releases it anyway
        } finally {
            closeQuietly(channel);
            threadLock.unlock();
        }
    }
}
