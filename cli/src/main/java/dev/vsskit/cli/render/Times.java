package dev.vsskit.cli.render;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The one way vsskit's text output shows a time: vssadmin's and SMHV's US form in the local zone
 * ({@code 11/24/2026 1:45:05 PM}; {@code TZ} picks the zone). JSON and CSV carry ISO-8601 UTC instead.
 */
public final class Times {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);
    private static final DateTimeFormatter PRECISE = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss.SSS a", Locale.US);

    private Times() {
    }

    public static String text(Instant time, ZoneId zone) {
        return TEXT.format(time.atZone(zone));
    }

    private static final java.util.regex.Pattern ISO_INSTANT = java.util.regex.Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z\\b");

    /**
     * Text from an engine (a check's evidence, a leftover's why) with every ISO-8601 UTC instant in it written
     * the one text way, so that text output never mixes two date formats.
     */
    public static String localize(String text, ZoneId zone) {
        return ISO_INSTANT.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                text(Instant.parse(m.group()), zone)));
    }

    /** The same with milliseconds, where events a few milliseconds apart must be told apart (timeline). */
    public static String precise(Instant time, ZoneId zone) {
        return PRECISE.format(time.atZone(zone));
    }
}
