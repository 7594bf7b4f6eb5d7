package dev.vsskit.eventlog.query;

import dev.vsskit.eventlog.EventXml;
import dev.vsskit.eventlog.RecordFilter;
import dev.vsskit.eventlog.XmlElement;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The structured XPath subset that {@code wevtutil qe /q:} and {@code Get-WinEvent -FilterXPath}
 * accept: {@code *[System[Provider[@Name='X'] and (EventID=1 or EventID=2) and TimeCreated[timediff(@SystemTime)
 * <= 86400000]]]}, child and attribute steps, predicates, {@code and}/{@code or}/{@code not(...)},
 * {@code = != < <= > >=}, string and number literals, {@code timediff(@SystemTime)},
 * {@code timediff(a,b)} and {@code band(x,mask)}. A comparison is true when any selected node compares
 * true; numbers (also 0x hex) compare numerically, times as instants, strings case-insensitively.
 *
 * <p>As a {@link RecordFilter} it also tells the EVTX reader which provider names and event ids a match
 * requires, so records of other templates are skipped without being decoded.
 */
public final class EventQuery implements RecordFilter {

    private final String text;
    private final Expr root;
    private final Clock clock;
    private final Set<String> providers;
    private final Set<Integer> eventIds;

    private EventQuery(String text, Expr root, Clock clock) {
        this.text = text;
        this.root = root;
        this.clock = clock;
        Set<String> p = constraint(root, List.of(), Kind.PROVIDER);
        this.providers = p == null ? null : lower(p);
        Set<String> ids = constraint(root, List.of(), Kind.EVENT_ID);
        Set<Integer> idSet = null;
        if (ids != null) {
            idSet = new HashSet<>();
            for (String s : ids) {
                BigInteger n = number(s);
                if (n == null) {
                    idSet = null;
                    break;
                }
                idSet.add(n.intValue());
            }
        }
        this.eventIds = idSet;
    }

    /** Parses a query; {@code *} alone matches everything. */
    public static EventQuery parse(String query) {
        return parse(query, Clock.systemUTC());
    }

    /** Parses a query whose {@code timediff} measures against {@code clock}. */
    public static EventQuery parse(String query, Clock clock) {
        return new EventQuery(query, new Parser(query).parseQuery(), clock);
    }

    /** The query for the usual filters; null arguments mean "any". */
    public static EventQuery of(Set<String> providerNames, Set<Integer> eventIds, Instant from, Instant to, Clock clock) {
        List<String> parts = new ArrayList<>();
        if (providerNames != null && !providerNames.isEmpty()) {
            parts.add("(" + String.join(" or ", providerNames.stream().map(n -> "Provider[@Name='" + n.replace("'", "") + "']").toList()) + ")");
        }
        if (eventIds != null && !eventIds.isEmpty()) {
            parts.add("(" + String.join(" or ", eventIds.stream().sorted().map(i -> "EventID=" + i).toList()) + ")");
        }
        if (from != null) {
            parts.add("TimeCreated[@SystemTime>='" + from + "']");
        }
        if (to != null) {
            parts.add("TimeCreated[@SystemTime<='" + to + "']");
        }
        return parse(parts.isEmpty() ? "*" : "*[System[" + String.join(" and ", parts) + "]]", clock);
    }

    public String text() {
        return text;
    }

    /** Provider names (lower case) a matching event must have, or null when the query does not say. */
    public Set<String> requiredProviders() {
        return providers;
    }

    /** Event ids a matching event must have, or null when the query does not say. */
    public Set<Integer> requiredEventIds() {
        return eventIds;
    }

    @Override
    public boolean providerMayMatch(String literalProviderName) {
        return providers == null || providers.contains(literalProviderName.toLowerCase(Locale.ROOT));
    }

    @Override
    public boolean eventIdMayMatch(int eventId) {
        return eventIds == null || eventIds.contains(eventId);
    }

