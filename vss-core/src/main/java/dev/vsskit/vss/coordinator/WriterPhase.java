package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.WriterState;
import java.util.Locale;
import java.util.Optional;

/** The writer events VSS sends, each with the state a writer lands in when it fails that event. */
public enum WriterPhase {
    IDENTIFY("Identify", WriterState.FAILED_AT_IDENTIFY),
    PREPARE_BACKUP("PrepareForBackup", WriterState.FAILED_AT_PREPARE_BACKUP),
    PREPARE_SNAPSHOT("PrepareForSnapshot", WriterState.FAILED_AT_PREPARE_SNAPSHOT),
    FREEZE("Freeze", WriterState.FAILED_AT_FREEZE),
    THAW("Thaw", WriterState.FAILED_AT_THAW),
    POST_SNAPSHOT("PostSnapshot", WriterState.FAILED_AT_POST_SNAPSHOT),
    BACKUP_COMPLETE("BackupComplete", WriterState.FAILED_AT_BACKUP_COMPLETE),
    PRE_RESTORE("PreRestore", WriterState.FAILED_AT_PRE_RESTORE),
    POST_RESTORE("PostRestore", WriterState.FAILED_AT_POST_RESTORE);

    private final String eventName;
    private final WriterState failedState;

    WriterPhase(String eventName, WriterState failedState) {
        this.eventName = eventName;
        this.failedState = failedState;
    }

    /** The VSS event name ({@code Freeze}, {@code PrepareForSnapshot}, ...). */
    public String eventName() {
        return eventName;
    }

    public WriterState failedState() {
        return failedState;
    }

    /** Accepts {@code freeze}, {@code prepare-snapshot}, {@code PREPARE_SNAPSHOT}, {@code PrepareForSnapshot}. */
    public static Optional<WriterPhase> parse(String text) {
        String t = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (WriterPhase p : values()) {
            if (p.name().replace("_", "").toLowerCase(Locale.ROOT).equals(t)
                    || p.eventName.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
