package dev.vsskit.vss.coordinator;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock that moves only when told to: {@link #sleep} advances it at once, so VSS windows and lab latencies in
 * tests cost no real time. The one test clock of the coordinator and the lab (lab tests get it from vss-core's
 * test jar).
 */
public final class ManualClock implements VssClock {
    private static final Instant EPOCH = Instant.parse("2026-11-24T10:00:00Z");
    private long nanos = 1_000_000_000L;

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized Instant now() {
        return EPOCH.plusNanos(nanos);
    }

    @Override
    public synchronized void sleep(Duration d) {
        nanos += d.toNanos();
    }
}
