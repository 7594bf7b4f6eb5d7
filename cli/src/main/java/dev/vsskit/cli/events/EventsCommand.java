package dev.vsskit.cli.events;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.eventlog.EventLogFiles;
import dev.vsskit.eventlog.EventRecord;
import dev.vsskit.eventlog.EventXml;
import dev.vsskit.eventlog.EvtxReader;
import dev.vsskit.eventlog.EvtxRecord;
import dev.vsskit.eventlog.RecordFilter;
import dev.vsskit.eventlog.XmlElement;
import dev.vsskit.eventlog.query.EventQuery;
import dev.vsskit.eventlog.query.QueryParseException;
import dev.vsskit.eventlog.windows.WindowsEventLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit events}: reads events from the lab's (or Windows') Application log, an .evtx file or a
 * folder of them, filtered by source, id, time and an XPath query, printed as text, JSON, CSV or XML.
 */
@Command(name = "events", description = {"Show Windows events from a log, an .evtx file or a folder of .evtx files.",
    "Filters combine with AND; damaged-chunk warnings go to stderr."})
public final class EventsCommand extends VsskitCommand {

    static final class Where {
        @Option(names = "--log", paramLabel = "NAME", description = "Event log (default Application): the lab's "
                + "<lab>/events/NAME.evtx, or the live log on Windows.")
        String log;

        @Option(names = "--file", paramLabel = "F.evtx", description = "Read an exported .evtx file.")
        Path file;

        @Option(names = "--dir", paramLabel = "DIR", description = "Read every .evtx file in a folder.")
        Path dir;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Where where = new Where();

    @Option(names = "--source", split = ",", paramLabel = "NAME", description = "Provider/source name(s), e.g. Navssprv.")
    List<String> sources = new ArrayList<>();

    @Option(names = "--id", split = ",", paramLabel = "N", description = "Event id(s), e.g. 4089,4364.")
    List<Integer> ids = new ArrayList<>();

    @Option(names = "--since", paramLabel = "AGE", description = "Only events newer than this: 30m, 24h, 7d or PT1H.")
    String since;

    @Option(names = "--from", paramLabel = "TIME", description = "Only events at or after TIME (2026-11-24T10:00:00Z, "
            + "a local 2026-11-24T10:00 or a date).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only events at or before TIME.")
    String to;

    @Option(names = "--query", paramLabel = "XPATH", description = "An XPath filter as wevtutil qe /q: takes it, "
            + "e.g. \"*[System[EventID=4089]]\".")
    String query;

    @Option(names = "--xml", description = "Print the full event XML (<Events> document) instead of --output.")
    boolean xml;

    @Option(names = "--limit", paramLabel = "N", description = "Print at most N events (the first N in log order).")
    Integer limit;

    @Option(names = "--count", description = "Print only the number of matching events.")
    boolean count;

    /** Injected by tests; the system clock otherwise. */
    static Clock clock = Clock.systemUTC();

