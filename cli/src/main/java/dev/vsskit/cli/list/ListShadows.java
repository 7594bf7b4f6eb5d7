package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;

@Command(name = "shadows", aliases = "shadowcopies", description = "List existing volume shadow copies.")
public final class ListShadows extends VsskitCommand {
    @Override
    protected int run() {
        ctx().renderer().list(new ShadowView(ctx().zone()), ctx().host().shadows());
        return ExitCode.OK;
    }
}
