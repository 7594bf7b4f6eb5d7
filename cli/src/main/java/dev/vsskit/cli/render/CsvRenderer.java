package dev.vsskit.cli.render;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CSV (RFC 4180 quoting) on stdout: a header row of the view's field names, then one row per record. A list of
 * plain values is joined with {@code "; "}; null is an empty cell. A field holding a list of objects (a backup's
 * VMs, a verification's checks) is flattened, never printed as a Java map: its keys become columns
 * {@code field.key} after the record's own, and the record gets one row per object of each such field, its own
 * columns repeated and the other fields' columns empty (one row with them all empty when it has none).
 */
public final class CsvRenderer implements Renderer {

    private final PrintWriter out;

    public CsvRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public <T> void list(RecordView<T> view, List<T> rows) {
        List<Map<String, Object>> values = new ArrayList<>();
        for (T row : rows) {
            Map<String, Object> v = new LinkedHashMap<>();
            for (Field<T> f : view.fields()) {
                v.put(f.name(), f.value().apply(row));
            }
            values.add(v);
        }
        List<String> plain = new ArrayList<>();
        Map<String, Set<String>> nested = new LinkedHashMap<>();
        for (Field<T> f : view.fields()) {
            Set<String> keys = new LinkedHashSet<>();
            boolean isNested = false;
            for (Map<String, Object> v : values) {
                if (v.get(f.name()) instanceof List<?> l) {
                    for (Object item : l) {
                        if (item instanceof Map<?, ?> m) {
                            isNested = true;
                            keys.addAll(flatten(m).keySet());
                        }
                    }
                }
            }
            if (isNested) {
                nested.put(f.name(), keys);
            } else {
                plain.add(f.name());
            }
        }
        List<String> header = new ArrayList<>(plain);
        nested.forEach((name, keys) -> keys.forEach(k -> header.add(name + "." + k)));
        out.println(header.stream().map(CsvRenderer::cell).collect(Collectors.joining(",")));
        for (Map<String, Object> v : values) {
            List<String> own = plain.stream().map(n -> cell(v.get(n))).toList();
            boolean any = false;
            for (Map.Entry<String, Set<String>> n : nested.entrySet()) {
                if (!(v.get(n.getKey()) instanceof List<?> items)) {
                    continue;
                }
                for (Object item : items) {
                    Map<String, Object> flat = item instanceof Map<?, ?> m ? flatten(m) : Map.of();
                    List<String> line = new ArrayList<>(own);
                    nested.forEach((name, keys) -> keys.forEach(k -> line.add(name.equals(n.getKey())
                            ? cell(flat.get(k)) : "")));
                    out.println(String.join(",", line));
                    any = true;
                }
            }
            if (!any) {
                List<String> line = new ArrayList<>(own);
                nested.values().forEach(keys -> keys.forEach(k -> line.add("")));
                out.println(String.join(",", line));
            }
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

    /** A nested object's values by key; an object inside it becomes {@code key.sub} columns. */
    private static Map<String, Object> flatten(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v instanceof Map<?, ?> inner) {
                flatten(inner).forEach((ik, iv) -> out.put(k + "." + ik, iv));
            } else {
                out.put(String.valueOf(k), v);
            }
        });
        return out;
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
