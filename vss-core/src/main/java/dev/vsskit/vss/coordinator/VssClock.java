package dev.vsskit.vss.coordinator;

import java.time.Duration;
import java.time.Instant;

/**
 * The coordinator's sense of time: the freeze window and the flush-and-hold window are measured with
 * {@link #nanoTime()}, timestamps come from {@link #now()}, and lab latencies (a provider commit taking
 * N ms) wait through {@link #sleep(Duration)}. Tests pass a clock they advance by hand, so no test
 * sleeps for real seconds.
 */
public interface VssClock {

    long nanoTime();

    Instant now();

    void sleep(Duration duration);

    /** Wall clock and {@link System#nanoTime()}; {@link #sleep} really sleeps. */
    VssClock SYSTEM = new VssClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };
}