    @Override
    protected int run() throws IOException {
        if (since != null && (from != null || to != null)) {
            throw new CliException(ExitCode.USAGE, "--since cannot be combined with --from/--to; use one or the other");
        }
        if (limit != null && limit < 0) {
            throw new CliException(ExitCode.USAGE, "--limit must be 0 or more");
        }
        xml = xml || ctx().options().output() == dev.vsskit.cli.render.OutputFormat.xml;
        Instant now = clock.instant();
        Instant start = since != null ? now.minus(age(since)) : from == null ? null : time(from, "--from");
        Instant end = to == null ? null : time(to, "--to");
        EventQuery built = EventQuery.of(sources.isEmpty() ? null : new LinkedHashSet<>(sources),
                ids.isEmpty() ? null : new LinkedHashSet<>(ids), start, end, clock);
        EventQuery user;
        try {
            user = query == null ? null : EventQuery.parse(query, clock);
        } catch (QueryParseException e) {
            throw new CliException(ExitCode.USAGE, "--query: " + e.getMessage());
        }
        boolean everything = user == null && sources.isEmpty() && ids.isEmpty() && start == null && end == null;
        // No filter at all: the reader skips its per-record filter tree (and --count decodes nothing).
        RecordFilter filter = everything ? RecordFilter.ALL : user == null ? built : both(built, user);

        int max = limit == null ? Integer.MAX_VALUE : limit;
        PrintWriter err = ctx().err();
        Path source = evtxSource();
        PrintWriter out = ctx().out();
        if (count) {
            long matched;
            if (source == null) {
                matched = live(built, user, new ArrayList<>(), 0);
            } else {
                // Counting needs no rendering: without a filter the records are not even decoded.
                matched = EventLogFiles.queryChunks(source, filter, EvtxReader.Render.NONE, threads(),
                        warnings(err), records -> Boolean.TRUE, x -> true);
            }
            out.println(matched);
            out.flush();
            return ExitCode.OK;
        }
        Output<?> output = xml ? new XmlOutput(out) : new ViewOutput<>(banneredRenderer().stream(new EventView(ctx().zone())),
                EvtxRecord::event);
        if (source == null) {
            List<EvtxRecord> found = new ArrayList<>();
            live(built, user, found, max);
            if (!found.isEmpty()) {
                output.write(output.format(found));
            }
        } else if (max > 0) {
            // Decoding and formatting run on every core, chunk by chunk; the batches are written in log order.
            // As a process, the batches are also encoded on those threads and written to stdout as bytes.
            dev.vsskit.cli.StdoutBytes bytes = ctx().stdoutBytes().orElse(null);
            int[] left = {max};
            EventLogFiles.queryChunks(source, filter, xml ? EvtxReader.Render.XML : EvtxReader.Render.EVENT, threads(),
                    warnings(err), records -> {
                        if (records.size() > left[0]) {
                            return new Batch(records, null, null);
                        }
                        String text = output.format(records);
                        return bytes == null ? new Batch(records, text, null)
                                : new Batch(records, null, text.getBytes(bytes.charset()));
                    }, batch -> {
                        List<EvtxRecord> records = batch.records();
                        if (records.size() > left[0]) {
                            output.write(output.format(records.subList(0, left[0])));
                        } else if (batch.encoded() != null) {
                            out.write(output.before());
                            out.flush();
                            try {
                                bytes.stream().write(batch.encoded());
                            } catch (IOException e) {
                                return false; // stdout closed (e.g. piped into head): stop reading, as the writer would
                            }
                        } else {
                            output.write(batch.text());
                        }
                        left[0] -= Math.min(left[0], records.size());
                        return left[0] > 0;
                    });
        }
        output.end();
        return ExitCode.OK;
    }

    private static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static dev.vsskit.eventlog.EvtxWarningListener warnings(PrintWriter err) {
        return w -> {
            err.println("vsskit: warning: " + w);
            err.flush();
        };
    }

    /**
     * A chunk's records and their formatted text, or that text already encoded for stdout (both null when only
     * part of the records will be printed).
     */
    private record Batch(List<EvtxRecord> records, String text, byte[] encoded) {
    }

    /** Where the events go: the {@code <Events>} XML document or the chosen renderer. */
    private interface Output<T> {
        String format(List<EvtxRecord> records);

        void write(String text);

        /** What goes before the next batch when the caller writes the batch itself. */
        String before();

        void end();
    }

    /** The events' own XML inside one {@code <Events>} element. */
    private static final class XmlOutput implements Output<String> {
        private final PrintWriter out;
        private boolean started;

        XmlOutput(PrintWriter out) {
            this.out = out;
        }

        @Override
        public String format(List<EvtxRecord> records) {
            int size = 0;
            for (EvtxRecord r : records) {
                size += r.xml().length() + 1;
            }
            StringBuilder sb = new StringBuilder(size);
            String nl = System.lineSeparator();
            for (EvtxRecord r : records) {
                sb.append(r.xml()).append(nl);
            }
            return sb.toString();
        }

        @Override
        public void write(String text) {
            out.write(before());
            out.write(text);
        }

        @Override
        public String before() {
            if (started) {
                return "";
            }
            started = true;
            return "<Events>" + System.lineSeparator();
        }

        @Override
        public void end() {
            if (!started) {
                out.println("<Events>");
            }
            out.println("</Events>");
            out.flush();
        }
    }

