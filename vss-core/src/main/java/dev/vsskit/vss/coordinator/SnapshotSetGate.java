package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import java.util.concurrent.atomic.AtomicReference;

/**
 * VSS allows one snapshot set in creation at a time per host. {@link #enter} claims the host for a set
 * (or fails with VSS_E_SNAPSHOT_SET_IN_PROGRESS); {@link #leave} gives it back. The lab's gate also
 * works across processes (a marker file under {@code <lab>/vss/}).
 */
public interface SnapshotSetGate {

    void enter(VssId snapshotSetId);

    void leave(VssId snapshotSetId);

    /** A gate for one process. */
    static SnapshotSetGate inProcess() {
        AtomicReference<VssId> current = new AtomicReference<>();
        return new SnapshotSetGate() {
            @Override
            public void enter(VssId snapshotSetId) {
                if (!current.compareAndSet(null, snapshotSetId)) {
                    throw new VssException(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS,
                            "Another shadow copy creation is already in progress (snapshot set " + current.get()
                                    + "). Please wait a few moments and try again.");
                }
            }

            @Override
            public void leave(VssId snapshotSetId) {
                current.compareAndSet(snapshotSetId, null);
            }
        };
    }
}
