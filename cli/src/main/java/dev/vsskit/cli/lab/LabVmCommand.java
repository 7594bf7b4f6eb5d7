package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vsskit lab vm ...}: the lab's VMs on the cluster's nodes. */
@Command(name = "vm", description = "The lab's VMs on the cluster's nodes.", subcommands = {LabVmCommand.Move.class})
public final class LabVmCommand {

    @Command(name = "move", description = "Live-migrate a VM to another node of the cluster (its files stay on their"
            + " volume). Refused while a backup of its CSV is in progress.")
    public static final class Move extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "VM", description = "The VM, e.g. web01.")
        String vmName;

        @Option(names = "--to", required = true, paramLabel = "NODE", description = "The node to run it on.")
        String to;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            LabConfig.LabVm vm = lab.config().vm(vmName).orElseThrow(() -> new CliException(ExitCode.USAGE,
                    "no VM '" + vmName + "' in the lab; its VMs: " + String.join(", ", lab.virtualMachineNames())));
            String node = LabNodeCommand.node(lab, to);
            LabCluster cluster = lab.cluster();
            if (cluster.down(node).filter(d -> d.atPhase() == null).isPresent()) {
                throw new CliException(ExitCode.ERROR, "node " + node + " is down; bring it up first with"
                        + " `vsskit lab node up " + node + "`");
            }
            String from = cluster.ownerOf(vm);
            Optional<LabCluster.CsvState> busy = cluster.state().csvs().stream()
                    .filter(c -> c.volume().equalsIgnoreCase(vm.volume()) && c.backupSet() != null)
                    .filter(c -> !cluster.stale().contains(c)).findFirst();
            if (busy.isPresent()) {
                throw new CliException(ExitCode.TRANSIENT, "VM " + vm.name() + " cannot move while snapshot set "
                        + busy.get().backupSet() + " (node " + busy.get().backupNode() + ") backs up its CSV "
                        + vm.volume() + "; try again when the backup ends");
            }
            if (!from.equalsIgnoreCase(node)) {
                cluster.setOwner(vm.name(), node);
            }
            ctx().out().println(from.equalsIgnoreCase(node) ? "VM " + vm.name() + " already runs on " + node + "."
                    : "Moved VM " + vm.name() + " from " + from + " to " + node + " (live migration).");
            ctx().out().flush();
            return ExitCode.OK;
        }
    }
}
