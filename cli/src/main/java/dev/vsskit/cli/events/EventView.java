package dev.vsskit.cli.events;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.eventlog.EventRecord;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Events as text (one line each: time, level, source, id, data), JSON objects and CSV rows. */
final class EventView implements RecordView<EventRecord> {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ZoneId zone;

    EventView(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public List<Field<EventRecord>> fields() {
        return List.of(
                Field.of("recordId", EventRecord::recordId),
                Field.of("time", e -> e.time() == null ? null : e.time().toString()),
                Field.of("level", EventRecord::levelName),
                Field.of("source", EventRecord::providerName),
                Field.of("eventId", EventRecord::eventId),
                Field.of("qualifiers", EventRecord::qualifiers),
                Field.of("task", EventRecord::task),
                Field.of("keywords", e -> "0x" + Long.toHexString(e.keywords())),
                Field.of("channel", EventRecord::channel),
                Field.of("computer", EventRecord::computer),
                Field.of("strings", e -> e.strings()),
                Field.of("data", e -> namedData(e.data())));
    }

    private static List<Object> namedData(Map<String, String> data) {
        List<Object> out = new ArrayList<>();
        data.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    @Override
    public void text(List<EventRecord> rows, PrintWriter out) {
        StringBuilder sb = new StringBuilder(200);
        for (EventRecord e : rows) {
            sb.setLength(0);
            line(e, sb);
            out.println(sb);
        }
    }

    String line(EventRecord e) {
        StringBuilder sb = new StringBuilder(200);
        line(e, sb);
        return sb.toString();
    }

    /**
     * One line per event: time, level, source, id, then the insertion strings and named data joined by " | ",
     * each on one line (line breaks become " / "); control characters never reach the terminal.
     */
    private void line(EventRecord e, StringBuilder sb) {
        if (e.time() == null) {
            sb.append('-');
        } else {
            TIME.formatTo(e.time().atZone(zone), sb);
        }
        sb.append("  ");
        String level = e.levelName();
        sb.append(level);
        for (int i = level.length(); i < 11; i++) {
            sb.append(' ');
        }
        sb.append("  ");
        oneLine(e.providerName(), sb);
        sb.append("  ").append(e.eventId()).append("  ");
        data(e, sb);
    }

    static String data(EventRecord e) {
        StringBuilder sb = new StringBuilder();
        data(e, sb);
        return sb.toString();
    }

    private static void data(EventRecord e, StringBuilder sb) {
        boolean first = true;
        for (String s : e.strings()) {
            if (!first) {
                sb.append(" | ");
            }
            first = false;
            oneLine(s, sb);
        }
        for (Map.Entry<String, String> d : e.data().entrySet()) {
            if (!first) {
                sb.append(" | ");
            }
            first = false;
            oneLine(d.getKey(), sb);
            sb.append('=');
            oneLine(d.getValue(), sb);
        }
    }

    /**
     * Appends {@code s} stripped, with each run of blanks that holds a line break as " / " (as the regex
     * {@code \\s*[\\r\\n]+\\s*} would) and any other control character as a space.
     */
    static void oneLine(String s, StringBuilder sb) {
        String t = s.strip();
        int n = t.length();
        int i = 0;
        while (i < n && t.charAt(i) >= 0x20 && t.charAt(i) != 0x7F) {
            i++;
        }
        if (i == n) {
            sb.append(t); // the common case: nothing to replace
            return;
        }
        while (i > 0 && blank(t.charAt(i - 1))) {
            i--; // a run of blanks before a line break is part of the " / "
        }
        sb.append(t, 0, i);
        while (i < n) {
            char c = t.charAt(i);
            if (!blank(c)) {
                sb.append(c < 0x20 || c == 0x7F ? ' ' : c);
                i++;
                continue;
            }
            int j = i;
            boolean lineBreak = false;
            while (j < n && blank(t.charAt(j))) {
                lineBreak |= t.charAt(j) == '\r' || t.charAt(j) == '\n';
                j++;
            }
            if (lineBreak) {
                sb.append(" / ");
            } else {
                for (int k = i; k < j; k++) {
                    sb.append(' ');
                }
            }
            i = j;
        }
    }

    private static boolean blank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }
}
