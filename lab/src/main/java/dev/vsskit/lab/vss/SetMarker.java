package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssId;
import java.time.Instant;

/** The content of {@code <lab>/vss/set-in-progress.json}: which set is being created, by which process, since when. */
record SetMarker(VssId snapshotSetId, long pid, Instant started) {
}
