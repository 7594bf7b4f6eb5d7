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
        for (EventRecord e : rows) {
            out.println(line(e));
        }
    }

    String line(EventRecord e) {
        String time = e.time() == null ? "-" : TIME.format(e.time().atZone(zone));
        return time + "  " + String.format("%-11s", e.levelName()) + "  " + e.providerName() + "  " + e.eventId() + "  "
                + data(e);
    }

    static String data(EventRecord e) {
        List<String> parts = new ArrayList<>();
        for (String s : e.strings()) {
            parts.add(oneLine(s));
        }
        e.data().forEach((k, v) -> parts.add(k + "=" + oneLine(v)));
        return String.join(" | ", parts);
    }

    private static String oneLine(String s) {
        return s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " / ");
    }
}
