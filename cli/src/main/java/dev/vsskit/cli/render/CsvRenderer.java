package dev.vsskit.cli.render;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV (RFC 4180 quoting) on stdout: a header row of the view's field names, then one row per record.
 * A list value is joined with {@code "; "}; null is an empty cell.
 */
public final class CsvRenderer implements Renderer {

    private final PrintWriter out;

    public CsvRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public <T> void list(RecordView<T> view, List<T> rows) {
        out.println(view.fields().stream().map(f -> cell(f.name())).collect(Collectors.joining(",")));
        for (T row : rows) {
            out.println(view.fields().stream().map(f -> cell(f.value().apply(row))).collect(Collectors.joining(",")));
        }
        out.flush();
    }

    @Override
    public <T> void single(RecordView<T> view, T row) {
        list(view, List.of(row));
    }

    static String cell(Object v) {
        if (v == null) {
            return "";
        }
        String s = v instanceof List<?> l ? l.stream().map(String::valueOf).collect(Collectors.joining("; ")) : v.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0
                || (!s.isEmpty() && (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' '))) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
