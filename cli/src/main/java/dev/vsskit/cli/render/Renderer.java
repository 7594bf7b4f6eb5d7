package dev.vsskit.cli.render;

import java.util.List;

/** Turns records into one output format on stdout. */
public interface Renderer {

    /** Renders a list (an empty list is valid output: {@code []}, a header row, or vssadmin's empty message). */
    <T> void list(RecordView<T> view, List<T> rows);

    /** Starts a list whose rows arrive in batches, formatted in parallel and written in order. */
    <T> RowStream<T> stream(RecordView<T> view);

    /** Renders one record: an object in JSON, one row in CSV, one block in text. */
    <T> void single(RecordView<T> view, T row);
}
