package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.cli.render.Times;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.timeline.Timeline;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code vsskit timeline} prints: one line per phase or event, in time order, with the HRESULT class. */
final class TimelineView implements RecordView<Timeline.Job> {

    private static final List<Field<Timeline.Job>> FIELDS = List.of(
            Field.of("backup", Timeline.Job::name),
            Field.of("attempts", j -> j.attempts().stream().map(BackupRecord::name).toList()),
            Field.of("from", j -> j.from().toString()),
            Field.of("to", j -> j.to().toString()),
            Field.of("entries", j -> j.entries().stream().map(TimelineView::entry).toList()));

    private final ZoneId zone;

    TimelineView(ZoneId zone) {
        this.zone = zone;
    }

    private static Map<String, Object> entry(Timeline.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time().toString());
        m.put("origin", e.origin().name().toLowerCase(Locale.ROOT));
        m.put("source", e.source());
        m.put("eventId", e.eventId() == 0 ? null : e.eventId());
        m.put("level", e.level());
        m.put("what", e.what());
        m.put("hresult", e.hresult().orElse(null));
        m.put("hresultClass", e.hresultClass() == Timeline.HResultClass.NONE ? null : e.hresultClass().text());
        return m;
    }

    @Override
    public List<Field<Timeline.Job>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<Timeline.Job> rows, PrintWriter out) {
        for (Timeline.Job j : rows) {
            out.println("Timeline of backup " + j.name() + " (" + j.attempts().size() + " attempt"
                    + (j.attempts().size() == 1 ? "" : "s") + "), events from " + Times.text(j.from(), zone) + " to "
                    + Times.text(j.to(), zone));
            for (Timeline.Entry e : j.entries()) {
                String who = e.eventId() == 0 ? e.source() : e.source() + " " + e.eventId();
                String tag = e.hresult().isEmpty() ? "" : " [" + e.hresult().get()
                        + (e.hresultClass() == Timeline.HResultClass.NONE ? "" : ", " + e.hresultClass().text()) + "]";
                out.println("   " + Times.precise(e.time(), zone) + "  " + pad(who, 16) + " "
                        + (e.level().equals("Information") ? "" : e.level() + ": ") + e.what() + tag);
            }
            out.println();
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
