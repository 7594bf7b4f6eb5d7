package dev.vsskit.lab.ontap;

import java.time.Instant;

/** The simulator's clock and sleep (for latency): real by default, controllable in tests. */
public interface SimTime {
    Instant now();

    void sleep(long millis) throws InterruptedException;

    SimTime REAL = new SimTime() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };
}
