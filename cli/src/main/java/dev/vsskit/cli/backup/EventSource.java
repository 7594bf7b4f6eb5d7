package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.eventlog.EventLogFiles;
import dev.vsskit.eventlog.EventRecord;
import dev.vsskit.eventlog.EvtxReader;
import dev.vsskit.eventlog.RecordFilter;
import dev.vsskit.eventlog.query.EventQuery;
import dev.vsskit.eventlog.windows.WindowsEventLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where doctor and timeline read events: {@code --events FILE|DIR}, else the host's Application log (the
 * lab's .evtx file, or the live log on Windows), asked of the host.
 */
record EventSource(Optional<Path> file, String describe) {

    static final String LOG = "Application";

    /** The source {@code --events} names (a usage error naming the fix when it does not exist), or the host's. */
    static EventSource of(CliContext ctx, Path events) {
        if (events != null) {
            if (!Files.exists(events)) {
                throw new CliException(ExitCode.USAGE, "--events " + events + ": no such file or folder; give an"
                        + " exported .evtx (wevtutil epl Application app.evtx) or a folder of them");
            }
            return new EventSource(Optional.of(events), events.toString());
        }
        Optional<Path> file = ctx.host().eventLogFile(LOG);
        return new EventSource(file, file.map(Path::toString).orElse("the live " + LOG + " log"));
    }

    /** True when the host keeps its log in a file that nothing has been written to yet. */
    boolean notWrittenYet() {
        return file.isPresent() && !Files.exists(file.get());
    }

    /** The events between {@code from} and {@code to} (null: no bound), warnings of damaged parts to {@code warn}. */
    List<EventRecord> read(Instant from, Instant to, java.util.function.Consumer<String> warn) throws IOException {
        List<EventRecord> out = new ArrayList<>();
        if (notWrittenYet()) {
            return out;
        }
        EventQuery query = EventQuery.of(null, null, from, to, Clock.systemUTC());
        if (file.isPresent()) {
            EventLogFiles.query(file.get(), query, EvtxReader.Render.EVENT, 1, w -> warn.accept(w.toString()),
                    r -> {
                        synchronized (out) {
                            out.add(r.event());
                        }
                    });
        } else {
            if (!WindowsEventLog.isAvailable()) {
                throw new IOException("the live event log needs Windows; give --events FILE.evtx");
            }
            WindowsEventLog.query(LOG, false, query, d -> out.add(d.event()));
        }
        out.sort(java.util.Comparator.comparing(EventRecord::time));
        return out;
    }

    /**
     * The ONTAP VSS hardware provider's 4089 and 4364 events: from the file or folder, or from the live log through
     * wevtapi (the provider events' XPath sent to EvtQuery, so only those come back), without an export.
     */
    List<dev.vsskit.vss.verify.CommitEvent> commitEvents(java.util.function.Consumer<String> warn) throws IOException {
        if (notWrittenYet()) {
            return List.of(); // the lab has logged nothing yet: no backup used the hardware provider
        }
        if (file.isPresent()) {
            return dev.vsskit.vss.verify.EvtxCommitEvents.read(file.get(), w -> warn.accept(w.toString()));
        }
        if (!WindowsEventLog.isAvailable()) {
            throw new IOException("the live " + LOG + " log is read through Windows' event log service (wevtapi), which"
                    + " this system does not have; export it on the host (wevtutil epl Application app.evtx) and give"
                    + " --events app.evtx");
        }
        List<dev.vsskit.vss.verify.CommitEvent> out = new ArrayList<>();
        try {
            WindowsEventLog.query(LOG, false, dev.vsskit.eventlog.netapp.ProviderEvents.query(null, Clock.systemUTC()),
                    d -> {
                        dev.vsskit.vss.verify.EvtxCommitEvents.fromEvent(d.event(), "the live " + LOG + " log")
                                .ifPresent(out::add);
                        return true;
                    });
        } catch (IllegalStateException e) {
            throw new IOException("cannot read the live " + LOG + " log: " + e.getMessage(), e);
        }
        return out;
    }

    /** How many events the source holds; a file that cannot be opened is an IOException, damaged parts warnings. */
    long count(List<String> warnings) throws IOException {
        if (notWrittenYet()) {
            return 0;
        }
        if (file.isEmpty()) {
            return read(null, null, w -> { }).size();
        }
        long n = 0;
        for (Path f : EventLogFiles.evtxFiles(file.get())) {
            try (EvtxReader r = EvtxReader.open(f, w -> warnings.add(w.toString()))) {
                n += r.query(RecordFilter.ALL, EvtxReader.Render.NONE, 1, x -> { });
            }
        }
        return n;
    }
}
