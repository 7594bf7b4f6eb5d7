package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.backup.RestoreRequest;
import dev.vsskit.vss.backup.RestoreResult;
import dev.vsskit.vss.backup.RestoreService;
import dev.vsskit.vss.catalog.BackupCatalog;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vsskit restore}: one VM from a backup, through the Hyper-V writer's restore sequence. */
@Command(name = "restore", sortOptions = false,
        description = {"Restore one VM from a backup: the VM is turned off and unregistered, its files come back from"
                + " the ONTAP snapshot (single-file restore, or whole-volume with --force when the volume holds only"
                + " this VM), and it is registered again. With --to the files go to a new folder instead and the VM is"
                + " not touched. Every restored file is compared byte for byte with the backup while it is copied.",
            "Exit codes: 0 restored and byte-identical, 1 failed or a file differs, 2 bad input."})
public final class RestoreCommand extends VsskitCommand {

    @Option(names = "--vm", required = true, paramLabel = "NAME|ID", description = "The VM to restore.")
    String vm;

    @Option(names = "--backup", paramLabel = "NAME|latest", defaultValue = "latest",
            description = "The backup to restore from. Default: ${DEFAULT-VALUE} (the newest that holds the VM).")
    String backup;

    @Option(names = "--to", paramLabel = "DIR", description = "Write the files to this new (or empty) folder.")
    Path to;

    @Option(names = "--start", description = "Start the VM after the restore.")
    boolean start;

    @Option(names = "--force", description = "Restore a running VM (it is turned off), and allow whole-volume restore.")
    boolean force;

    @Option(names = "--sha256", description = "Also report the SHA-256 of each file's backed-up bytes (costs about as"
            + " much CPU as the copy; the byte-for-byte check runs without it).")
    boolean sha256;

    @Override
    protected int run() {
        RestoreResult result;
        try {
            RestoreRequest request = new RestoreRequest(vm, backup, Optional.ofNullable(to), start, force);
            result = new RestoreService(Targets.open(ctx()), new BackupCatalog(BackupPaths.catalog(ctx())),
                    sha256)
                    .restore(request);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
        ctx().renderer().single(RestoreResultView.INSTANCE, result);
        result.warnings().forEach(w -> ctx().note("warning: " + w));
        return result.verified() ? ExitCode.OK : ExitCode.ERROR;
    }
}
