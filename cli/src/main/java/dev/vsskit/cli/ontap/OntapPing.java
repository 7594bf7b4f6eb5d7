package dev.vsskit.cli.ontap;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ping", description = "Connect to the cluster (TLS, credentials) and print its ONTAP version.")
public final class OntapPing extends VsskitCommand {

    @Mixin
    OntapOptions ontap;

    @Override
    protected int run() {
        try (OntapSession s = OntapSession.open(ctx(), ontap)) {
            var cluster = OntapSession.call(() -> s.client().cluster());
            ctx().renderer().single(OntapViews.PING, new OntapViews.Ping(cluster, s.where()));
        }
        return ExitCode.OK;
    }
}
