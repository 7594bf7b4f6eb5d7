package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.Sleeper;
import dev.vsskit.vss.catalog.BackupCatalog;
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
        try {
            BackupService.Deleted deleted = service.delete(name);
            ctx().out().println("Deleted backup " + deleted.name() + " (" + deleted.volumes()
                    + " volumes, snapshot set " + deleted.snapshotSetId().map(Object::toString).orElse("none") + ")"
                    + (deleted.recordWasCorrupt() ? "; its record was corrupt: deleted what it still named." : "."));
            ctx().out().flush();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        return ExitCode.OK;
    }
}
