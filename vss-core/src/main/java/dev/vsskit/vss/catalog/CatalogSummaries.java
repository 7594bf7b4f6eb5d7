package dev.vsskit.vss.catalog;

import java.util.List;

/**
 * The catalog as its index tells it: a summary of each readable record, oldest first, and the record files that
 * are skipped because they are corrupt.
 */
public record CatalogSummaries(List<BackupSummary> backups, List<CatalogProblem> problems) {
    public CatalogSummaries {
        backups = List.copyOf(backups);
        problems = List.copyOf(problems);
    }
}
