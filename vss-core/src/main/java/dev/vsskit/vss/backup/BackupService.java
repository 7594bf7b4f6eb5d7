package dev.vsskit.vss.backup;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The SnapManager for Hyper-V backup: resolve the VMs, plan files → volumes → providers, take one
 * snapshot set through VSS (application-consistent) or one storage snapshot group directly
 * (crash-consistent), record it in the catalog, retry transient failures, then apply retention.
 *
 * <p>Nothing is left half done: a failed attempt is aborted by its session (providers abort, writers
 * thaw), recorded as failed, and a process that dies mid-backup leaves a journal note that the next
 * backup uses to clean up.
 *
 * <p>This class is the facade callers use; each job is its own class: {@link BackupPlanner} (VM
 * resolution, the plan, the name), {@link BackupAttempts} (attempts and retries, with
 * {@link VssBackupAttempt} and {@link StorageBackupAttempt}), {@link Retention} and {@link BackupDeleter}
 * (retention and deletion), {@link DeadRunRecovery} (cleaning up after dead runs).
 */
public final class BackupService {

    public static final VssId HYPER_V_WRITER = VssId.parse("{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}");
    /** The Cluster Shared Volume VSS Writer: on a cluster node, it reports the VMs the other nodes own. */
    public static final VssId CSV_WRITER = VssId.parse("{1072ae1c-e5a7-4ea1-9e4a-6f7964656570}");

    private final BackupTarget target;
    private final BackupPlanner planner;
    private final BackupAttempts attempts;
    private final BackupDeleter deleter;
    private final Retention retention;
    private final DeadRunRecovery recovery;

    public BackupService(BackupTarget target, BackupCatalog catalog, Clock clock, Sleeper sleeper) {
        InflightJournal journal = new InflightJournal(catalog.dir());
        this.target = target;
        this.planner = new BackupPlanner(target, catalog, clock);
        this.attempts = new BackupAttempts(target, catalog, journal, clock, sleeper);
        this.deleter = new BackupDeleter(target, catalog);
        this.retention = new Retention(catalog, deleter, clock);
        this.recovery = new DeadRunRecovery(target, catalog, journal);
    }

    /** Resolves the request into a plan without taking any snapshot. Unknown VMs are an error. */
    public BackupPlan plan(BackupRequest request, List<Dataset> datasets) {
        return planner.plan(request, datasets);
    }

    /** Runs the backup with its retries and retention. Input errors throw IllegalArgumentException before anything changes. */
    public BackupResult run(BackupRequest request, List<Dataset> datasets, BackupListener listener) {
        List<String> recovered = recovery.recoverDeadRuns(listener);
        BackupPlan plan = planner.plan(request, datasets);
        try (BackupCatalog.Reservation name = planner.reserveName(plan.backupName(), request.name().isPresent())) {
            BackupPlan named = BackupPlanner.withName(plan, name.name());
            listener.planned(named);
            BackupResult result = attempts.run(named, request, listener);
            if (result.status() == BackupResult.Status.OK || result.status() == BackupResult.Status.PARTIAL) {
                result = retention.apply(result, request, listener);
            }
            if (!recovered.isEmpty()) {
                result = BackupOutcomes.withMessage(result, result.message() + " (cleaned up after a dead run: "
                        + String.join("; ", recovered) + ")");
            }
            return result;
        }
    }

    /** What {@link #delete} removed: the backup's name, how many volumes its record named, its snapshot set. */
    public record Deleted(String name, int volumes, Optional<VssId> snapshotSetId, boolean recordWasCorrupt) {
    }

    /**
     * Deletes a backup: its shadows (and with them the storage snapshots their provider made), any storage
     * snapshot it names that is still there, then its record. Safe to repeat after a crash in between. A
     * corrupt record is deleted too, with whatever it still names that can be read.
     */
    public Deleted delete(String name) {
        return deleter.delete(name);
    }

    /** Cleans up after backup processes that died: their shadows, storage snapshots and journal notes. */
    List<String> recoverDeadRuns(BackupListener listener) {
        return recovery.recoverDeadRuns(listener);
    }
}
