package dev.vsskit.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lab lock: an OS file lock on {@code <lab>/.lock} that every process changing lab state holds while it
 * does. OS file locks are per process, so threads of one JVM are serialised by an in-process lock first;
 * the lock is reentrant for the thread that holds it.
 */
public final class LabLock implements AutoCloseable {

    public static final String FILE_NAME = ".lock";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;
    private boolean closed;

    private LabLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    public static LabLock acquire(Path labDir) {
        return acquire(labDir, DEFAULT_TIMEOUT);
    }

    /** Waits up to {@code timeout} for the lock; a {@link LabException} says who to wait for when it is busy. */
    public static LabLock acquire(Path labDir, Duration timeout) {
        return acquire(labDir, FILE_NAME, timeout);
    }

    /**
     * A lock of the same kind on another file of a lab folder ({@code fileName} in {@code labDir}), for state
     * that has its own lock (the ONTAP simulator's cluster state).
     */
    public static LabLock acquire(Path labDir, String fileName, Duration timeout) {
        Path file = labDir.toAbsolutePath().normalize().resolve(fileName);
        ReentrantLock threadLock = IN_PROCESS.computeIfAbsent(file, f -> new ReentrantLock());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!threadLock.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the lab lock " + file, e);
        }
        if (threadLock.getHoldCount() > 1) {
            return new LabLock(threadLock, null, null);
        }
        FileChannel ch = null;
        try {
            if (!Files.isDirectory(labDir)) {
                throw new LabException(labDir + " is not a lab folder (it does not exist); create it with `vsskit lab init`");
            }
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while (true) {
                FileLock lock = ch.tryLock();
                if (lock != null) {
                    return new LabLock(threadLock, ch, lock);
                }
                if (System.nanoTime() >= deadline) {
                    throw busy(file);
                }
                Thread.sleep(20);
            }
        } catch (IOException e) {
            closeQuietly(ch);
            threadLock.unlock();
            throw new LabException("cannot lock " + file + " (" + e.getMessage() + "); check the folder's permissions", e);
        } catch (InterruptedException e) {
            closeQuietly(ch);
            threadLock.unlock();
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the lab lock " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(ch);
            threadLock.unlock();
            throw e;
        }
    }

    private static LabException busy(Path file) {
        return new LabException("the lab is busy: another vsskit process holds " + file + "; retry when it has finished");
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
