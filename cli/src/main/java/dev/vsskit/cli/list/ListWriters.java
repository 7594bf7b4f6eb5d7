package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;

@Command(name = "writers", description = "List subscribed volume shadow copy writers and their state.")
public final class ListWriters extends VsskitCommand {
    @Override
    protected int run() {
        ctx().renderer().list(WriterView.INSTANCE, ctx().host().writers());
        return ExitCode.OK;
    }
}
