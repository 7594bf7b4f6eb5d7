package dev.vsskit.eventlog.query;

import dev.vsskit.eventlog.query.EventQuery.And;
import dev.vsskit.eventlog.query.EventQuery.Cmp;
import dev.vsskit.eventlog.query.EventQuery.Expr;
import dev.vsskit.eventlog.query.EventQuery.Func;
import dev.vsskit.eventlog.query.EventQuery.Literal;
import dev.vsskit.eventlog.query.EventQuery.Not;
import dev.vsskit.eventlog.query.EventQuery.Or;
import dev.vsskit.eventlog.query.EventQuery.PathExpr;
import dev.vsskit.eventlog.query.EventQuery.Step;
import java.util.ArrayList;
import java.util.List;

/** Recursive-descent parser of the event query subset; errors name the 1-based column. */
final class Parser {

    private final String s;
    private int i;

    Parser(String s) {
        this.s = s == null ? "" : s;
    }

    /** {@code *}, {@code *[expr]}, or a bare predicate expression (as Event Viewer also accepts). */
    Expr parseQuery() {
        skip();
        if (s.isBlank()) {
            throw error("empty query; use * for every event");
        }
        Expr e;
        if (peek('*')) {
            i++;
            skip();
            if (i == s.length()) {
                return null;
            }
            expect('[');
            e = or();
            expect(']');
        } else {
            e = or();
        }
        skip();
        if (i != s.length()) {
            throw error("unexpected '" + s.charAt(i) + "'");
        }
        return e;
    }

    private Expr or() {
        Expr e = and();
        while (keyword("or")) {
            e = new Or(e, and());
        }
        return e;
    }

    private Expr and() {
        Expr e = unary();
        while (keyword("and")) {
            e = new And(e, unary());
        }
        return e;
    }

    private Expr unary() {
        skip();
        int save = i;
        if (keyword("not")) {
            skip();
            if (peek('(')) {
                i++;
                Expr e = or();
                expect(')');
                return new Not(e);
            }
            i = save;
        }
        if (peek('(')) {
            i++;
            Expr e = or();
            expect(')');
            return e;
        }
        Expr left = operand();
        skip();
        String op = cmpOp();
        if (op == null) {
            return left;
        }
        Expr right = operand();
        return new Cmp(left, op, right);
    }

    private String cmpOp() {
        for (String op : new String[] {"!=", "<=", ">=", "=", "<", ">"}) {
            if (s.startsWith(op, i)) {
                i += op.length();
                return op;
            }
        }
        // The XML-escaped forms people paste from a QueryList.
        for (String[] op : new String[][] {{"&lt;=", "<="}, {"&gt;=", ">="}, {"&lt;", "<"}, {"&gt;", ">"}}) {
            if (s.startsWith(op[0], i)) {
                i += op[0].length();
                return op[1];
            }
        }
        return null;
    }

    private Expr operand() {
        skip();
        if (i >= s.length()) {
            throw error("expected a value, path or function, found the end of the query");
        }
        char c = s.charAt(i);
        if (c == '\'' || c == '"') {
            int end = s.indexOf(c, i + 1);
            if (end < 0) {
                throw error("string literal is not closed");
            }
            String v = s.substring(i + 1, end);
            i = end + 1;
            return new Literal(v, false);
        }
        if (Character.isDigit(c) || c == '-') {
            int start = i;
            i++;
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String v = s.substring(start, i);
            if (EventQuery.number(v) == null) {
                i = start;
                throw error("'" + v + "' is not a number");
            }
            return new Literal(v, true);
        }
        if (c == '@' || c == '*') {
            return path();
        }
        int start = i;
        String name = name();
        skip();
        if (peek('(') && (name.equals("timediff") || name.equals("band"))) {
            i++;
            List<Expr> args = new ArrayList<>();
            args.add(operand());
            skip();
            while (peek(',')) {
                i++;
                args.add(operand());
                skip();
            }
            expect(')');
            int want = name.equals("band") ? 2 : -1;
            if ((want > 0 && args.size() != want) || args.size() > 2) {
                i = start;
                throw error(name + "() takes " + (want > 0 ? "2 arguments" : "1 or 2 arguments"));
            }
            return new Func(name, args);
        }
        if (peek('(') && !name.equals("text")) {
            i = start;
            throw error("unsupported function " + name + "(); only timediff() and band() are in the subset");
        }
        i = start;
        return path();
    }

    private PathExpr path() {
        List<Step> steps = new ArrayList<>();
        do {
            skip();
            boolean attribute = false;
            if (peek('@')) {
                attribute = true;
                i++;
            }
            String name;
            if (!attribute && peek('*')) {
                i++;
                name = "*";
            } else {
                name = name();
                if (!attribute && name.equals("text") && s.startsWith("()", i)) {
                    i += 2;
                    name = "text()";
                }
            }
            List<Expr> predicates = new ArrayList<>();
            skip();
            while (!attribute && peek('[')) {
                i++;
                predicates.add(or());
                expect(']');
                skip();
            }
            steps.add(new Step(name, attribute, predicates));
            if (attribute) {
                break;
            }
        } while (consume('/'));
        return new PathExpr(steps);
    }

    private String name() {
        skip();
        int start = i;
        while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '-'
                || s.charAt(i) == '.' || s.charAt(i) == ':')) {
            i++;
        }
        if (start == i) {
            throw error(i < s.length() ? "unexpected '" + s.charAt(i) + "'" : "expected a name, found the end of the query");
        }
        return s.substring(start, i);
    }

    private boolean keyword(String k) {
        skip();
        if (s.startsWith(k, i) && (i + k.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + k.length())))
                && (k.equals("not") || i + k.length() == s.length() || !Character.isLetterOrDigit(s.charAt(i + k.length())))) {
            if (k.equals("not")) {
                int j = i + k.length();
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                if (j >= s.length() || s.charAt(j) != '(') {
                    return false;
                }
            }
            i += k.length();
            return true;
        }
        return false;
    }

    private boolean consume(char c) {
        skip();
        if (peek(c)) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        skip();
        if (!peek(c)) {
            throw error("expected '" + c + "'" + (i < s.length() ? " but found '" + s.charAt(i) + "'" : " but the query ended"));
        }
        i++;
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void skip() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private QueryParseException error(String problem) {
        return new QueryParseException(s, i + 1, problem);
    }
}
