package dev.vsskit.ontap.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What to create: name, and optionally comment, SnapMirror label (1..31 characters) and expiry time. */
public record SnapshotSpec(String name, Optional<String> comment, Optional<String> snapmirrorLabel,
        Optional<Instant> expiryTime) {
    public SnapshotSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(comment, "comment");
        Objects.requireNonNull(snapmirrorLabel, "snapmirrorLabel");
        Objects.requireNonNull(expiryTime, "expiryTime");
        snapmirrorLabel.ifPresent(l -> {
            if (l.isEmpty() || l.length() > 31) {
                throw new IllegalArgumentException("a SnapMirror label has 1 to 31 characters, got '" + l + "'");
            }
        });
    }

    public static SnapshotSpec named(String name) {
        return new SnapshotSpec(name, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public SnapshotSpec withComment(String c) {
        return new SnapshotSpec(name, Optional.ofNullable(c), snapmirrorLabel, expiryTime);
    }

    public SnapshotSpec withLabel(String l) {
        return new SnapshotSpec(name, comment, Optional.ofNullable(l), expiryTime);
    }

    public SnapshotSpec withExpiry(Instant t) {
        return new SnapshotSpec(name, comment, snapmirrorLabel, Optional.ofNullable(t));
    }
}
