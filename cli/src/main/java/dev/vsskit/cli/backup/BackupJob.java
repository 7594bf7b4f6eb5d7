package dev.vsskit.cli.backup;

import dev.vsskit.vss.catalog.BackupSummary;
import dev.vsskit.vss.timeline.Timeline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backup job as {@code list backups} shows it, from the catalog index's summaries: the record that carries
 * the job's name (its last attempt) and the failed tries before it ({@code NAME.try1}, ...), which are attempts of the job, not backups.
 */
record BackupJob(BackupSummary backup, List<BackupSummary> failedTries) {

    BackupJob {
        failedTries = List.copyOf(failedTries);
    }

    int attempts() {
        return failedTries.size() + 1;
    }

    /** The jobs of a catalog listing, ordered by their first attempt. */
    static List<BackupJob> of(List<BackupSummary> records) {
        Map<String, List<BackupSummary>> byJob = new LinkedHashMap<>();
        records.stream().sorted(Comparator.comparing(BackupSummary::started))
                .forEach(r -> byJob.computeIfAbsent(Timeline.jobName(r.name()), k -> new ArrayList<>()).add(r));
        List<BackupJob> out = new ArrayList<>();
        byJob.forEach((name, attempts) -> {
            // the record named like the job is its last attempt; without it (the process died), the latest try
            BackupSummary last = attempts.stream().filter(r -> r.name().equals(name)).findFirst()
                    .orElse(attempts.get(attempts.size() - 1));
            List<BackupSummary> tries = attempts.stream().filter(r -> r != last).toList();
            out.add(new BackupJob(last, tries));
        });
        return out;
    }
}
