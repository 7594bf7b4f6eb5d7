package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.vss.backup.BackupTarget;

/**
 * The backup target of {@code --host}, from the factory chosen with the host ({@link
 * dev.vsskit.cli.host.Hosts#open}): the lab's, or a Windows host's with its ONTAP cluster (the factory names what
 * is missing there: the cluster's address, or the Hyper-V binding).
 */
public final class Targets {

    private Targets() {
    }

    public static BackupTarget open(CliContext ctx) {
        return ctx.backupTarget().orElseThrow(() -> dev.vsskit.cli.host.Hosts.noBackupTarget(ctx));
    }
}
