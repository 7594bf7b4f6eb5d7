package dev.vsskit.cli.lab;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;

import java.io.IOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vsskit lab ontap serve}: run the lab's ONTAP REST simulator in the foreground. */
@Command(name = "ontap", description = "The lab's ONTAP REST simulator.",
        subcommands = {LabOntapCommand.Serve.class})
public final class LabOntapCommand {

    @Command(name = "serve", description = "Serve the lab's simulated ONTAP cluster over HTTPS on 127.0.0.1 until"
            + " stopped (Ctrl-C). Other vsskit commands on this lab use it while it runs.")
    public static final class Serve extends VsskitCommand {

        @Option(names = "--port", paramLabel = "N", description = "TCP port (default: an ephemeral port).")
        int port;

        @Option(names = "--exit-after-start", hidden = true, description = "Start, print the address and stop (tests).")
        boolean exitAfterStart;

        @Override
        protected int run() throws IOException, InterruptedException {
            var lab = Hosts.lab(ctx());
            try (OntapSimulator sim = OntapSimulator.start(lab.dir(), port)) {
                ctx().out().println("ONTAP " + sim.version() + " simulator for the lab " + lab.dir() + " at "
                        + sim.address());
                ctx().out().println("certificate sha256: " + OntapLab.certificateSha256(lab.dir()));
                ctx().out().flush();
                if (!exitAfterStart) {
                    Thread.currentThread().join(); // until the process is stopped
                }
            }
            return ExitCode.OK;
        }
    }
}
