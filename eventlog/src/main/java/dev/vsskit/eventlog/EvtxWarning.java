package dev.vsskit.eventlog;

import java.nio.file.Path;

/**
 * Something in an EVTX file that was damaged or unexpected; the reader reports it and carries on.
 *
 * @param file       the file being read
 * @param chunk      chunk index in file order (-1 for the file header)
 * @param fileOffset absolute byte offset in the file where the problem was found
 * @param message    what is wrong, in one line
 */
public record EvtxWarning(Path file, int chunk, long fileOffset, String message) {

    @Override
    public String toString() {
        return file + ": " + (chunk < 0 ? "file header" : "chunk " + chunk) + " at offset 0x"
                + Long.toHexString(fileOffset) + ": " + message;
    }
}
