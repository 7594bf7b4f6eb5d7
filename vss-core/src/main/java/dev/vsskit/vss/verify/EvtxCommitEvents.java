package dev.vsskit.vss.verify;

import dev.vsskit.eventlog.EventLogFiles;
import dev.vsskit.eventlog.EvtxReader;
import dev.vsskit.eventlog.EvtxRecord;
import dev.vsskit.eventlog.EvtxWarningListener;
import dev.vsskit.eventlog.netapp.ProviderEvent;
import dev.vsskit.eventlog.netapp.ProviderEvents;
import dev.vsskit.vss.VssId;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads the ONTAP VSS hardware provider's 4089 and 4364 events from an .evtx file or a folder of them. */
public final class EvtxCommitEvents {

    private EvtxCommitEvents() {
    }

    public static List<CommitEvent> read(Path fileOrFolder, EvtxWarningListener warnings) throws IOException {
        List<CommitEvent> out = new ArrayList<>();
        EventLogFiles.query(fileOrFolder, ProviderEvents.query(null, Clock.systemUTC()), EvtxReader.Render.EVENT,
                Runtime.getRuntime().availableProcessors(), warnings, r -> toCommitEvent(r, fileOrFolder).ifPresent(out::add));
        return out;
    }

    static Optional<CommitEvent> toCommitEvent(EvtxRecord r, Path origin) {
        return fromEvent(r.event(), origin.getFileName() == null ? origin.toString() : origin.getFileName().toString());
    }

    /**
     * A provider event 4089 or 4364 as a commit event, wherever it was read ({@code where}: a file's name, or the
     * live log's); empty for any other event.
     */
    public static Optional<CommitEvent> fromEvent(dev.vsskit.eventlog.EventRecord event, String where) {
        return ProviderEvents.parse(event).map(e -> {
            if (e instanceof ProviderEvent.CommitCompleted c) {
                return new CommitEvent(c.source(), CommitEvent.COMMIT_DONE, c.recordId(), c.time(),
                        Optional.of(new VssId(c.snapshotSetId())), OptionalLong.of(c.milliseconds()), where);
            }
            ProviderEvent.CommitTooSlow s = (ProviderEvent.CommitTooSlow) e;
            return new CommitEvent(s.source(), CommitEvent.COMMIT_TOO_SLOW, s.recordId(), s.time(),
                    s.snapshotSetId().map(VssId::new), s.milliseconds(), where);
        });
    }
}
