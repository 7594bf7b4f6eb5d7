package dev.vsskit.lab.storage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A point-in-time copy of a lab volume store: its id, when it was taken, and the files it holds. */
public record VolumeSnapshot(String id, Instant created, List<SnapshotFile> files) {
    public VolumeSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        files = List.copyOf(files);
    }

    public long totalBytes() {
        return files.stream().mapToLong(SnapshotFile::size).sum();
    }
}
