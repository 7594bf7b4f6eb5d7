package dev.vsskit.vss.catalog;

import java.nio.file.Path;
import java.util.Objects;

/** A record file the catalog could not read; it is skipped, and this says which and why. */
public record CatalogProblem(Path file, String message) {
    public CatalogProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ": " + message;
    }
}
