package dev.vsskit.eventlog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A classic (event-source) Windows event as ReportEvent writes it: channel, source, event id, level,
 * time, computer and the insertion strings that become {@code <EventData><Data>...</Data>}.
 * Levels follow the event XML: 1 critical, 2 error, 3 warning, 4 information.
 */
public record ClassicEvent(String channel, String source, int eventId, int level, Instant time, String computer,
        List<String> insertionStrings) {

    public static final int LEVEL_CRITICAL = 1;
    public static final int LEVEL_ERROR = 2;
    public static final int LEVEL_WARNING = 3;
    public static final int LEVEL_INFORMATION = 4;

    public ClassicEvent {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(computer, "computer");
        insertionStrings = List.copyOf(insertionStrings);
        if (level < 0 || level > 5) {
            throw new IllegalArgumentException("event level must be 0..5, got " + level);
        }
    }
}
