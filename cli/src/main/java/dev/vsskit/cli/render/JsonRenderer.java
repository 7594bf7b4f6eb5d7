package dev.vsskit.cli.render;

import java.io.PrintWriter;
import dev.vsskit.vss.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON on stdout: a list is an array of objects, one record is an object; field names come from the view. */
public final class JsonRenderer implements Renderer {

    private final PrintWriter out;

    public JsonRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public <T> void list(RecordView<T> view, List<T> rows) {
        List<Object> array = new ArrayList<>(rows.size());
        for (T row : rows) {
            array.add(object(view, row));
        }
        out.println(Json.pretty(array));
        out.flush();
    }

    /** The same text as {@code Json.pretty} of the whole list, written batch by batch. */
    @Override
    public <T> RowStream<T> stream(RecordView<T> view) {
        return new RowStream<>() {
            boolean any;

            @Override
            public String format(List<T> rows) {
                StringBuilder sb = new StringBuilder(rows.size() * 600);
                for (int i = 0; i < rows.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    sb.append("\n  ");
                    Json.pretty(sb, object(view, rows.get(i)), 1);
                }
                return sb.toString();
            }

            @Override
            public void write(String formatted) {
                out.write(before());
                out.write(formatted);
            }

            @Override
            public String before() {
                String s = any ? "," : "[";
                any = true;
                return s;
            }

            @Override
            public void end() {
                out.println(any ? "\n]" : "[]");
                out.flush();
            }
        };
    }

    @Override
    public <T> void single(RecordView<T> view, T row) {
        out.println(Json.pretty(object(view, row)));
        out.flush();
    }

    static <T> Map<String, Object> object(RecordView<T> view, T row) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field<T> f : view.fields()) {
            m.put(f.name(), f.value().apply(row));
        }
        return m;
    }
}
