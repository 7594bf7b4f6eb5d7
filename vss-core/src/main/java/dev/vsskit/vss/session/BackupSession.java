package dev.vsskit.vss.session;

import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import java.util.List;

/**
 * A requester's backup session, mirroring {@code IVssBackupComponents}:
 * <pre>
 * initializeForBackup → [setContext] → setBackupState → gatherWriterMetadata → addComponent…
 *   → startSnapshotSet → addToSnapshotSet… → prepareForBackup → doSnapshotSet → gatherWriterStatus
 *   → setBackupSucceeded… → backupComplete → saveAsXml
 * </pre>
 * A call out of this order fails with {@code VSS_E_BAD_STATE}. Failures are {@link dev.vsskit.vss.VssException}s
 * carrying the HRESULT VSS would return: when a writer fails a phase, the phase fails with that writer's
 * failure code (0x800423F0–F4) and the writer shows the matching {@code FAILED_AT_*} state in
 * {@link #gatherWriterStatus()}. A failed {@code doSnapshotSet} has already aborted the set: every provider
 * got abort, every writer was thawed, no shadow is left.
 *
 * <p>{@link #close()} before {@link #backupComplete()} aborts the set and thaws writers. Non-persistent
 * (backup-context) shadows are released on close; persistent ones survive it.
 */
public interface BackupSession extends AutoCloseable {

    /** InitializeForBackup: must be the first call. */
    void initializeForBackup();

    /** SetContext; only before {@link #gatherWriterMetadata()} and {@link #startSnapshotSet()}. Default BACKUP. */
    void setContext(SnapshotContext context);

    /** SetBackupState; only before {@link #gatherWriterMetadata()}. Default: select components, FULL. */
    void setBackupState(boolean selectComponents, boolean bootableSystemState, BackupType backupType,
            boolean partialFileSupport);

    /**
     * GatherWriterMetadata: sends Identify to every writer and returns the metadata of those that
     * answered. A writer that fails Identify is left out and shows {@code FAILED_AT_IDENTIFY}.
     */
    List<WriterMetadata> gatherWriterMetadata();

    /**
     * AddComponent: selects a component for backup. Fails with VSS_E_OBJECT_NOT_FOUND when no writer
     * that answered Identify has it, VSS_E_OBJECT_ALREADY_EXISTS when added twice.
     */
    void addComponent(VssId instanceId, VssId writerId, String logicalPath, String componentName);

    /** StartSnapshotSet; VSS_E_SNAPSHOT_SET_IN_PROGRESS when another set is being created on this host. */
    VssId startSnapshotSet();

    /**
     * AddToSnapshotSet: adds a volume ({@code C:\}, {@code C:}, a volume GUID name, a CSV mount point or
     * a share) and returns the new shadow's id. {@code providerId} {@link VssId#NULL} lets VSS choose.
     */
    VssId addToSnapshotSet(String volume, VssId providerId);

    /**
     * AddToSnapshotSet for each volume in order, with the same outcome as that many single calls (a failure on one
     * volume throws after the volumes before it were added); the new shadows' ids, in order. An implementation may
     * ask the providers about all the volumes at once.
     */
    default java.util.List<VssId> addToSnapshotSet(java.util.List<String> volumes, VssId providerId) {
        java.util.List<VssId> ids = new java.util.ArrayList<>(volumes.size());
        for (String v : volumes) {
            ids.add(addToSnapshotSet(v, providerId));
        }
        return ids;
    }

    /** PrepareForBackup: sends PrepareForBackup to writers. */
    void prepareForBackup();

    /** DoSnapshotSet: PrepareForSnapshot, Freeze, provider commit, Thaw, PostSnapshot. */
    SnapshotSetResult doSnapshotSet();

    /** GatherWriterStatus + GetWriterStatus: every writer known to this session, with state and last error. */
    List<Writer> gatherWriterStatus();

    /**
     * The selected components whose writers reported them failed while the set went on (after DoSnapshotSet;
     * IVssComponentEx2::GetFailure). Empty by default: writers that fail a component fail the whole set.
     */
    default List<ComponentFailure> componentFailures() {
        return List.of();
    }

    /** SetBackupSucceeded for one selected component; only after {@link #doSnapshotSet()}. */
    void setBackupSucceeded(VssId instanceId, VssId writerId, String logicalPath, String componentName,
            boolean succeeded);

    /** BackupComplete: sends BackupComplete to writers; the session is then complete. */
    void backupComplete();

    /** SaveAsXML: the Backup Components Document of this session (see {@link BackupComponentsDocument}). */
    String saveAsXml();

    /** AbortBackup: aborts the set (providers abort, writers thaw) and releases its shadows. */
    void abortBackup();

    /** The snapshot set id, once started. */
    VssId snapshotSetId();

    @Override
    void close();
}
