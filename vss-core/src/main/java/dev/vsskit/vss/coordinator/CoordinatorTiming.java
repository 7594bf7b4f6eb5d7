package dev.vsskit.vss.coordinator;

import java.time.Duration;
import java.util.Objects;

/**
 * The VSS time limits. {@code holdWritesWindow}: VSS Kernel Support cancels flush-and-hold when the
 * providers' commit has not returned within 10 s. A writer's freeze window is its own
 * ({@link VssWriter#freezeTimeout()}, 60 s by default).
 */
public record CoordinatorTiming(Duration holdWritesWindow) {

    public static final CoordinatorTiming VSS = new CoordinatorTiming(Duration.ofSeconds(10));

    public CoordinatorTiming {
        Objects.requireNonNull(holdWritesWindow, "holdWritesWindow");
    }
}
