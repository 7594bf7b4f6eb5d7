package dev.vsskit.eventlog.query;

/** A query that is not in the supported XPath subset; {@link #column()} is 1-based. */
public final class QueryParseException extends IllegalArgumentException {

    private final int column;

    QueryParseException(String query, int column, String problem) {
        super("query error at column " + column + ": " + problem + "\n  " + query + "\n  " + " ".repeat(Math.max(0, column - 1)) + "^");
        this.column = column;
    }

    public int column() {
        return column;
    }
}
