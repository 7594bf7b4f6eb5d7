package dev.vsskit.vss.backup;

import dev.vsskit.vss.session.BackupProgressListener;
import java.time.Duration;

/** Progress of a whole backup (attempts, retries, retention, recovery) on top of the VSS session's progress. */
public interface BackupListener extends BackupProgressListener {

    BackupListener NONE = new BackupListener() {
    };

    default void planned(BackupPlan plan) {
    }

    default void attempt(int attempt, int of) {
    }

    /** The attempt failed for a transient reason; the next starts after {@code wait}. */
    default void retrying(int attempt, String reason, Duration wait) {
    }

    default void retentionDeleted(String backupName) {
    }

    /** Something a previous, dead run left behind was found and cleaned up. */
    default void recovered(String what) {
    }
}
