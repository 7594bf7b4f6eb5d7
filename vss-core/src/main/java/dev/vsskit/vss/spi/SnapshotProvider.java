package dev.vsskit.vss.spi;

import dev.vsskit.vss.Provider;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;

/**
 * The provider contract the VSS coordinator drives (IVssProviderCreateSnapshotSet plus the
 * software/hardware/file-share specific calls), in the documented call order:
 * {@code isSupported} (AddToSnapshotSet) → {@code beginPrepareSnapshot} per volume →
 * {@code endPrepareSnapshots} → {@code preCommitSnapshots} → {@code commitSnapshots} (inside the 10 s
 * flush-and-hold window) → {@code postCommitSnapshots} → {@code preFinalCommitSnapshots} →
 * {@code postFinalCommitSnapshots}; {@code abortSnapshots} on any failure or cancel.
 *
 * <p>Failures are thrown as {@link dev.vsskit.vss.VssException} with the HRESULT the provider would
 * return (VSS_E_PROVIDER_VETO, VSS_E_OBJECT_NOT_FOUND, ...). Implementations must be safe to abort at
 * any point and must leave nothing behind after {@code abortSnapshots}.
 *
 * <p>The phases where many providers have nothing to do ({@code endPrepareSnapshots}, {@code preCommitSnapshots},
 * {@code postCommitSnapshots}, {@code preFinalCommitSnapshots}, {@code postFinalCommitSnapshots}) do nothing
 * unless a provider overrides them.
 */
public interface SnapshotProvider {

    /** Name, type, id and version, as registered. */
    Provider info();

    /**
     * IsVolumeSupported (software/system), AreLunsSupported (hardware: all LUNs of the volume or none),
     * IsPathSupported (file share).
     */
    boolean isSupported(VolumeTarget volume, SnapshotContext context);

    /**
     * {@link #isSupported} for several volumes, answered in their order. A provider that can decide for many
     * volumes in one round trip to its storage (one LUN inventory instead of one query per volume) overrides it;
     * the answers must be those {@code isSupported} would give for each volume at that moment.
     */
    default java.util.List<Boolean> areSupported(java.util.List<VolumeTarget> volumes, SnapshotContext context) {
        java.util.List<Boolean> out = new java.util.ArrayList<>(volumes.size());
        for (VolumeTarget v : volumes) {
            out.add(isSupported(v, context));
        }
        return out;
    }

    void beginPrepareSnapshot(VssId snapshotSetId, VssId snapshotId, VolumeTarget volume, SnapshotContext context);

    default void endPrepareSnapshots(VssId snapshotSetId) {
    }

    default void preCommitSnapshots(VssId snapshotSetId) {
    }

    /** Called while writes are held; must return well within 10 s. */
    void commitSnapshots(VssId snapshotSetId);

    default void postCommitSnapshots(VssId snapshotSetId, int snapshotsCount) {
    }

    default void preFinalCommitSnapshots(VssId snapshotSetId) {
    }

    default void postFinalCommitSnapshots(VssId snapshotSetId) {
    }

    /** Removes anything created for this set so far; must not throw for a set it does not know. */
    void abortSnapshots(VssId snapshotSetId);

    /** Deletes one committed shadow copy (DeleteSnapshots with VSS_OBJECT_SNAPSHOT). */
    void deleteSnapshot(VssId snapshotId);

    /**
     * The device or path name of a committed shadow copy (e.g.
     * {@code \\?\GLOBALROOT\Device\HarddiskVolumeShadowCopy7}, or {@code \\svm1\hvshare@{...}} for a share).
     */
    String shadowDeviceName(VssId snapshotId);

    /**
     * What the provider wants the requester to know about a set without failing it (a call it retried), each
     * note given once; the coordinator passes them on as warnings after every call of the set.
     */
    default java.util.List<String> drainNotes(VssId snapshotSetId) {
        return java.util.List.of();
    }
}
