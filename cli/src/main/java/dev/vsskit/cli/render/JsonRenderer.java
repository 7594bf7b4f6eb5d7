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
