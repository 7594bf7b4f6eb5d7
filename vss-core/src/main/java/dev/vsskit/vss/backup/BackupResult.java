package dev.vsskit.vss.backup;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a backup ended: its name and catalog record, the snapshot set, each VM's outcome, the provider and
 * storage snapshot per volume, the commit time, the attempts it took, what retention deleted, and warnings:
 * what went wrong without making the backup unusable (a writer that failed after the snapshot set was
 * complete, e.g. at BackupComplete).
 */
public record BackupResult(
        String name,
        Status status,
        Instant started,
        Instant finished,
        boolean applicationConsistent,
        Optional<VssId> snapshotSetId,
        List<VmOutcome> vms,
        List<VolumeOutcome> volumes,
        Duration commitDuration,
        int attempts,
        Optional<HResult> failure,
        String message,
        List<String> retentionDeleted,
        List<String> warnings) {

    /** OK: every VM backed up; PARTIAL: some; FAILED: none; TRANSIENT: failed for a transient reason after the last try. */
    public enum Status { OK, PARTIAL, FAILED, TRANSIENT }

    public BackupResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        vms = List.copyOf(vms);
        volumes = List.copyOf(volumes);
        Objects.requireNonNull(commitDuration, "commitDuration");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(message, "message");
        retentionDeleted = List.copyOf(retentionDeleted);
        warnings = List.copyOf(warnings);
    }

    /** A result without warnings. */
    public BackupResult(String name, Status status, Instant started, Instant finished, boolean applicationConsistent,
            Optional<VssId> snapshotSetId, List<VmOutcome> vms, List<VolumeOutcome> volumes, Duration commitDuration,
            int attempts, Optional<HResult> failure, String message, List<String> retentionDeleted) {
        this(name, status, started, finished, applicationConsistent, snapshotSetId, vms, volumes, commitDuration,
                attempts, failure, message, retentionDeleted, List.of());
    }

    public record VmOutcome(String name, VssId id, boolean backedUp, String backupMethod, String detail) {
    }

    public record VolumeOutcome(String path, String providerName, VssId providerId, String storageVolume,
            String storageSnapshot) {
    }
}