    @Override
    public boolean matches(XmlElement event) {
        return root == null || truth(eval(root, event));
    }

    @Override
    public String toString() {
        return text;
    }

    // ------------------------------------------------------------------ AST

    sealed interface Expr permits Or, And, Not, Cmp, PathExpr, Literal, Func {
    }

    record Or(Expr a, Expr b) implements Expr {
    }

    record And(Expr a, Expr b) implements Expr {
    }

    record Not(Expr a) implements Expr {
    }

    record Cmp(Expr a, String op, Expr b) implements Expr {
    }

    record Step(String name, boolean attribute, List<Expr> predicates) {
    }

    record PathExpr(List<Step> steps) implements Expr {
    }

    record Literal(String value, boolean numeric) implements Expr {
    }

    record Func(String name, List<Expr> args) implements Expr {
    }

    // ------------------------------------------------------------------ evaluation

    private Object eval(Expr e, XmlElement ctx) {
        if (e instanceof Or o) {
            return truth(eval(o.a, ctx)) || truth(eval(o.b, ctx));
        } else if (e instanceof And a) {
            return truth(eval(a.a, ctx)) && truth(eval(a.b, ctx));
        } else if (e instanceof Not n) {
            return !truth(eval(n.a, ctx));
        } else if (e instanceof Literal l) {
            return l;
        } else if (e instanceof PathExpr p) {
            return select(p.steps, ctx);
        } else if (e instanceof Cmp c) {
            return compare(eval(c.a, ctx), c.op, eval(c.b, ctx));
        } else if (e instanceof Func f) {
            return function(f, ctx);
        }
        throw new IllegalStateException();
    }

    private List<Object> select(List<Step> steps, XmlElement ctx) {
        List<Object> current = List.of(ctx);
        for (Step s : steps) {
            List<Object> next = new ArrayList<>();
            for (Object o : current) {
                if (!(o instanceof XmlElement el)) {
                    continue;
                }
                if (s.attribute) {
                    String v = el.attribute(s.name);
                    if (v != null) {
                        next.add(v);
                    }
                } else if (s.name.equals("text()")) {
                    next.add(el.text());
                } else {
                    for (XmlElement c : el.elements()) {
                        if ((s.name.equals("*") || c.name().equals(s.name)) && predicatesHold(s, c)) {
                            next.add(c);
                        }
                    }
                }
            }
            current = next;
        }
        return current;
    }

    private boolean predicatesHold(Step s, XmlElement el) {
        for (Expr p : s.predicates) {
            if (!truth(eval(p, el))) {
                return false;
            }
        }
        return true;
    }

    private Object function(Func f, XmlElement ctx) {
        switch (f.name) {
            case "timediff" -> {
                Instant a = time(first(eval(f.args.get(0), ctx)));
                Instant b = f.args.size() > 1 ? time(first(eval(f.args.get(1), ctx))) : clock.instant();
                if (a == null || b == null) {
                    return List.of();
                }
                return new Literal(Long.toString(Duration.between(a, b).toMillis()), true);
            }
            case "band" -> {
                BigInteger a = number(first(eval(f.args.get(0), ctx)));
                BigInteger b = number(first(eval(f.args.get(1), ctx)));
                if (a == null || b == null) {
                    return List.of();
                }
                return new Literal(a.and(b).toString(), true);
            }
            default -> throw new IllegalStateException(f.name);
        }
    }

    private static String first(Object v) {
        if (v instanceof Literal l) {
            return l.value;
        }
        if (v instanceof List<?> list && !list.isEmpty()) {
            return string(list.get(0));
        }
        return null;
    }

    private static String string(Object o) {
        return o instanceof XmlElement e ? e.text() : String.valueOf(o);
    }

