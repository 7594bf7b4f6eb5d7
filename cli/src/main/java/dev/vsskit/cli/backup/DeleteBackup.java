package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.Sleeper;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vsskit delete backup NAME}: removes a backup's shadows, ONTAP snapshots and catalog record. */
@Command(name = "backup", description = "Delete a backup: its shadow copies, its ONTAP snapshots and its record.")
public final class DeleteBackup extends VsskitCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The backup (see `vsskit list backups`).")
    String name;

    @Override
    protected int run() {
        BackupService service = new BackupService(Targets.open(ctx()), new BackupCatalog(BackupPaths.catalog(ctx())),
                Clock.systemDefaultZone(), Sleeper.REAL);
        BackupCatalog catalog = new BackupCatalog(BackupPaths.catalog(ctx()));
        String job = dev.vsskit.vss.timeline.Timeline.jobName(name);
        if (!job.equals(name) && catalog.find(job).isPresent()) {
            throw new CliException(ExitCode.USAGE, name + " is a failed attempt of backup " + job + ", not a backup of"
                    + " its own; delete the backup with its attempts: vsskit delete backup " + job);
        }
        try {
            BackupService.Deleted deleted = service.delete(name);
            // the failed tries before it are attempts of the same job: they go with it
            for (BackupRecord r : catalog.list().records()) {
                if (!r.name().equals(name) && dev.vsskit.vss.timeline.Timeline.jobName(r.name()).equals(name)) {
                    service.delete(r.name());
                }
            }
            ctx().out().println("Deleted backup " + deleted.name() + " (" + dev.vsskit.vss.Words.count(
                    deleted.volumes(), "volume") + ", snapshot set "
                    + deleted.snapshotSetId().map(Object::toString).orElse("none") + ")"
                    + (deleted.recordWasCorrupt() ? "; its record was corrupt: deleted what it still named." : "."));
            ctx().out().flush();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        return ExitCode.OK;
    }
}
