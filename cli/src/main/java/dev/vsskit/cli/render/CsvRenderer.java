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
        out.println(header(view));
        for (T row : rows) {
            out.println(row(view, row));
        }
        out.flush();
    }

    private static <T> String header(RecordView<T> view) {
        return view.fields().stream().map(f -> cell(f.name())).collect(Collectors.joining(","));
    }

    private static <T> String row(RecordView<T> view, T row) {
        return view.fields().stream().map(f -> cell(f.value().apply(row))).collect(Collectors.joining(","));
    }

    @Override
    public <T> RowStream<T> stream(RecordView<T> view) {
        out.println(header(view));
        return new RowStream<>() {
            @Override
            public String format(List<T> rows) {
                StringBuilder sb = new StringBuilder(rows.size() * 200);
                String nl = System.lineSeparator();
                for (T row : rows) {
                    sb.append(row(view, row)).append(nl);
                }
                return sb.toString();
            }

            @Override
            public void write(String formatted) {
                out.write(formatted);
            }

            @Override
            public String before() {
                return "";
            }

            @Override
            public void end() {
                out.flush();
            }
        };
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
