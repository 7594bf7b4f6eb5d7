package dev.vsskit.vss.windows;

import java.time.Duration;
import java.util.Objects;

/**
 * vsskit's own patience with VSS. {@code asyncDeadline}: how long one asynchronous operation (IVssAsync) may stay
 * pending before vsskit cancels it and aborts the backup; {@code waitChunk}: one {@code IVssAsync::Wait} (a
 * pending status after it is not a failure); {@code setInProgressWindow} and {@code retryPause}: how long and how
 * often StartSnapshotSet is retried while another requester (or Windows' scheduled shadow copies) holds the set.
 */
public record ComTiming(Duration asyncDeadline, Duration waitChunk, Duration setInProgressWindow, Duration retryPause) {

    /** 10 minutes per operation, 1 s waits, 2 minutes of retries every 5 s. */
    public static final ComTiming DEFAULT = new ComTiming(Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofMinutes(2), Duration.ofSeconds(5));

    public ComTiming {
        Objects.requireNonNull(asyncDeadline, "asyncDeadline");
        Objects.requireNonNull(waitChunk, "waitChunk");
        Objects.requireNonNull(setInProgressWindow, "setInProgressWindow");
        Objects.requireNonNull(retryPause, "retryPause");
    }
}
