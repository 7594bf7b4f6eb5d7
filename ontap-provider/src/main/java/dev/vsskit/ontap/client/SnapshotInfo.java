package dev.vsskit.ontap.client;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A volume Snapshot copy. Empty strings for unset text fields; {@code created} is EPOCH when not returned. */
public record SnapshotInfo(String uuid, String name, String volumeName, String volumeUuid, Instant created,
        String comment, String snapmirrorLabel, Optional<Instant> expiryTime, List<String> owners, String state) {
    public SnapshotInfo {
        owners = List.copyOf(owners);
    }

    public boolean busy() {
        return !owners.isEmpty();
    }
}
