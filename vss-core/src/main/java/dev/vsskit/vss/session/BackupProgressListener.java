package dev.vsskit.vss.session;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import java.time.Duration;

/**
 * Progress of a backup session, for a requester that wants to show it (engines never print). Every
 * method has a no-op default; calls arrive on the thread that drives the session.
 */
public interface BackupProgressListener {

    BackupProgressListener NONE = new BackupProgressListener() {
    };

    /** A VSS phase begins: "PrepareForBackup", "PrepareForSnapshot", "Freeze", "Commit", "Thaw", ... */
    default void phase(VssId snapshotSetId, String phase) {
    }

    /** The provider chosen for a volume added to the set. */
    default void providerSelected(VssId snapshotSetId, String volume, String providerName) {
    }

    /** A writer moved to a new state (including failure states with their error). */
    default void writerState(Writer writer) {
    }

    /** The providers released held writes after this long. */
    default void committed(VssId snapshotSetId, Duration commitDuration) {
    }

    /** Something went wrong while cleaning up (a provider abort or writer abort that failed); not fatal. */
    default void warning(String message) {
    }
}
