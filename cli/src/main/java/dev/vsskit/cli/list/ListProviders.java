package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;

@Command(name = "providers", description = "List registered volume shadow copy providers.")
public final class ListProviders extends VsskitCommand {
    @Override
    protected int run() {
        ctx().renderer().list(ProviderView.INSTANCE, ctx().host().providers());
        return ExitCode.OK;
    }
}
