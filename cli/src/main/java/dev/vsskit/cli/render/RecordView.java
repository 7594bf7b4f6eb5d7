package dev.vsskit.cli.render;

import java.io.PrintWriter;
import java.util.List;

/**
 * How a kind of record looks in every output format: its fields (JSON objects, CSV columns) and its text
 * layout. Commands hand records and a view to a {@link Renderer}; they never format themselves.
 */
public interface RecordView<T> {

    /** JSON field names and CSV columns, in order. */
    List<Field<T>> fields();

    /** Writes the text layout of a non-empty list (the renderer prints the banner and the empty message). */
    void text(List<T> rows, PrintWriter out);
}
