package dev.vsskit.cli;

import java.io.OutputStream;
import java.nio.charset.Charset;

/**
 * Stdout as bytes, beside the {@link CliContext#out()} writer: a command that writes a lot (the events of a large
 * log) encodes its text on its worker threads and writes the bytes here, after flushing the writer.
 *
 * @param stream  the process's stdout, unbuffered
 * @param charset the charset the writer uses (the console's)
 */
public record StdoutBytes(OutputStream stream, Charset charset) {
}