    private static boolean truth(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Literal l) {
            if (l.numeric) {
                BigInteger n = number(l.value);
                return n != null && n.signum() != 0;
            }
            return !l.value.isEmpty();
        }
        return false;
    }

    private static boolean compare(Object a, String op, Object b) {
        List<String> left = values(a);
        List<String> right = values(b);
        boolean numeric = (a instanceof Literal la && la.numeric) || (b instanceof Literal lb && lb.numeric);
        for (String x : left) {
            for (String y : right) {
                if (compareOne(x, op, y, numeric)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> values(Object v) {
        if (v instanceof Literal l) {
            return List.of(l.value);
        }
        if (v instanceof List<?> list) {
            List<String> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(string(o));
            }
            return out;
        }
        return List.of(String.valueOf(v));
    }

    private static boolean compareOne(String x, String op, String y, boolean numeric) {
        int c;
        BigInteger nx = number(x);
        BigInteger ny = number(y);
        Instant tx;
        Instant ty;
        if (nx != null && ny != null) {
            c = nx.compareTo(ny);
        } else if (numeric) {
            return false;
        } else if ((tx = time(x)) != null && (ty = time(y)) != null) {
            c = tx.compareTo(ty);
        } else {
            c = x.compareToIgnoreCase(y);
        }
        return switch (op) {
            case "=" -> c == 0;
            case "!=" -> c != 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            default -> c >= 0;
        };
    }

    static BigInteger number(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return new BigInteger(t.substring(2), 16);
            }
            if (!t.isEmpty() && t.chars().allMatch(ch -> Character.isDigit(ch) || ch == '-') && t.lastIndexOf('-') <= 0) {
                return new BigInteger(t);
            }
        } catch (NumberFormatException ignored) {
            // not a number
        }
        return null;
    }

    private static Instant time(String s) {
        if (s == null || s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        return EventXml.parseTime(s);
    }

    // ------------------------------------------------------------------ prefilter constraints

    private enum Kind { PROVIDER, EVENT_ID }

    /** Values the field must take for {@code e} to hold, or null when {@code e} does not constrain it. */
    private static Set<String> constraint(Expr e, List<String> prefix, Kind kind) {
        if (e == null) {
            return null;
        }
        if (e instanceof Or o) {
            Set<String> a = constraint(o.a, prefix, kind);
            Set<String> b = constraint(o.b, prefix, kind);
            if (a == null || b == null) {
                return null;
            }
            Set<String> u = new HashSet<>(a);
            u.addAll(b);
            return u;
        }
        if (e instanceof And a) {
            Set<String> x = constraint(a.a, prefix, kind);
            Set<String> y = constraint(a.b, prefix, kind);
            if (x == null) {
                return y;
            }
            if (y == null) {
                return x;
            }
            Set<String> i = new HashSet<>(x);
            i.retainAll(y);
            return i;
        }
        if (e instanceof PathExpr p) {
            List<String> path = new ArrayList<>(prefix);
            Set<String> result = null;
            for (Step s : p.steps) {
                path.add(s.attribute ? "@" + s.name : s.name);
                for (Expr pred : s.predicates) {
                    Set<String> c = constraint(pred, path, kind);
                    if (c != null) {
                        result = result == null ? c : intersect(result, c);
                    }
                }
            }
            return result;
        }
        if (e instanceof Cmp c && c.op.equals("=") && c.a instanceof PathExpr p && c.b instanceof Literal l
                && p.steps.stream().allMatch(s -> s.predicates.isEmpty())) {
            List<String> path = new ArrayList<>(prefix);
            for (Step s : p.steps) {
                path.add(s.attribute ? "@" + s.name : s.name);
            }
            List<String> want = kind == Kind.PROVIDER ? List.of("System", "Provider", "@Name") : List.of("System", "EventID");
            if (path.equals(want)) {
                return Set.of(l.value);
            }
        }
        return null;
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> i = new HashSet<>(a);
        i.retainAll(b);
        return i;
    }

    private static Set<String> lower(Set<String> s) {
        Set<String> out = new HashSet<>();
        for (String x : s) {
            out.add(x.toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
