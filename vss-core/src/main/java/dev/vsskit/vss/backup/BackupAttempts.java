package dev.vsskit.vss.backup;

import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The attempts of one backup and its retries: each attempt runs under a journal note (so a process that
 * dies mid-attempt leaves something the next backup cleans up), is recorded in the catalog whatever its end,
 * and is retried after {@link RetryPolicy#waitBetween()} while it failed for a transient reason and tries
 * remain. A failed attempt that is retried is recorded as {@code <name>.tryN}; the last takes the name.
 */
final class BackupAttempts {

    private final BackupTarget target;
    private final BackupCatalog catalog;
    private final InflightJournal journal;
    private final Clock clock;
    private final Sleeper sleeper;
    private final VssBackupAttempt vss;
    private final StorageBackupAttempt storage;

    BackupAttempts(BackupTarget target, BackupCatalog catalog, InflightJournal journal, Clock clock, Sleeper sleeper) {
        this.target = target;
        this.catalog = catalog;
        this.journal = journal;
        this.clock = clock;
        this.sleeper = sleeper;
        this.vss = new VssBackupAttempt(target, catalog, journal, clock);
        this.storage = new StorageBackupAttempt(target, journal, clock);
    }

    /** Tries the plan until it succeeds, fails for good or the request's tries run out; the last attempt's result. */
    BackupResult run(BackupPlan plan, BackupRequest request, BackupListener listener) {
        int tries = request.retry().tries();
        BackupResult result = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            listener.attempt(attempt, tries);
            result = attempt(plan, request, attempt, tries, listener);
            if (result.status() != BackupResult.Status.TRANSIENT || attempt == tries) {
                break;
            }
            listener.retrying(attempt, result.message(), request.retry().waitBetween());
            try {
                sleeper.sleep(request.retry().waitBetween());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return result;
    }

    private BackupResult attempt(BackupPlan plan, BackupRequest request, int attempt, int tries,
            BackupListener listener) {
        // A failed attempt that will be retried is recorded under its own name; the last one takes the backup's name.
        String finalName = plan.backupName();
        Instant started = clock.instant();
        InflightJournal.Entry note = journal.begin(finalName, started);
        BackupResult r = plan.applicationConsistent()
                ? vss.run(plan, request, started, attempt, note, listener)
                : storage.run(plan, started, attempt, note);
        boolean retryFollows = r.status() == BackupResult.Status.TRANSIENT && attempt < tries;
        if (retryFollows) {
            r = BackupOutcomes.renamed(r, finalName + ".try" + attempt);
        }
        // Created, never replaced; until it is written, the note stays, so if writing it fails (a full disk)
        // the next backup removes what this attempt left rather than leaving snapshots no record names.
        boolean kept = r.status() == BackupResult.Status.OK || r.status() == BackupResult.Status.PARTIAL;
        catalog.create(toRecord(r, request, plan));
        if (!kept && !removeWhatTheFailedAttemptLeft(note, listener)) {
            return r; // the note stays: the next backup removes the rest once this process has ended
        }
        journal.end(note);
        return r;
    }

    /**
     * A failed attempt's record names none of its snapshots, so whatever its abort could not remove (a commit
     * that timed out here but went through on the cluster, an abort call that timed out) would be named by no
     * record. Look again from the attempt's note and remove it; false when that failed too.
     */
    private boolean removeWhatTheFailedAttemptLeft(InflightJournal.Entry note, BackupListener listener) {
        InflightJournal.Entry last = journal.reread(note);
        try {
            SetLeftovers.Removed removed = SetLeftovers.remove(target, last);
            if (removed.any()) {
                listener.warning("the failed attempt " + note.name() + " left " + removed.shadows()
                        + " shadow copies and " + removed.snapshots() + " storage snapshots; removed them");
            }
            return true;
        } catch (RuntimeException ex) {
            listener.warning("the failed attempt " + note.name() + " left snapshots that could not be removed yet ("
                    + ex.getMessage() + "); the next backup removes them");
            return false;
        }
    }

    private BackupRecord toRecord(BackupResult r, BackupRequest request, BackupPlan plan) {
        Map<String, BackupPlan.PlannedVolume> planned = plan.volumes().stream()
                .collect(Collectors.toMap(v -> v.path().toLowerCase(Locale.ROOT), v -> v, (a, b) -> a));
        Map<VssId, Provider> providers = target.host().providers().stream()
                .collect(Collectors.toMap(Provider::id, p -> p, (a, b) -> a));
        Map<String, VssId> shadowIds = new LinkedHashMap<>();
        if (r.snapshotSetId().isPresent()) {
            for (Shadow s : target.host().shadows()) {
                if (s.setId().equals(r.snapshotSetId().get())) {
                    shadowIds.put(s.originalVolumePath().toLowerCase(Locale.ROOT), s.shadowId());
                }
            }
        }
        List<BackupRecord.VolumeEntry> volumes = r.volumes().stream().map(v -> {
            BackupPlan.PlannedVolume p = planned.get(v.path().toLowerCase(Locale.ROOT));
            Provider prov = providers.get(v.providerId());
            return new BackupRecord.VolumeEntry(v.path(), shadowIds.getOrDefault(v.path().toLowerCase(Locale.ROOT),
                    VssId.NULL), v.providerName(), v.providerId(), p != null && p.hardwareExpected(),
                    prov != null && prov.type() == ProviderType.HARDWARE, v.storageVolume(), v.storageSnapshot());
        }).collect(Collectors.toList());
        List<BackupRecord.WriterEntry> writers = r.applicationConsistent()
                ? target.host().writers().stream().map(w -> new BackupRecord.WriterEntry(w.name(), w.writerId(),
                        w.state(), w.lastError())).collect(Collectors.toList())
                : List.of();
        List<String> vms = r.vms().stream().filter(BackupResult.VmOutcome::backedUp).map(BackupResult.VmOutcome::name)
                .collect(Collectors.toList());
        return new BackupRecord(r.name(), r.started(), r.finished(), request.dataset().map(DatasetName::value), vms,
                r.applicationConsistent(), r.snapshotSetId(), volumes, writers, r.commitDuration(),
                r.status() == BackupResult.Status.OK || r.status() == BackupResult.Status.PARTIAL, r.message());
    }
}
