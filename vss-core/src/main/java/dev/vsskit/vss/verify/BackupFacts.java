package dev.vsskit.vss.verify;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backup record says, as verification needs it. Built from a catalog record (on the lab, or a
 * record copied from a Windows host), so verify needs neither the lab nor VSS.
 */
public record BackupFacts(
        String name,
        Instant started,
        Instant finished,
        boolean succeeded,
        String outcome,
        boolean applicationConsistent,
        Optional<VssId> snapshotSetId,
        List<VolumeFact> volumes,
        List<WriterFact> writers) {

    public BackupFacts {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(finished, "finished");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        volumes = List.copyOf(volumes);
        writers = List.copyOf(writers);
    }

    /**
     * One volume of the backup: the provider that took it, whether the hardware provider was expected
     * (the volume is on an ONTAP LUN), and the storage snapshot that holds it.
     */
    public record VolumeFact(String volumePath, String providerName, VssId providerId, boolean hardwareExpected,
            boolean hardwareUsed, String storageVolume, String storageSnapshot) {
        public VolumeFact {
            Objects.requireNonNull(volumePath, "volumePath");
            Objects.requireNonNull(providerName, "providerName");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(storageVolume, "storageVolume");
            Objects.requireNonNull(storageSnapshot, "storageSnapshot");
        }
    }

    /** A writer's state at the end of the backup. */
    public record WriterFact(String name, WriterState state, WriterError lastError) {
        public WriterFact {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(lastError, "lastError");
        }
    }
}
