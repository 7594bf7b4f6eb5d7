package dev.vsskit.ontap.client;

import java.time.Duration;

/**
 * Bounded exponential backoff for calls that are safe to repeat (GETs, and POSTs made idempotent by
 * checking for the object's name first).
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(2));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    public long delayMillis(int attempt) {
        long d = firstDelay.toMillis() << Math.min(attempt - 1, 20);
        return Math.min(d, maxDelay.toMillis());
    }
}
