package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.vss.backup.BackupTarget;

/**
 * The backup target of {@code --host}, from the factory chosen with the host ({@link
 * dev.vsskit.cli.host.Hosts#open}): the lab's, or (not yet) a Windows host's with an ONTAP cluster.
 */
public final class Targets {

    private Targets() {
    }

    public static BackupTarget open(CliContext ctx) {
        return ctx.backupTarget().orElseThrow(() -> new CliException(ExitCode.ERROR, "backup and restore of VMs on a"
                + " Windows host need the Windows backup target (Hyper-V VMs through WMI, disks to ONTAP LUNs), which this"
                + " version does not have yet; run them on the lab (--host lab), or use"
                + " `vsskit verify --catalog DIR --events FILE.evtx` to verify a Windows backup"));
    }
}
