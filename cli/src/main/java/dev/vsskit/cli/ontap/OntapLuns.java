package dev.vsskit.cli.ontap;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "luns", description = "List the cluster's LUNs with their serial numbers and Windows NAA ids.")
public final class OntapLuns extends VsskitCommand {

    @Mixin
    OntapOptions ontap;

    @Override
    protected int run() {
        try (OntapSession s = OntapSession.open(ctx(), ontap)) {
            ctx().renderer().list(OntapViews.LUNS, OntapSession.call(() -> s.client().luns()));
        }
        return ExitCode.OK;
    }
}
