package dev.vsskit.cli.backup;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.catalog.CatalogListing;
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
        CatalogListing listing = new BackupCatalog(BackupPaths.catalog(ctx())).list();
        listing.problems().forEach(p -> ctx().note("warning: " + p));
        List<BackupRecord> rows = listing.records().stream()
                .filter(r -> dataset == null || r.dataset().map(d -> d.equalsIgnoreCase(dataset)).orElse(false))
                .filter(r -> vm == null || r.vms().stream().anyMatch(v -> v.equalsIgnoreCase(vm)))
                .toList();
        ctx().renderer().list(BackupRecordView.INSTANCE, rows);
        return ExitCode.OK;
    }
}
