package dev.vsskit.eventlog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link EventSink} that appends each event to an .evtx file. Every write takes an exclusive lock on
 * a sibling {@code <file>.lock} (safe across processes), appends, and closes the writer, so the file is
 * complete, clean (dirty flag cleared) and readable by any EVTX reader between events.
 */
public final class EvtxEventSink implements EventSink {

    private static final ConcurrentHashMap<Path, Object> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path file;

    public EvtxEventSink(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    @Override
    public void write(ClassicEvent event) {
        writeAndGetId(event);
    }

    /** Appends the event and returns its EventRecordID. */
    public long writeAndGetId(ClassicEvent event) {
        Object monitor = IN_PROCESS.computeIfAbsent(file, f -> new Object());
        synchronized (monitor) {
            Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
            try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockChannel.lock();
                 EvtxWriter writer = EvtxWriter.open(file)) {
                return writer.write(event);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append event to " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
