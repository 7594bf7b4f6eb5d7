package dev.vsskit.vss.session;

import java.util.Locale;
import java.util.Optional;

/** VSS_BACKUP_TYPE: what the requester tells writers the backup is (a full backup lets writers truncate logs). */
public enum BackupType {
    UNDEFINED(0),
    FULL(1),
    INCREMENTAL(2),
    DIFFERENTIAL(3),
    LOG(4),
    COPY(5),
    OTHER(6);

    private final int value;

    BackupType(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static Optional<BackupType> parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        for (BackupType b : values()) {
            if (b.name().equals(t)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
