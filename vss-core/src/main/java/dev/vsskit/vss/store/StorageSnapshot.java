package dev.vsskit.vss.store;

import java.time.Instant;
import java.util.Objects;

/** A point-in-time copy of a storage volume (ONTAP Snapshot copy). Empty strings where unset. */
public record StorageSnapshot(String volume, String name, String uuid, Instant created, String comment,
        String snapmirrorLabel) {
    public StorageSnapshot {
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(snapmirrorLabel, "snapmirrorLabel");
    }
}
