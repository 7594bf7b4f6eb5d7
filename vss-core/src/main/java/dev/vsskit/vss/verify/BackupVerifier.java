package dev.vsskit.vss.verify;

import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Proves, from the backup record, the storage and the event log, that a backup is what it claims:
 * the record succeeded, its snapshots exist, the ONTAP hardware provider took the volumes it should
 * have, the provider logged 4089 for this snapshot set within the limit, it logged no 4364, and every
 * writer ended stable. Each check is named and carries its evidence.
 */
public final class BackupVerifier {

    public static final String RECORD = "backup record succeeded";
    public static final String SNAPSHOTS = "snapshots exist on the storage";
    public static final String HARDWARE = "hardware provider used";
    public static final String COMMIT_EVENT = "provider event 4089 within the commit limit";
    public static final String NO_4364 = "no provider event 4364";
    public static final String WRITERS = "writers ended stable";

    static final String ADVICE_4364 = "NetApp: event 4364 means the commit exceeded the 10-second VSS limit; "
            + "this is usually transient (storage latency, many LUNs in one set, busy volumes): retry the backup.";

    private final Clock clock;

    public BackupVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param store where the snapshots should be, or empty when the storage cannot be reached (the check
     *        is then skipped, saying why)
     * @param events the provider events read from the log, or empty when no event source was given
     */
    public VerificationReport verify(BackupFacts backup, Optional<SnapshotStore> store,
            Optional<List<CommitEvent>> events, Duration maxCommit) {
        Instant start = clock.instant();
        List<CheckResult> checks = new ArrayList<>();
        checks.add(record(backup));
        checks.add(snapshots(backup, store));
        checks.add(hardware(backup));
        checks.addAll(eventChecks(backup, events, maxCommit));
        checks.add(writers(backup));
        return new VerificationReport(backup.name(), start, Duration.between(start, clock.instant()), checks);
    }

    private static CheckResult record(BackupFacts b) {
        if (b.succeeded()) {
            return CheckResult.pass(RECORD, "backup " + b.name() + " finished " + b.finished() + ": " + b.outcome());
        }
        return CheckResult.fail(RECORD, "backup " + b.name() + " did not succeed: " + b.outcome(),
                "Look at the backup's errors (vsskit list backups --output json) and run the backup again.");
    }

    private static CheckResult snapshots(BackupFacts b, Optional<SnapshotStore> store) {
        if (b.volumes().isEmpty()) {
            return CheckResult.fail(SNAPSHOTS, "the record names no snapshot", "The backup took no snapshot; run it again.");
        }
        if (store.isEmpty()) {
            return new CheckResult(SNAPSHOTS, CheckStatus.SKIP, "storage not reachable from here",
                    "Give the ONTAP cluster (see docs/ontap.md) to check the snapshots too.");
        }
        Map<String, Set<String>> byVolume = new HashMap<>();
        List<String> missing = new ArrayList<>();
        List<String> found = new ArrayList<>();
        List<String> notOnStorage = new ArrayList<>();
        for (BackupFacts.VolumeFact v : b.volumes()) {
            if (v.storageVolume().isEmpty() || v.storageSnapshot().isEmpty()) {
                notOnStorage.add(v.volumePath() + " (shadow copy by '" + v.providerName() + "', not an ONTAP snapshot)");
                continue;
            }
            Set<String> names = byVolume.computeIfAbsent(v.storageVolume(), vol -> store.get().snapshots(vol).stream()
                    .map(StorageSnapshot::name).collect(Collectors.toSet()));
            String what = v.storageVolume() + ":" + v.storageSnapshot();
            (names.contains(v.storageSnapshot()) ? found : missing).add(what);
        }
        String others = notOnStorage.isEmpty() ? "" : "; not on the storage: " + String.join(", ", notOnStorage);
        if (found.isEmpty() && missing.isEmpty()) {
            return new CheckResult(SNAPSHOTS, CheckStatus.SKIP, "no volume of this backup has an ONTAP snapshot" + others,
                    "");
        }
        if (missing.isEmpty()) {
            return CheckResult.pass(SNAPSHOTS, "found " + String.join(", ", found) + " on " + store.get().describe()
                    + others);
        }
        return CheckResult.fail(SNAPSHOTS, "missing on " + store.get().describe() + ": " + String.join(", ", missing),
                "The snapshot was deleted or never committed; this backup cannot be restored. Take a new backup.");
    }

    private static CheckResult hardware(BackupFacts b) {
        if (!b.applicationConsistent()) {
            return new CheckResult(HARDWARE, CheckStatus.SKIP,
                    "crash-consistent backup: the ONTAP volumes were snapshotted directly, without VSS", "");
        }
        List<String> wrong = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (BackupFacts.VolumeFact v : b.volumes()) {
            if (!v.hardwareExpected()) {
                continue;
            }
            (v.hardwareUsed() ? right : wrong).add(v.volumePath() + " by '" + v.providerName() + "'");
        }
        if (right.isEmpty() && wrong.isEmpty()) {
            return new CheckResult(HARDWARE, CheckStatus.SKIP, "no volume of this backup is on an ONTAP LUN", "");
        }
        if (wrong.isEmpty()) {
            return CheckResult.pass(HARDWARE, "shadow copied " + String.join(", ", right));
        }
        return CheckResult.fail(HARDWARE, "hardware provider not used: " + String.join(", ", wrong),
                "Check that the Data ONTAP VSS Hardware Provider is registered (vsskit list providers) and supports"
                        + " the LUN, and do not name another provider for ONTAP volumes.");
    }

