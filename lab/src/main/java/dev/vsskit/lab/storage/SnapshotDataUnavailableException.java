package dev.vsskit.lab.storage;

import java.io.IOException;

/**
 * A snapshot's bytes for a file can no longer be produced because the live file was changed outside the
 * volume store after the snapshot was taken (its size, times or identity differ from what the store
 * last recorded). Raised instead of returning bytes that might be wrong.
 */
final class SnapshotDataUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    public SnapshotDataUnavailableException(String message) {
        super(message);
    }
}
