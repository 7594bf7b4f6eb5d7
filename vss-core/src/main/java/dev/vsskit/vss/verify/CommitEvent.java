package dev.vsskit.vss.verify;

import dev.vsskit.vss.VssId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A NetApp VSS hardware provider event as verification sees it: 4089 (CommitSnapshots for a snapshot
 * set completed in N ms) or 4364 (the commit exceeded the 10-second VSS limit), with where it was read.
 */
public record CommitEvent(String source, int eventId, long recordId, Instant time, Optional<VssId> snapshotSetId,
        OptionalLong milliseconds, String origin) {

    public static final int COMMIT_DONE = 4089;
    public static final int COMMIT_TOO_SLOW = 4364;

    public CommitEvent {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        Objects.requireNonNull(milliseconds, "milliseconds");
        Objects.requireNonNull(origin, "origin");
    }

    public boolean isFor(VssId set) {
        return snapshotSetId.map(set::equals).orElse(false);
    }

    /** {@code event 4089 (Navssprv) record 17 at 2026-11-24T01:00:02Z in Application.evtx}. */
    public String describe() {
        return "event " + eventId + " (" + source + ") record " + recordId + " at " + time
                + (origin.isEmpty() ? "" : " in " + origin);
    }
}