    /** The typed events through the renderer of {@code --output} (text, JSON, CSV). */
    private record ViewOutput<T>(dev.vsskit.cli.render.RowStream<T> rows,
            java.util.function.Function<EvtxRecord, T> typed) implements Output<T> {
        @Override
        public String format(List<EvtxRecord> records) {
            List<T> items = new ArrayList<>(records.size());
            for (EvtxRecord r : records) {
                items.add(typed.apply(r));
            }
            return rows.format(items);
        }

        @Override
        public void write(String text) {
            rows.write(text);
        }

        @Override
        public String before() {
            return rows.before();
        }

        @Override
        public void end() {
            rows.end();
        }
    }

    /** The renderer; reading a file or folder names it in the banner instead of opening the host. */
    private dev.vsskit.cli.render.Renderer banneredRenderer() {
        Path given = where.file != null ? where.file : where.dir;
        return given != null ? ctx().renderer("none (events from " + given + ")") : ctx().renderer();
    }

    /** The .evtx file or folder to read, or null for the live Windows log. */
    private Path evtxSource() {
        if (where.file != null) {
            if (Files.isDirectory(where.file)) {
                throw new CliException(ExitCode.USAGE, "--file " + where.file + " is a folder; give it with --dir");
            }
            return requireEvtx("--file", where.file);
        }
        if (where.dir != null) {
            if (!Files.isDirectory(where.dir)) {
                throw new CliException(ExitCode.USAGE, "--dir " + where.dir + ": no such folder");
            }
            return requireEvtx("--dir", where.dir);
        }
        String log = where.log == null ? "Application" : where.log;
        if (!log.matches("[A-Za-z0-9 _./-]+") || log.contains("..")) {
            throw new CliException(ExitCode.USAGE, "--log " + log + ": not a log name (e.g. Application)");
        }
        java.util.Optional<Path> file = ctx().host().eventLogFile(log); // the lab's; empty for the live log
        if (file.isPresent()) {
            Path f = file.get();
            if (!Files.isRegularFile(f)) {
                throw new CliException(ExitCode.ERROR, "the lab has no " + log + " log yet (" + f
                        + "); it is written by the lab's providers during backups");
            }
            return f;
        }
        return null;
    }

    /** Bad input (exit 2) with the real reason when the path is not an event log. */
    private static Path requireEvtx(String option, Path p) {
        try {
            EventLogFiles.requireEvtx(p);
            return p;
        } catch (java.io.IOException e) {
            throw new CliException(ExitCode.USAGE, option + ": " + e.getMessage(), e);
        }
    }

    private long live(EventQuery built, EventQuery user, List<EvtxRecord> found, int max) {
        String log = where.log == null ? "Application" : where.log;
        EventQuery sent = user != null ? user : built;
        long[] n = {0};
        WindowsEventLog.query(log, false, sent, d -> {
            XmlElement tree = EventXml.parse(d.xml());
            if (user != null && !built.matches(tree)) {
                return true;
            }
            n[0]++;
            if (found.size() < max) {
                EventRecord e = d.event();
                found.add(new EvtxRecord(e.recordId(), e.time(), -1, -1, d.xml(), e, true));
            }
            return count || found.size() < max;
        });
        return n[0];
    }

    private static RecordFilter both(RecordFilter a, RecordFilter b) {
        return new RecordFilter() {
            @Override
            public boolean providerMayMatch(String name) {
                return a.providerMayMatch(name) && b.providerMayMatch(name);
            }

            @Override
            public boolean eventIdMayMatch(int id) {
                return a.eventIdMayMatch(id) && b.eventIdMayMatch(id);
            }

            @Override
            public boolean matches(XmlElement event) {
                return a.matches(event) && b.matches(event);
            }
        };
    }

    static Duration age(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.USAGE, "--since " + s + ": not an age; use 30m, 24h, 7d or PT1H");
        }
    }

    private Instant time(String s, String option) {
        try {
            return Instant.parse(s);
        } catch (DateTimeException e) {
            try {
                return LocalDateTime.parse(s).atZone(ctx().zone()).toInstant();
            } catch (DateTimeException e2) {
                try {
                    return LocalDate.parse(s).atStartOfDay(ctx().zone()).toInstant();
                } catch (DateTimeException e3) {
                    throw new CliException(ExitCode.USAGE, option + " " + s + ": not a time; use 2026-11-24T10:00:00Z, "
                            + "2026-11-24T10:00 or 2026-11-24");
                }
            }
        }
    }
}
