package dev.vsskit.vss.timeline;

import dev.vsskit.eventlog.EventRecord;
import dev.vsskit.eventlog.netapp.ProviderEvent;
import dev.vsskit.eventlog.netapp.ProviderEvents;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.backup.RetryPolicy;
import dev.vsskit.vss.catalog.BackupRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One ordered view of a backup job: vsskit's own phases from the catalog records of its attempts, and the
 * events around it (VSS 8193, 8194, 12289 ..., the ONTAP provider's 4089 and 4364, Hyper-V's and the lab's),
 * each tagged with the HRESULT it carries and whether that failure is worth a retry.
 */
public final class Timeline {

    /** How far before the first attempt and after the last one events are taken in. */
    public static final Duration MARGIN = Duration.ofMinutes(2);
    /**
     * How far events are read: events that name one of the job's snapshot sets are taken in from this wider
     * window, since the provider's clock may not be the requester's (a lab rehearsing on virtual time).
     */
    public static final Duration READ_MARGIN = Duration.ofHours(1);

    /** Where an entry comes from. */
    public enum Origin { VSSKIT, EVENT }

    /** Whether an entry's HRESULT is a failure worth a retry; NONE when it carries no failure. */
    public enum HResultClass {
        NONE(""), RETRYABLE("retryable"), NOT_RETRYABLE("not retryable");

        private final String text;

        HResultClass(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** One line of the timeline. */
    public record Entry(Instant time, Origin origin, String source, int eventId, String level, String what,
            Optional<String> hresult, HResultClass hresultClass) {
        public Entry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(hresult, "hresult");
            Objects.requireNonNull(hresultClass, "hresultClass");
        }
    }

    /** A job: its name, its attempts oldest first, and its entries in time order. */
    public record Job(String name, List<BackupRecord> attempts, Instant from, Instant to, List<Entry> entries) {
        public Job {
            attempts = List.copyOf(attempts);
            entries = List.copyOf(entries);
        }
    }

    /** Sources whose events belong in a backup's timeline (others only when they name the snapshot set). */
    private static final List<String> SOURCES = List.of("vss", "navssprv", "navsssv", "volsnap", "snapmanager",
            "smhv", "microsoft-windows-hyper-v", "microsoft-windows-failoverclustering", "vsskit");

    private static final Map<Integer, String> VSS_EVENTS = Map.ofEntries(
            Map.entry(8193, "Volume Shadow Copy Service error: unexpected error calling a routine"),
            Map.entry(8194, "Volume Shadow Copy Service error: unexpected error querying IVssWriterCallback"
                    + " (often access denied for a writer's account)"),
            Map.entry(8229, "a VSS writer reported an error while processing an event"),
            Map.entry(8230, "Volume Shadow Copy Service error: failed resolving an account name"),
            Map.entry(12289, "Volume Shadow Copy Service error: unexpected error in DeviceIoControl"),
            Map.entry(12290, "Volume Shadow Copy Service warning"),
            Map.entry(12292, "Volume Shadow Copy Service error: error creating the provider's COM server"),
            Map.entry(12293, "Volume Shadow Copy Service error: error calling a routine on a shadow copy provider"),
            Map.entry(12297, "Volume Shadow Copy Service error: the provider is not registered"),
            Map.entry(12298, "Volume Shadow Copy Service error: the provider failed"),
            Map.entry(12302, "Volume Shadow Copy Service error: an internal inconsistency"));

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{8}");
    private static final Pattern NAME = Pattern.compile("\\b(VSS_[ES]_[A-Z_]+|E_[A-Z_]+)\\b");

    private Timeline() {
    }

    /**
     * The attempts of the job {@code name} among {@code records}: the record of that name and its failed tries
     * ({@code name.try1}, ...); a try's own name stands for its job.
     */
    public static List<BackupRecord> attempts(String name, List<BackupRecord> records) {
        String job = jobName(name);
        return records.stream().filter(r -> jobName(r.name()).equals(job))
                .sorted(Comparator.comparing(BackupRecord::started)).toList();
    }

    /** The job a record belongs to: its name without a {@code .tryN} suffix. */
    public static String jobName(String recordName) {
        return recordName.replaceFirst("\\.try\\d+$", "");
    }

    /** The job's events: from {@link #MARGIN} before the first attempt to after the last one. */
    public static Instant[] window(List<BackupRecord> attempts) {
        return window(attempts, MARGIN);
    }

    /** The events to read: {@link #READ_MARGIN} around the job. */
    public static Instant[] readWindow(List<BackupRecord> attempts) {
        return window(attempts, READ_MARGIN);
    }

    private static Instant[] window(List<BackupRecord> attempts, Duration margin) {
        Instant from = attempts.stream().map(BackupRecord::started).min(Comparator.naturalOrder()).orElseThrow();
        Instant to = attempts.stream().map(BackupRecord::finished).max(Comparator.naturalOrder()).orElseThrow();
        return new Instant[] {from.minus(margin), to.plus(margin)};
    }

    public static Job build(String jobName, List<BackupRecord> attempts, List<EventRecord> events) {
        if (attempts.isEmpty()) {
            throw new IllegalArgumentException("a timeline needs at least one attempt");
        }
        Instant[] window = window(attempts);
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (BackupRecord r : attempts) {
            n++;
            String attempt = "attempt " + n + " of " + attempts.size() + " (" + r.name() + ")";
            entries.add(new Entry(r.started(), Origin.VSSKIT, "vsskit", 0, "Information", attempt + " started: "
                    + (r.applicationConsistent() ? "application-consistent" : "crash-consistent") + " backup"
                    + (r.vms().isEmpty() ? "" : " of " + String.join(", ", r.vms())), Optional.empty(), HResultClass.NONE));
            if (r.snapshotSetId().isPresent() && r.succeeded()) {
                entries.add(new Entry(r.finished(), Origin.VSSKIT, "vsskit", 0, "Information", attempt
                        + ": snapshot set " + r.snapshotSetId().get() + " committed (writes held "
                        + r.commitDuration().toMillis() + " ms)", Optional.empty(), HResultClass.NONE));
            }
            Optional<String> hr = r.succeeded() ? Optional.empty() : hresultIn(List.of(r.outcome()));
            entries.add(new Entry(r.finished(), Origin.VSSKIT, "vsskit", 0, r.succeeded() ? "Information" : "Error",
                    attempt + (r.succeeded() ? " succeeded" : " failed") + ": " + r.outcome(), hr,
                    r.succeeded() ? HResultClass.NONE : classOf(hr)));
        }
        List<String> setIds = attempts.stream().flatMap(r -> r.snapshotSetId().stream())
                .map(id -> id.bare().toLowerCase(Locale.ROOT)).toList();
        for (EventRecord e : events) {
            boolean inWindow = !e.time().isBefore(window[0]) && !e.time().isAfter(window[1]);
            if (namesSet(e, setIds) || inWindow && belongs(e)) {
                entries.add(entry(e));
            }
        }
        entries.sort(Comparator.comparing(Entry::time).thenComparing(x -> x.origin() == Origin.VSSKIT ? 1 : 0));
        return new Job(jobName, attempts, window[0], window[1], entries);
    }

    private static boolean belongs(EventRecord e) {
        String source = source(e).toLowerCase(Locale.ROOT);
        for (String s : SOURCES) {
            if (source.startsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namesSet(EventRecord e, List<String> setIds) {
        for (String text : texts(e)) {
            String t = text.toLowerCase(Locale.ROOT);
            for (String id : setIds) {
                if (t.contains(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Entry entry(EventRecord e) {
        String source = source(e);
        List<String> texts = texts(e);
        Optional<String> hr = hresultIn(texts);
        String what;
        Optional<ProviderEvent> typed = ProviderEvents.parse(e);
        if (typed.isPresent() && typed.get() instanceof ProviderEvent.CommitTooSlow slow) {
            what = "the ONTAP provider's commit" + slow.snapshotSetId().map(id -> " of set {" + id + "}").orElse("")
                    + (slow.milliseconds().isPresent() ? " took " + slow.milliseconds().getAsLong() + " ms," : "")
                    + " past the 10 s VSS window";
            hr = Optional.of(HResult.VSS_E_HOLD_WRITES_TIMEOUT.name());
        } else if (typed.isPresent() && typed.get() instanceof ProviderEvent.CommitCompleted done) {
            what = "the ONTAP provider committed set {" + done.snapshotSetId() + "} in " + done.milliseconds() + " ms";
        } else if (source.equalsIgnoreCase("VSS") && VSS_EVENTS.containsKey(e.eventId())) {
            what = VSS_EVENTS.get(e.eventId()) + detail(texts);
        } else {
            what = texts.isEmpty() ? "event " + e.eventId() : String.join(" | ", texts);
        }
        return new Entry(e.time(), Origin.EVENT, source, e.eventId(), e.levelName(), what, hr, classOf(hr));
    }

    private static String detail(List<String> texts) {
        return texts.isEmpty() ? "" : ": " + String.join(" | ", texts);
    }

    private static String source(EventRecord e) {
        String s = e.eventSourceName() != null && !e.eventSourceName().isEmpty() ? e.eventSourceName() : e.providerName();
        return s == null ? "" : s;
    }

    private static List<String> texts(EventRecord e) {
        List<String> t = new ArrayList<>(e.strings());
        t.addAll(e.data().values());
        t.removeIf(s -> s == null || s.isBlank());
        return t;
    }

    /** The first HRESULT named in the texts: its symbolic name when vsskit knows it, else its hex value. */
    static Optional<String> hresultIn(List<String> texts) {
        for (String t : texts) {
            Matcher name = NAME.matcher(t);
            while (name.find()) {
                Optional<HResult> h = HResult.parse(name.group(1));
                if (h.isPresent()) {
                    return Optional.of(h.get().name());
                }
            }
            Matcher hex = HEX.matcher(t);
            while (hex.find()) {
                Optional<HResult> h = HResult.parse(hex.group());
                if (h.isPresent() && h.get().isFailure()) {
                    return Optional.of(h.get().name());
                }
                if (h.isEmpty() && (Long.parseLong(hex.group().substring(2), 16) & 0x80000000L) != 0) {
                    return Optional.of(hex.group().toLowerCase(Locale.ROOT));
                }
            }
        }
        return Optional.empty();
    }

    static HResultClass classOf(Optional<String> hresult) {
        if (hresult.isEmpty()) {
            return HResultClass.NONE;
        }
        Optional<HResult> h = HResult.parse(hresult.get());
        return h.isPresent() && RetryPolicy.isTransient(h.get()) ? HResultClass.RETRYABLE : HResultClass.NOT_RETRYABLE;
    }
}
