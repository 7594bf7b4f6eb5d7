package dev.vsskit.vss.session;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A committed snapshot set: its shadows (one per volume, with the provider that took it) and how long
 * the providers held writes (the commit inside the 10 s flush-and-hold window), and how long writers
 * stayed frozen (first Freeze sent to last Thaw returned).
 */
public record SnapshotSetResult(VssId snapshotSetId, List<Shadow> shadows, Duration commitDuration,
        Duration freezeToThaw) {
    public SnapshotSetResult {
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        shadows = List.copyOf(shadows);
        Objects.requireNonNull(commitDuration, "commitDuration");
        Objects.requireNonNull(freezeToThaw, "freezeToThaw");
    }
}
