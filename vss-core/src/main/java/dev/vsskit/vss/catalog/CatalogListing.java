package dev.vsskit.vss.catalog;

import java.util.List;

/** The readable records, oldest first, and the record files that were skipped because they are corrupt. */
public record CatalogListing(List<BackupRecord> records, List<CatalogProblem> problems) {
    public CatalogListing {
        records = List.copyOf(records);
        problems = List.copyOf(problems);
    }
}
