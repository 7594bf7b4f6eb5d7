package dev.vsskit.lab.ontap;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/** A test clock: sleeping advances it instantly, so latency and timeouts cost no real time. */
final class ManualTime implements SimTime {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-24T10:00:00Z"));

    @Override
    public Instant now() {
        return now.get();
    }

    @Override
    public void sleep(long millis) {
        advance(millis);
    }

    void advance(long millis) {
        now.updateAndGet(t -> t.plusMillis(millis));
    }

    long millis() {
        return now.get().toEpochMilli();
    }
}
