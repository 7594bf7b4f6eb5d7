package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.vss.backup.DatasetStore;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.CatalogSummaries;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vsskit list backups [--dataset NAME] [--vm NAME]}: the catalog, oldest first. */
@Command(name = "backups", description = "List the backups of the catalog (what SMHV's Get-Backup shows).")
public final class ListBackups extends VsskitCommand {

    @Option(names = "--dataset", paramLabel = "NAME", description = "Only the backups of this dataset.")
    String dataset;

    @Option(names = "--vm", paramLabel = "NAME", description = "Only the backups that hold this VM.")
    String vm;

    @Override
    protected int run() {
        // the index alone: no record file is read while it matches the catalog folder
        CatalogSummaries listing = new BackupCatalog(BackupPaths.catalog(ctx())).summaries();
        listing.problems().forEach(p -> ctx().note("warning: " + p));
        List<BackupJob> jobs = BackupJob.of(listing.backups());
        List<BackupJob> rows = jobs.stream()
                .filter(j -> dataset == null || j.backup().dataset().map(d -> d.equalsIgnoreCase(dataset)).orElse(false))
                .filter(j -> vm == null || j.backup().holds(vm))
                .toList();
        if (rows.isEmpty() && dataset != null
                && new DatasetStore(BackupPaths.config(ctx())).find(dataset).isEmpty()) {
            // a name that names nothing is bad input, in every verb (exit-codes.md)
            throw new CliException(ExitCode.USAGE, "unknown dataset '" + dataset + "': no dataset and no backup has"
                    + " that name; see `vsskit dataset list`");
        }
        ctx().renderer().list(new BackupRecordView(ctx().zone()), rows);
        return ExitCode.OK;
    }
}
