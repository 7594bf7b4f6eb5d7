package dev.vsskit.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The lab's clock. Normally the wall clock. In rehearsal mode ({@code vsskit lab storage-latency MS
 * --virtual-time}) waits do not happen: a wait of N ms moves this process's clock N ms ahead at once, so
 * a storage commit made to take 10.5 s is measured as 10.5 s by the VSS coordinator, the ONTAP provider
 * and the simulator alike, while the rehearsal costs no real time. The mode is kept in
 * {@code <lab>/lab-time.json}; the offset lives only as long as the process.
 */
public final class LabClock implements VssClock {

    static final String FILE = "lab-time.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final boolean virtualWaits;
    private final AtomicLong offsetNanos = new AtomicLong();

    private LabClock(boolean virtualWaits) {
        this.virtualWaits = virtualWaits;
    }

    /** The clock of a lab, as its {@code lab-time.json} says. */
    public static LabClock of(Path lab) {
        Path f = lab.resolve(FILE);
        if (!Files.exists(f)) {
            return new LabClock(false);
        }
        try {
            JsonNode n = JSON.readTree(Files.readAllBytes(f));
            return new LabClock(n.path("virtualWaits").asBoolean(false));
        } catch (IOException e) {
            throw new LabException(f + " is unreadable (" + e.getMessage() + "); delete it to use real time");
        }
    }

    /** Turns rehearsal (virtual-wait) mode on or off for the lab. */
    public static void setVirtualWaits(Path lab, boolean on) {
        try {
            AtomicFiles.writeString(lab.resolve(FILE), "{\"virtualWaits\": " + on + "}\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + lab.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public boolean virtualWaits() {
        return virtualWaits;
    }

    @Override
    public long nanoTime() {
        return System.nanoTime() + offsetNanos.get();
    }

    @Override
    public Instant now() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    @Override
    public void sleep(Duration duration) {
        if (virtualWaits) {
            offsetNanos.addAndGet(duration.toNanos());
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
