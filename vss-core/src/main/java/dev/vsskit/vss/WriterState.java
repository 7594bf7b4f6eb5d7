package dev.vsskit.vss;

/** VSS_WRITER_STATE with vssadmin's text; every failure state prints {@code Failed}. */
public enum WriterState {
    UNKNOWN(0, "Unknown"),
    STABLE(1, "Stable"),
    WAITING_FOR_FREEZE(2, "Waiting for freeze"),
    WAITING_FOR_THAW(3, "Frozen"),
    WAITING_FOR_POST_SNAPSHOT(4, "Waiting for post-snapshot"),
    WAITING_FOR_BACKUP_COMPLETE(5, "Waiting for completion"),
    FAILED_AT_IDENTIFY(6, "Failed"),
    FAILED_AT_PREPARE_BACKUP(7, "Failed"),
    FAILED_AT_PREPARE_SNAPSHOT(8, "Failed"),
    FAILED_AT_FREEZE(9, "Failed"),
    FAILED_AT_THAW(10, "Failed"),
    FAILED_AT_POST_SNAPSHOT(11, "Failed"),
    FAILED_AT_BACKUP_COMPLETE(12, "Failed"),
    FAILED_AT_PRE_RESTORE(13, "Failed"),
    FAILED_AT_POST_RESTORE(14, "Failed"),
    FAILED_AT_BACKUPSHUTDOWN(15, "Failed");

    private final int value;
    private final String text;

    WriterState(int value, String text) {
        this.value = value;
        this.text = text;
    }

    public int value() {
        return value;
    }

    /** The words vssadmin prints after the number: {@code [1] Stable}. */
    public String text() {
        return text;
    }

    public boolean isFailed() {
        return value >= 6;
    }

    /** Stable or waiting for completion: vshadow's "can be considered stable, ready for the next backup". */
    public boolean isStable() {
        return this == STABLE || this == WAITING_FOR_BACKUP_COMPLETE;
    }

    public static WriterState of(int value) {
        for (WriterState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
