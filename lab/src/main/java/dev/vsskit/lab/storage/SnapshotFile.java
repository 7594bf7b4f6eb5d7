package dev.vsskit.lab.storage;

import java.util.Objects;

/**
 * One file as a snapshot recorded it: its path (relative, '/' separated), size, and the stamp of the
 * live file at snapshot time (modification time, change time, file key) plus the store's file id and
 * lineage, which together prove that later live bytes still descend from the snapshot's bytes.
 */
public record SnapshotFile(String path, long size, long mtimeNanos, long ctimeNanos, String fileKey, long fileId,
        long lineage) {
    public SnapshotFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fileKey, "fileKey");
    }

    long blockCount(int blockSize) {
        return (size + blockSize - 1) / blockSize;
    }
}
