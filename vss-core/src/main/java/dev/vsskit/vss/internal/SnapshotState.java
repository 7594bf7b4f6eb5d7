package dev.vsskit.vss.internal;

/** VSS_SNAPSHOT_STATE. */
enum SnapshotState {
    UNKNOWN(0), PREPARING(1), PROCESSING_PREPARE(2), PREPARED(3), PROCESSING_PRECOMMIT(4),
    PRECOMMITTED(5), PROCESSING_COMMIT(6), COMMITTED(7), PROCESSING_POSTCOMMIT(8),
    PROCESSING_PREFINALCOMMIT(9), PREFINALCOMMITTED(10), PROCESSING_POSTFINALCOMMIT(11), CREATED(12),
    ABORTED(13), DELETED(14), POSTCOMMITTED(15);

    private final int value;

    SnapshotState(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static SnapshotState of(int value) {
        for (SnapshotState s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return UNKNOWN;
    }
}
