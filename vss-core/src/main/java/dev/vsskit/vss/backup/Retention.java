package dev.vsskit.vss.backup;

import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.CatalogIndexEntry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the request's {@link RetentionPolicy} after a backup succeeded: among the succeeded backups of
 * the same dataset (or of no dataset), deletes what the policy no longer keeps. A backup retention cannot
 * delete stays for the next backup; the one just taken is never deleted.
 */
final class Retention {

    private final BackupCatalog catalog;
    private final BackupDeleter deleter;
    private final Clock clock;

    Retention(BackupCatalog catalog, BackupDeleter deleter, Clock clock) {
        this.catalog = catalog;
        this.deleter = deleter;
        this.clock = clock;
    }

    /** {@code result} with what retention deleted, and in its message what it could not. */
    BackupResult apply(BackupResult result, BackupRequest request, BackupListener listener) {
        List<String> problems = new ArrayList<>();
        List<String> deleted = apply(result.name(), request, listener, problems);
        BackupResult out = BackupOutcomes.withRetention(result, deleted);
        if (!problems.isEmpty()) {
            // the backup itself succeeded; what retention could not delete now, the next backup deletes
            out = BackupOutcomes.withMessage(out, out.message() + "; retention could not delete "
                    + String.join("; ", problems) + " (the next backup tries again)");
        }
        return out;
    }

    private List<String> apply(String justTaken, BackupRequest request, BackupListener listener,
            List<String> problems) {
        if (request.retention().isUnlimited()) {
            return List.of();
        }
        Optional<String> dataset = request.dataset().map(DatasetName::value);
        // the index alone: no record file is read to choose what goes
        List<CatalogIndexEntry> same = catalog.index().stream()
                .filter(CatalogIndexEntry::succeeded)
                .filter(r -> r.dataset().map(d -> d.equalsIgnoreCase(dataset.orElse(""))).orElse(dataset.isEmpty()))
                .collect(Collectors.toList());
        List<RetentionPolicy.Candidate> candidates = same.stream()
                .map(r -> new RetentionPolicy.Candidate(r.name(), r.started())).collect(Collectors.toList());
        List<String> deleted = new ArrayList<>();
        for (RetentionPolicy.Candidate c : request.retention().toDelete(candidates, justTaken, Set.of(), clock.instant())) {
            try {
                deleter.delete(c.name());
                listener.retentionDeleted(c.name());
                deleted.add(c.name());
            } catch (RuntimeException e) {
                listener.warning("retention could not delete backup " + c.name() + ": " + e.getMessage());
                problems.add(c.name() + " (" + e.getMessage() + ")");
            }
        }
        return deleted;
    }
}
