package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.shadow.ShadowFilter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "shadows", aliases = "shadowcopies", description = "List existing volume shadow copies.")
public final class ListShadows extends VsskitCommand {

    @Mixin
    ShadowFilter.Options filter = new ShadowFilter.Options(); // no filters unless picocli sets some

    @Override
    protected int run() {
        ctx().renderer().list(new ShadowView(ctx().zone()), filter.filter().apply(ctx().host()));
        return ExitCode.OK;
    }
}
