package dev.vsskit.lab.vss;

import dev.vsskit.vss.coordinator.VssClock;
import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when something sleeps on it (lab latencies in tests cost no real time). */
final class ManualClock implements VssClock {
    private long nanos = 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return Instant.parse("2026-11-24T10:00:00Z").plusNanos(nanos);
    }

    @Override
    public synchronized void sleep(Duration d) {
        nanos += d.toNanos();
    }
}
