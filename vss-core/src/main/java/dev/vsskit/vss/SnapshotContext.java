package dev.vsskit.vss;

import java.util.Locale;
import java.util.Optional;

/**
 * VSS_SNAPSHOT_CONTEXT values, with the {@code Type:} word vssadmin prints for shadows of that context.
 * A context is also a set of {@link VolumeSnapshotAttributes} bits.
 */
public enum SnapshotContext {
    BACKUP(0x0, "Backup"),
    FILE_SHARE_BACKUP(0x10, "FileShareBackup"),
    NAS_ROLLBACK(0x19, "NASRollback"),
    APP_ROLLBACK(0x9, "ApplicationRollback"),
    CLIENT_ACCESSIBLE(0x1d, "ClientAccessible"),
    CLIENT_ACCESSIBLE_WRITERS(0xd, "ClientAccessibleWriters");

    /** VSS_CTX_ALL: used only in queries. */
    public static final int ALL = 0xffffffff;

    private final int value;
    private final String typeName;

    SnapshotContext(int value, String typeName) {
        this.value = value;
        this.typeName = typeName;
    }

    public int value() {
        return value;
    }

    /** The word vssadmin prints after {@code Type:}. */
    public String typeName() {
        return typeName;
    }

    public VolumeSnapshotAttributes attributes() {
        return new VolumeSnapshotAttributes(value);
    }

    /** Persistent shadows survive the requester; non-persistent ones are released with the session. */
    public boolean isPersistent() {
        return (value & VolumeSnapshotAttributes.PERSISTENT) != 0;
    }

    public static Optional<SnapshotContext> of(int value) {
        for (SnapshotContext c : values()) {
            if (c.value == value) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Accepts enum names, vssadmin type words and hyphen/underscore variants, case-insensitively. */
    public static Optional<SnapshotContext> parse(String text) {
        String t = text.trim().replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        for (SnapshotContext c : values()) {
            if (c.name().replace("_", "").toLowerCase(Locale.ROOT).equals(t)
                    || c.typeName.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
