package dev.vsskit.cli.render;

import java.util.List;

/**
 * A list rendered batch by batch, for results too large to hold (the events of a 100 MB log): {@link #format}
 * turns a batch of rows into text on any thread (the EVTX reader calls it on its decoding threads), and
 * {@link #write} puts the formatted batches on stdout in order, without flushing each one. The output is the
 * same as {@link Renderer#list} of all the rows.
 */
public interface RowStream<T> {

    /** The text of a non-empty batch of rows; pure and thread-safe, writes nothing. */
    String format(List<T> rows);

    /** Writes the text of the next batch (from {@link #format}) in list order: {@link #before()}, then the batch. */
    void write(String formatted);

    /**
     * What goes before the next batch (the banner before the first in text, {@code [} or {@code ,} in JSON); for a
     * caller that writes the batch itself, already encoded, after printing this. Call once per batch.
     */
    String before();

    /** Writes what closes the list (or the empty-list form if no batch came) and flushes stdout. */
    void end();
}
