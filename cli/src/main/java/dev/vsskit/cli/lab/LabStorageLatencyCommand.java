package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabClock;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.SimKnobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vsskit lab storage-latency MS [--virtual-time | --real-time]}: makes every call to the lab's ONTAP
 * take MS ms longer, to rehearse a slow storage system (a commit past the 10-second VSS window logs event
 * 4364 and fails the set). With {@code --virtual-time} the waits cost no real time: the lab's clock jumps.
 */
@Command(name = "storage-latency", description = {"Add latency to every call to the lab's ONTAP simulator,"
        + " to rehearse a slow storage system (0 removes it).",
    "With --virtual-time the lab's clock jumps instead of waiting, so a 10.5 s commit costs no real time."})
public final class LabStorageLatencyCommand extends VsskitCommand {

    @Parameters(index = "0", paramLabel = "MS", description = "Milliseconds added to every ONTAP call.")
    long millis;

    @Option(names = "--virtual-time", description = "Waits move the lab's clock instead of taking real time.")
    boolean virtualTime;

    @Option(names = "--real-time", description = "Waits take real time again (the default).")
    boolean realTime;

    @Override
    protected int run() {
        if (millis < 0) {
            throw new CliException(ExitCode.USAGE, "storage latency must be 0 or more milliseconds, not " + millis);
        }
        if (virtualTime && realTime) {
            throw new CliException(ExitCode.USAGE, "give --virtual-time or --real-time, not both");
        }
        LabHost lab = Hosts.lab(ctx());
        try {
            OntapLab.setKnobs(lab.dir(), OntapLab.knobs(lab.dir()).withLatency(millis));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the simulator's latency: " + e.getMessage(), e);
        }
        if (virtualTime || realTime) {
            LabClock.setVirtualWaits(lab.dir(), virtualTime);
        }
        ctx().out().println("ONTAP calls of the lab now take " + millis + " ms longer ("
                + (LabClock.of(lab.dir()).virtualWaits() ? "virtual time: the lab's clock jumps" : "real time") + ").");
        ctx().out().flush();
        return ExitCode.OK;
    }
}
