package dev.vsskit.eventlog.netapp;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/** A typed event of the ONTAP VSS hardware provider (source Navssprv, or Navsssv as some pages spell it). */
public sealed interface ProviderEvent permits ProviderEvent.CommitCompleted, ProviderEvent.CommitTooSlow {

    long recordId();

    Instant time();

    String source();

    String computer();

    /**
     * 4089: "The VSS provider has successfully completed CommitSnapshots for SnapshotSetId id in n milliseconds."
     */
    record CommitCompleted(long recordId, Instant time, String source, String computer, UUID snapshotSetId,
            long milliseconds) implements ProviderEvent {

        /** VSS allows a provider 10 seconds to commit. */
        public boolean withinVssLimit() {
            return milliseconds <= ProviderEvents.VSS_COMMIT_LIMIT_MS;
        }
    }

    /** 4364: the commit exceeded the 10-second VSS limit; id and time are given when the strings carry them. */
    record CommitTooSlow(long recordId, Instant time, String source, String computer, Optional<UUID> snapshotSetId,
            OptionalLong milliseconds) implements ProviderEvent {
    }
}
