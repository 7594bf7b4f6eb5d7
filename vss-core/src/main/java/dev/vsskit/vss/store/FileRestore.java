package dev.vsskit.vss.store;

import java.util.Objects;

/** One file of a single-file restore: from this path in the snapshot to that path in the volume. */
public record FileRestore(String sourcePath, String destinationPath) {
    public FileRestore {
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(destinationPath, "destinationPath");
    }
}
