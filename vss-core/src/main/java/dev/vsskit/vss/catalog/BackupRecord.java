package dev.vsskit.vss.catalog;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.verify.BackupFacts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one backup was: its name and time, the dataset and VMs it covered, the snapshot set, per volume
 * the provider and the storage snapshot that holds it, the writers' final states, how long the commit
 * held writes, and how it ended. The backup, restore and verify verbs read and write these.
 */
public record BackupRecord(
        String name,
        Instant started,
        Instant finished,
        Optional<String> dataset,
        List<String> vms,
        boolean applicationConsistent,
        Optional<VssId> snapshotSetId,
        List<VolumeEntry> volumes,
        List<WriterEntry> writers,
        Duration commitDuration,
        boolean succeeded,
        String outcome,
        List<VmVerification> deepVerification) {

    public BackupRecord {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a backup record needs a name");
        }
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(dataset, "dataset");
        vms = List.copyOf(vms);
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        volumes = List.copyOf(volumes);
        writers = List.copyOf(writers);
        Objects.requireNonNull(commitDuration, "commitDuration");
        Objects.requireNonNull(outcome, "outcome");
        deepVerification = List.copyOf(deepVerification);
    }

    /** A record not yet deep-verified. */
    public BackupRecord(String name, Instant started, Instant finished, Optional<String> dataset, List<String> vms,
            boolean applicationConsistent, Optional<VssId> snapshotSetId, List<VolumeEntry> volumes,
            List<WriterEntry> writers, Duration commitDuration, boolean succeeded, String outcome) {
        this(name, started, finished, dataset, vms, applicationConsistent, snapshotSetId, volumes, writers,
                commitDuration, succeeded, outcome, List.of());
    }

    /** This record with the latest deep verification of each VM in {@code results} (older ones of those VMs replaced). */
    public BackupRecord withDeepVerification(List<VmVerification> results) {
        List<VmVerification> merged = new java.util.ArrayList<>(deepVerification.stream()
                .filter(old -> results.stream().noneMatch(r -> r.vm().equalsIgnoreCase(old.vm()))).toList());
        merged.addAll(results);
        return new BackupRecord(name, started, finished, dataset, vms, applicationConsistent, snapshotSetId, volumes,
                writers, commitDuration, succeeded, outcome, merged);
    }

    /**
     * One VM's last {@code verify --deep}: when, through which access path, whether every check passed, the
     * bytes read and each check's name, status and evidence.
     */
    public record VmVerification(String vm, Instant verifiedAt, String access, boolean passed, long bytesRead,
            List<dev.vsskit.vss.verify.CheckResult> checks) {
        public VmVerification {
            Objects.requireNonNull(vm, "vm");
            Objects.requireNonNull(verifiedAt, "verifiedAt");
            Objects.requireNonNull(access, "access");
            checks = List.copyOf(checks);
        }
    }

    /** One volume of the backup: where it was, who took it, and the storage snapshot that holds it. */
    public record VolumeEntry(String volumePath, VssId shadowId, String providerName, VssId providerId,
            boolean hardwareExpected, boolean hardwareUsed, String storageVolume, String storageSnapshot) {
        public VolumeEntry {
            Objects.requireNonNull(volumePath, "volumePath");
            Objects.requireNonNull(shadowId, "shadowId");
            Objects.requireNonNull(providerName, "providerName");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(storageVolume, "storageVolume");
            Objects.requireNonNull(storageSnapshot, "storageSnapshot");
        }
    }

    /** A writer's state and last error when the backup ended. */
    public record WriterEntry(String name, VssId writerId, WriterState state, WriterError lastError) {
        public WriterEntry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(writerId, "writerId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(lastError, "lastError");
        }
    }

    /** The facts verification needs. */
    public BackupFacts toFacts() {
        return new BackupFacts(name, started, finished, succeeded, outcome, applicationConsistent, snapshotSetId,
                volumes.stream().map(v -> new BackupFacts.VolumeFact(v.volumePath(), v.providerName(), v.providerId(),
                        v.hardwareExpected(), v.hardwareUsed(), v.storageVolume(), v.storageSnapshot())).toList(),
                writers.stream().map(w -> new BackupFacts.WriterFact(w.name(), w.state(), w.lastError())).toList());
    }
}
