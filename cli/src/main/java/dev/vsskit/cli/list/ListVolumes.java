package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;

@Command(name = "volumes", description = "List the local volumes eligible for shadow copies (as vssadmin: SMB shares"
        + " are not volumes of this host; `create shadow --for=\\\\server\\share\\` still takes one).")
public final class ListVolumes extends VsskitCommand {
    @Override
    protected int run() {
        // vssadmin lists local volumes only; a share's shadow copies are the file server's (FSRVP)
        ctx().renderer().list(VolumeView.INSTANCE, ctx().host().volumes().stream()
                .filter(v -> !v.path().startsWith("\\\\")).toList());
        return ExitCode.OK;
    }
}
