package dev.vsskit.cli.list;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;

@Command(name = "shadowstorage", description = "List volume shadow copy storage associations.")
public final class ListShadowStorage extends VsskitCommand {
    @Override
    protected int run() {
        ctx().renderer().list(ShadowStorageView.INSTANCE, ctx().host().shadowStorage());
        return ExitCode.OK;
    }
}
