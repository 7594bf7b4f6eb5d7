package dev.vsskit.vss.backup;

import static dev.vsskit.vss.backup.BackupOutcomes.failed;
import static dev.vsskit.vss.backup.BackupOutcomes.problems;
import static dev.vsskit.vss.backup.BackupOutcomes.vmOutcomes;

import dev.vsskit.vss.FailureClasses;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Words;
import dev.vsskit.vss.store.SnapshotStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** One crash-consistent attempt: no VSS, one storage snapshot group across the plan's ONTAP volumes. */
final class StorageBackupAttempt {

    private final BackupTarget target;
    private final InflightJournal journal;
    private final Clock clock;

    StorageBackupAttempt(BackupTarget target, InflightJournal journal, Clock clock) {
        this.target = target;
        this.journal = journal;
        this.clock = clock;
    }

    BackupResult run(BackupPlan plan, Instant started, int attempt, InflightJournal.Entry note) {
        List<BackupPlan.PlannedVm> included = BackupOutcomes.included(plan);
        SnapshotStore store = target.storage().orElseThrow(() -> new IllegalStateException(
                "no ONTAP cluster is configured; a crash-consistent backup needs one (see docs/ontap.md)"));
        if (included.isEmpty()) {
            return failed(plan, started, clock.instant(), attempt, Optional.empty(), Optional.empty(),
                    "no VM can be backed up: " + problems(plan));
        }
        VssId group = VssId.random();
        String snapshot = plan.backupName() + "__" + group.bare();
        List<String> storageVolumes = plan.volumes().stream().map(BackupPlan.PlannedVolume::storageVolume).distinct()
                .collect(Collectors.toList());
        journal.update(note, "storage-snapshot", Optional.of(group), storageVolumes, snapshot);
        Instant t0 = clock.instant();
        try {
            store.createSnapshots(storageVolumes, snapshot, "vsskit backup " + plan.backupName());
        } catch (RuntimeException e) {
            BackupResult r = failed(plan, started, clock.instant(), attempt, Optional.of(group), Optional.empty(),
                    "the ONTAP snapshot failed: " + e.getMessage());
            return FailureClasses.retryable(e) ? BackupOutcomes.withStatus(r, BackupResult.Status.TRANSIENT) : r;
        }
        Duration commit = Duration.between(t0, clock.instant());
        List<BackupResult.VolumeOutcome> volumes = plan.volumes().stream()
                .map(v -> new BackupResult.VolumeOutcome(v.path(), "(none: ONTAP snapshot)", VssId.NULL,
                        v.storageVolume(), snapshot))
                .collect(Collectors.toList());
        Set<String> backedUp = included.stream().map(BackupPlan.PlannedVm::name).collect(Collectors.toSet());
        boolean partial = backedUp.size() < plan.vms().size();
        String message = backedUp.size() + " of " + Words.count(plan.vms().size(), "VM") + " backed up crash-consistent"
                + " in " + Words.count(storageVolumes.size(), "ONTAP snapshot") + " " + snapshot
                + (partial ? "; not backed up: " + problems(plan) : "");
        return new BackupResult(plan.backupName(), partial ? BackupResult.Status.PARTIAL : BackupResult.Status.OK,
                started, clock.instant(), false, Optional.of(group), vmOutcomes(plan, backedUp, ""), volumes, commit,
                attempt, Optional.empty(), message, List.of());
    }
}
