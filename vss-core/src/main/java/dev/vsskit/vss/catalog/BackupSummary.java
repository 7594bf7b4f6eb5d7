package dev.vsskit.vss.catalog;

import dev.vsskit.vss.VssId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the catalog index keeps of a backup record: what {@code list backups} shows and what retention and
 * {@code restore --backup latest} choose by, so none of them reads every record file. {@code ontapSnapshots}
 * are {@code volume:snapshot}, each once, in the record's order.
 */
public record BackupSummary(String name, Instant started, Optional<String> dataset, List<String> vms,
        boolean applicationConsistent, Optional<VssId> snapshotSetId, Duration commitDuration,
        List<String> ontapSnapshots, boolean succeeded, String outcome) {

    public BackupSummary {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(dataset, "dataset");
        vms = List.copyOf(vms);
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        Objects.requireNonNull(commitDuration, "commitDuration");
        ontapSnapshots = List.copyOf(ontapSnapshots);
        Objects.requireNonNull(outcome, "outcome");
    }

    public static BackupSummary of(BackupRecord r) {
        return new BackupSummary(r.name(), r.started(), r.dataset(), r.vms(), r.applicationConsistent(),
                r.snapshotSetId(), r.commitDuration(), r.volumes().stream().filter(v -> !v.storageSnapshot().isEmpty())
                        .map(v -> v.storageVolume() + ":" + v.storageSnapshot()).distinct().toList(),
                r.succeeded(), r.outcome());
    }

    /** True when the backup holds the VM (names compare ignoring case, as Hyper-V's do). */
    public boolean holds(String vm) {
        return vms.stream().anyMatch(v -> v.equalsIgnoreCase(vm));
    }
}
