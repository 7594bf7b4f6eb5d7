package dev.vsskit.vss.session;

import dev.vsskit.vss.Writer;
import java.util.List;

/**
 * A requester's restore session, mirroring {@code IVssBackupComponents} initialised for restore:
 * <pre>
 * initializeForRestore(Backup Components Document) → gatherWriterMetadata → preRestore
 *   → (the requester puts the files back) → postRestore
 * </pre>
 * A call out of this order fails with {@code VSS_E_BAD_STATE}. The components restored are the ones the
 * document recorded as backed up; a backup that did not select components (diskshadow's default) covers
 * every component whose files all lie on volumes of its snapshot set (a file lies on its nearest folder that
 * is a volume), as the writers report their components when the restore gathers their metadata.
 *
 * <p>When a writer fails PreRestore, the writers that already got PreRestore get PostRestore, the failing
 * writer shows {@code FAILED_AT_PRE_RESTORE} with its error, and the writer's HRESULT is thrown: no restore
 * is left in progress. {@link #close()} between {@link #preRestore()} and {@link #postRestore()} abandons the
 * restore: every writer that got PreRestore still gets PostRestore, so none is left mid-restore (the Hyper-V
 * writer would otherwise leave the VMs removed).
 */
public interface RestoreSession extends AutoCloseable {

    /** InitializeForRestore: must be the first call; VSS_E_CORRUPT_XML_DOCUMENT / VSS_E_INVALID_XML_DOCUMENT for a bad document. */
    void initializeForRestore(String backupComponentsXml);

    /** The document the session was initialised from. */
    BackupComponentsDocument document();

    /**
     * GatherWriterMetadata: Identify to every writer (a writer failing it shows {@code FAILED_AT_IDENTIFY}), then
     * the components to restore are fixed. VSS_E_WRITER_NOT_RESPONDING when a writer of a recorded component did
     * not answer, VSS_E_OBJECT_NOT_FOUND when its writer no longer has the component.
     */
    List<WriterMetadata> gatherWriterMetadata();

    /** The components this restore covers (known after {@link #gatherWriterMetadata()}), in writer order. */
    List<SelectedComponent> components();

    /** PreRestore to every writer with components in the restore. */
    void preRestore();

    /** PostRestore to the same writers; the restore is then complete. */
    void postRestore();

    /** True between a successful {@link #preRestore()} and {@link #postRestore()} (or {@link #close()}). */
    boolean restoreInProgress();

    /** GatherWriterStatus + GetWriterStatus: every writer of the host, with state and last error. */
    List<Writer> gatherWriterStatus();

    /** Abandons a restore in progress (PostRestore to the writers that got PreRestore); idempotent. */
    @Override
    void close();
}
