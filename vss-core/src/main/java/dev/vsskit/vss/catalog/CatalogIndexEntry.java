package dev.vsskit.vss.catalog;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A line of the catalog index: the record's summary (enough to list backups and choose among them without
 * reading every record) and its file's name, size and time (to tell when the index is stale).
 */
public record CatalogIndexEntry(BackupSummary summary, String file, long size, long modifiedMillis) {
    public CatalogIndexEntry {
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(file, "file");
    }

    public String name() {
        return summary.name();
    }

    public Instant started() {
        return summary.started();
    }

    public Optional<String> dataset() {
        return summary.dataset();
    }

    public boolean succeeded() {
        return summary.succeeded();
    }
}
