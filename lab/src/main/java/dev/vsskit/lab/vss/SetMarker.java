package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.OwnerProcess;
import java.time.Instant;

/**
 * The content of {@code <lab>/vss/set-in-progress.json}: which set is being created, by which process (its id and,
 * null in older markers, its start as the operating system reports it, so a reused id is not taken for the
 * creator), since when.
 */
record SetMarker(VssId snapshotSetId, long pid, Instant pidStarted, Instant started) {

    static SetMarker of(VssId snapshotSetId, OwnerProcess owner, Instant started) {
        return new SetMarker(snapshotSetId, owner.pid(), owner.started().orElse(null), started);
    }

    /** The creator still runs. */
    boolean creatorRuns() {
        return new OwnerProcess(pid, java.util.Optional.ofNullable(pidStarted)).runs();
    }
}