    private static List<CheckResult> eventChecks(BackupFacts b, Optional<List<CommitEvent>> events, Duration max) {
        if (!b.applicationConsistent()) {
            String why = "crash-consistent backup: no VSS, so no provider events";
            return List.of(new CheckResult(COMMIT_EVENT, CheckStatus.SKIP, why, ""),
                    new CheckResult(NO_4364, CheckStatus.SKIP, why, ""));
        }
        if (events.isEmpty()) {
            String advice = "Give the Application log: --events live on Windows, or --events FILE.evtx|DIR.";
            return List.of(new CheckResult(COMMIT_EVENT, CheckStatus.SKIP, "no event source given", advice),
                    new CheckResult(NO_4364, CheckStatus.SKIP, "no event source given", advice));
        }
        if (b.snapshotSetId().isEmpty()) {
            return List.of(CheckResult.fail(COMMIT_EVENT, "the record has no snapshot set id",
                    "The record is incomplete; take a new backup."),
                    new CheckResult(NO_4364, CheckStatus.SKIP, "the record has no snapshot set id", ""));
        }
        var set = b.snapshotSetId().get();
        boolean hardwareUsed = b.volumes().stream().anyMatch(BackupFacts.VolumeFact::hardwareUsed);
        List<CommitEvent> done = events.get().stream()
                .filter(e -> e.eventId() == CommitEvent.COMMIT_DONE && e.isFor(set)).collect(Collectors.toList());
        List<CommitEvent> slow = events.get().stream()
                .filter(e -> e.eventId() == CommitEvent.COMMIT_TOO_SLOW && e.isFor(set)).collect(Collectors.toList());

        CheckResult commit;
        if (!done.isEmpty()) {
            List<String> over = new ArrayList<>();
            for (CommitEvent e : done) {
                if (e.milliseconds().isEmpty() || e.milliseconds().getAsLong() > max.toMillis()) {
                    over.add(e.describe() + (e.milliseconds().isPresent() ? ": " + e.milliseconds().getAsLong()
                            + " ms" : ": no duration in the event"));
                }
            }
            if (over.isEmpty()) {
                CommitEvent e = done.get(0);
                commit = CheckResult.pass(COMMIT_EVENT, e.describe() + ": CommitSnapshots for " + set + " in "
                        + e.milliseconds().getAsLong() + " ms (limit " + max.toMillis() + " ms)");
            } else {
                commit = CheckResult.fail(COMMIT_EVENT, "over the limit of " + max.toMillis() + " ms: "
                        + String.join("; ", over), ADVICE_4364);
            }
        } else if (hardwareUsed || !slow.isEmpty()) {
            commit = CheckResult.fail(COMMIT_EVENT, "no event 4089 (Navssprv/Navsssv) names snapshot set " + set
                            + " among " + events.get().size() + " provider events read"
                            + (slow.isEmpty() ? "" : "; the provider logged 4364 instead"),
                    slow.isEmpty() ? "The hardware provider did not commit this set, or the log does not cover the"
                            + " backup's time (exported too early, or overwritten): export the Application log after"
                            + " the backup." : ADVICE_4364);
        } else {
            commit = new CheckResult(COMMIT_EVENT, CheckStatus.SKIP,
                    "the hardware provider took no volume of this backup", "");
        }
        CheckResult no4364 = slow.isEmpty()
                ? CheckResult.pass(NO_4364, "no event 4364 names snapshot set " + set)
                : CheckResult.fail(NO_4364, slow.stream().map(CommitEvent::describe).collect(Collectors.joining("; ")),
                        ADVICE_4364);
        return List.of(commit, no4364);
    }

    private static CheckResult writers(BackupFacts b) {
        if (!b.applicationConsistent()) {
            return new CheckResult(WRITERS, CheckStatus.SKIP, "crash-consistent backup: no VSS writers took part", "");
        }
        List<String> bad = b.writers().stream().filter(w -> !w.state().isStable())
                .map(w -> "'" + w.name() + "' [" + w.state().value() + "] " + w.state().text() + ", last error: "
                        + w.lastError().text())
                .collect(Collectors.toList());
        if (b.writers().isEmpty()) {
            return CheckResult.fail(WRITERS, "the record names no writer", "The record is incomplete; take a new backup.");
        }
        if (bad.isEmpty()) {
            return CheckResult.pass(WRITERS, b.writers().size() + " writers stable: " + b.writers().stream()
                    .map(BackupFacts.WriterFact::name).collect(Collectors.joining(", ")));
        }
        return CheckResult.fail(WRITERS, String.join("; ", bad),
                "Restart the service that owns the failed writer (Hyper-V: vmms) and retry the backup.");
    }
}
