package dev.vsskit.lab.internal;

import dev.vsskit.lab.internal.LabException;
import dev.vsskit.vss.io.InterProcessLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The lab lock: an OS file lock on {@code <lab>/.lock} that every process changing lab state holds while it
 * does ({@link InterProcessLock}: threads of one JVM too; reentrant for the thread that holds it).
 */
public final class LabLock implements AutoCloseable {

    public static final String FILE_NAME = ".lock";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final InterProcessLock lock;

    private LabLock(InterProcessLock lock) {
        this.lock = lock;
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
        if (!Files.isDirectory(labDir)) {
            throw new LabException(labDir + " is not a lab folder (it does not exist); create it with `vsskit lab init`");
        }
        try {
            return new LabLock(InterProcessLock.tryAcquire(file, timeout).orElseThrow(() -> busy(file)));
        } catch (IOException e) {
            throw new LabException("cannot lock " + file + " (" + e.getMessage() + "); check the folder's permissions", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the lab lock " + file, e);
        }
    }

    private static LabException busy(Path file) {
        return new LabException("the lab is busy: another vsskit process holds " + file + "; retry when it has finished");
    }

    @Override
    public void close() {
        lock.close();
    }
}
