package dev.vsskit.ontap.client;

import java.time.Instant;
import java.util.Optional;

/** A snapshot PATCH: new name, comment, SnapMirror label, expiry time; empty means unchanged. */
public record SnapshotChange(Optional<String> name, Optional<String> comment, Optional<String> snapmirrorLabel,
        Optional<Instant> expiryTime) {

    public static SnapshotChange rename(String newName) {
        return new SnapshotChange(Optional.of(newName), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static SnapshotChange comment(String comment) {
        return new SnapshotChange(Optional.empty(), Optional.of(comment), Optional.empty(), Optional.empty());
    }

    public static SnapshotChange label(String label) {
        return new SnapshotChange(Optional.empty(), Optional.empty(), Optional.of(label), Optional.empty());
    }

    public static SnapshotChange expiry(Instant t) {
        return new SnapshotChange(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(t));
    }
}
