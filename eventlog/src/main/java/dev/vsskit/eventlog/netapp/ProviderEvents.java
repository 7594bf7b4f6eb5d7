package dev.vsskit.eventlog.netapp;

import dev.vsskit.eventlog.EventRecord;
import dev.vsskit.eventlog.query.EventQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns event records of the ONTAP VSS hardware provider into {@link ProviderEvent}s.
 *
 * <p>Accepted: source {@code Navssprv} or {@code Navsssv} (any case); EventID 4089 or 4364 (the 16-bit id,
 * whatever the Qualifiers). Exported logs carry the insertion strings without the message, so the values
 * are found among all {@code <Data>} strings (unnamed and named, in order):
 * <ul>
 *   <li>snapshot set id: the first GUID in any string, with or without braces;</li>
 *   <li>milliseconds: the first string that is only a whole number (optionally followed by {@code ms} or
 *       {@code milliseconds}); failing that, a number followed by {@code ms}/{@code milliseconds} inside a
 *       longer string (the whole message as one string); failing that, the number after "in".</li>
 * </ul>
 * A 4089 without both values is not typed ({@link #parse} returns empty); a 4364 is typed with whatever
 * it carries.
 */
public final class ProviderEvents {

    public static final Set<String> SOURCES = Set.of("Navssprv", "Navsssv");
    public static final int COMMIT_COMPLETED = 4089;
    public static final int COMMIT_TOO_SLOW = 4364;
    public static final long VSS_COMMIT_LIMIT_MS = 10_000;

    private static final Pattern GUID = Pattern.compile(
            "\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})}?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\s*(\\d{1,12})\\s*(?:ms|milliseconds?)?\\s*\\.?\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d{1,12})\\s*(?:ms|milliseconds?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern IN_NUMBER = Pattern.compile("\\bin\\s+(\\d{1,12})\\b", Pattern.CASE_INSENSITIVE);

    private ProviderEvents() {
    }

    /** The query for the provider's 4089 and 4364 events since {@code since} (null: all). */
    public static EventQuery query(Instant since, Clock clock) {
        return EventQuery.of(SOURCES, Set.of(COMMIT_COMPLETED, COMMIT_TOO_SLOW), since, null, clock);
    }

    public static boolean isProviderSource(String source) {
        String s = source == null ? "" : source.toLowerCase(Locale.ROOT);
        return s.equals("navssprv") || s.equals("navsssv");
    }

    /** The typed event, or empty when the record is not an accepted provider event. */
    public static Optional<ProviderEvent> parse(EventRecord r) {
        if (!isProviderSource(r.providerName()) && !isProviderSource(r.eventSourceName())) {
            return Optional.empty();
        }
        if (r.eventId() != COMMIT_COMPLETED && r.eventId() != COMMIT_TOO_SLOW) {
            return Optional.empty();
        }
        List<String> strings = new ArrayList<>(r.strings());
        strings.addAll(r.data().values());
        Optional<UUID> set = snapshotSetId(strings);
        OptionalLong ms = milliseconds(strings);
        Instant time = r.time();
        if (r.eventId() == COMMIT_COMPLETED) {
            if (set.isEmpty() || ms.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new ProviderEvent.CommitCompleted(r.recordId(), time, r.providerName(), r.computer(),
                    set.get(), ms.getAsLong()));
        }
        return Optional.of(new ProviderEvent.CommitTooSlow(r.recordId(), time, r.providerName(), r.computer(), set, ms));
    }

    static Optional<UUID> snapshotSetId(List<String> strings) {
        for (String s : strings) {
            Matcher m = GUID.matcher(s);
            if (m.find()) {
                return Optional.of(UUID.fromString(m.group(1)));
            }
        }
        return Optional.empty();
    }

    static OptionalLong milliseconds(List<String> strings) {
        for (String s : strings) {
            Matcher m = WHOLE_NUMBER.matcher(s);
            if (m.matches()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        for (String s : strings) {
            String withoutGuids = GUID.matcher(s).replaceAll(" ");
            Matcher m = NUMBER_WITH_UNIT.matcher(withoutGuids);
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        for (String s : strings) {
            Matcher m = IN_NUMBER.matcher(GUID.matcher(s).replaceAll(" "));
            if (m.find()) {
                return OptionalLong.of(Long.parseLong(m.group(1)));
            }
        }
        return OptionalLong.empty();
    }
}
