package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;

@Command(name = "volumes", description = "List volumes eligible for shadow copies.")
public final class ListVolumes extends VsskitCommand {
    @Override
    protected int run() {
        ctx().renderer().list(VolumeView.INSTANCE, ctx().host().volumes());
        return ExitCode.OK;
    }
}
