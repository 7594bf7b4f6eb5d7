package dev.vsskit.vss.coordinator;

import java.time.Duration;
import java.time.Instant;

/** A clock that moves only when told to: {@link #sleep} advances it at once. */
final class ManualClock implements VssClock {
    private long nanos = 1_000_000_000L;
    private Instant epoch = Instant.parse("2026-11-24T10:00:00Z");

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public synchronized void sleep(Duration d) {
        nanos += d.toNanos();
    }
}
