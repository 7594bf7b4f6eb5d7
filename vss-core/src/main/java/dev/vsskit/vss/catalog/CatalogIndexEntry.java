package dev.vsskit.vss.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A line of the catalog index: enough to list backups without reading every record. */
public record CatalogIndexEntry(String name, String file, Instant started, Optional<String> dataset,
        boolean succeeded, long size, long modifiedMillis) {
    public CatalogIndexEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(dataset, "dataset");
    }
}
