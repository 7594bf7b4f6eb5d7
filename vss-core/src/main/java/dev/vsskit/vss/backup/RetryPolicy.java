package dev.vsskit.vss.backup;

import dev.vsskit.vss.FailureClasses;
import dev.vsskit.vss.HResult;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a backup is tried when it fails for a transient reason. SMHV retries a retryable writer
 * error three times, one minute apart; NetApp calls a commit over the 10 s VSS limit (provider event
 * 4364, VSS_E_HOLD_WRITES_TIMEOUT) transient too.
 */
public record RetryPolicy(int tries, Duration waitBetween) {

    public static final RetryPolicy SMHV_DEFAULT = new RetryPolicy(3, Duration.ofMinutes(1));

    public RetryPolicy {
        Objects.requireNonNull(waitBetween, "waitBetween");
        if (tries < 1) {
            throw new IllegalArgumentException("--retry must be at least 1 (the first try counts)");
        }
        if (waitBetween.isNegative()) {
            throw new IllegalArgumentException("--retry-wait must not be negative");
        }
    }

    /** Failures worth another try: the retryable rows of {@link FailureClasses#TABLE}. */
    public static boolean isTransient(HResult hresult) {
        return FailureClasses.retryable(hresult);
    }
}
