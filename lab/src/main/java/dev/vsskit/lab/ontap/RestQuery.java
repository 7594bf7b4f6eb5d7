package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ONTAP's REST query language on the simulator's side: collections with query filters ({@code *},
 * {@code |}, {@code !}, {@code <}, {@code >}), {@code fields}, {@code max_records} and {@code _links.next},
 * {@code return_records}; projections of single objects.
 */
final class RestQuery {

    private RestQuery() {
    }

    static SimResponse collection(SimRequest r, List<ObjectNode> all, List<String> keys) {
        List<ObjectNode> matched = new ArrayList<>();
        for (ObjectNode n : all) {
            if (filtersMatch(n, r.query())) {
                matched.add(n);
            }
        }
        ObjectNode out = SimState.JSON.createObjectNode();
        boolean returnRecords = !"false".equals(r.q("return_records"));
        int start = parseInt(r.q("start.index", "0"), "start.index");
        int max = r.q("max_records") == null ? 10_000 : parseInt(r.q("max_records"), "max_records");
        if (max < 0) {
            throw new ApiError(400, "2", "Invalid value for max_records", "max_records");
        }
        int end = Math.min(matched.size(), start + max);
        if (returnRecords) {
            ArrayNode recs = out.putArray("records");
            for (int i = start; i < end; i++) {
                recs.add(projectCollection(matched.get(i), r, keys));
            }
            out.put("num_records", Math.max(0, end - start));
        } else {
            out.put("num_records", matched.size());
        }
        ObjectNode links = out.putObject("_links");
        links.putObject("self").put("href", r.path() + (r.rawQuery().isEmpty() ? "" : "?" + r.rawQuery()));
        if (returnRecords && end < matched.size()) {
            Map<String, String> q = new LinkedHashMap<>(r.query());
            q.put("start.index", Integer.toString(end));
            q.put("max_records", Integer.toString(max));
            links.putObject("next").put("href", r.path() + encode(q));
        }
        return new SimResponse(200, out, "");
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("fields", "max_records", "return_records",
            "return_timeout", "order_by", "start.index");

    private static boolean filtersMatch(ObjectNode n, Map<String, String> q) {
        for (Map.Entry<String, String> e : q.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            collect(n, e.getKey().split("\\."), 0, values);
            boolean any = false;
            for (JsonNode v : values) {
                if (valueMatches(v.asText(), e.getValue())) {
                    any = true;
                    break;
                }
            }
            if (!any && !(values.isEmpty() && e.getValue().startsWith("!"))) {
                return false;
            }
        }
        return true;
    }

    private static void collect(JsonNode n, String[] path, int i, List<JsonNode> out) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return;
        }
        if (n.isArray()) {
            for (JsonNode x : n) {
                collect(x, path, i, out);
            }
            return;
        }
        if (i == path.length) {
            out.add(n);
            return;
        }
        collect(n.get(path[i]), path, i + 1, out);
    }

    /** ONTAP query syntax: a|b (or), !x (not), * wildcards, <, >, <=, >= on numbers and times. */
    static boolean valueMatches(String actual, String pattern) {
        for (String alt : pattern.split("\\|")) {
            boolean neg = alt.startsWith("!");
            String p = neg ? alt.substring(1) : alt;
            boolean ok;
            if (p.startsWith(">=") || p.startsWith("<=") || p.startsWith(">") || p.startsWith("<")) {
                int len = p.charAt(1) == '=' ? 2 : 1;
                int c = compare(actual, p.substring(len));
                ok = switch (p.substring(0, len)) {
                    case ">=" -> c >= 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c < 0;
                };
            } else if (p.contains("*")) {
                StringBuilder re = new StringBuilder();
                for (String part : p.split("\\*", -1)) {
                    if (re.length() > 0 || p.startsWith("*")) {
                        re.append(".*");
                    }
                    re.append(java.util.regex.Pattern.quote(part));
                }
                ok = actual.matches(re.toString().replace("\\Q\\E", ""));
            } else {
                ok = actual.equals(p);
            }
            if (ok != neg) {
                return true;
            }
        }
        return false;
    }

    private static int compare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static ObjectNode projectCollection(ObjectNode full, SimRequest r, List<String> keys) {
        String fields = r.q("fields");
        if (fields != null && (fields.equals("*") || fields.equals("**"))) {
            return full;
        }
        ObjectNode out = SimState.JSON.createObjectNode();
        for (String k : keys) {
            copyPath(full, out, k.split("\\."), 0);
        }
        if (fields != null) {
            for (String f : fields.split(",")) {
                if (!f.isBlank()) {
                    copyPath(full, out, f.trim().split("\\."), 0);
                }
            }
        }
        if (full.has("_links")) {
            out.set("_links", full.get("_links"));
        }
        return out;
    }

    /** A single object: all fields, or only the requested ones (plus keys). */
    static ObjectNode project(ObjectNode full, SimRequest r, boolean single) {
        String fields = r.q("fields");
        if (fields == null || fields.equals("*") || fields.equals("**")) {
            return full;
        }
        return projectCollection(full, r, List.of("uuid", "name"));
    }

    private static void copyPath(JsonNode from, ObjectNode to, String[] path, int i) {
        JsonNode v = from.get(path[i]);
        if (v == null) {
            return;
        }
        if (i == path.length - 1 || !v.isObject()) {
            if (i == path.length - 1) {
                to.set(path[i], v);
            }
            return;
        }
        ObjectNode child = to.has(path[i]) && to.get(path[i]).isObject() ? (ObjectNode) to.get(path[i])
                : to.putObject(path[i]);
        copyPath(v, child, path, i + 1);
    }

    static String encode(Map<String, String> q) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : q.entrySet()) {
            sb.append(sb.length() == 0 ? '?' : '&').append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("%2C", ",")
                            .replace("%2A", "*"));
        }
        return sb.toString();
    }

    static int parseInt(String s, String name) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "2", "Invalid value \"" + s + "\" for " + name, name);
        }
    }
}
