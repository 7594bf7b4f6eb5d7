package dev.vsskit.vss.backup;

import java.time.Duration;

/** Waits between retries; tests pass one that records the wait instead of sleeping. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
