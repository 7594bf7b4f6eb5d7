package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.coordinator.WriterPhase;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vsskit lab vm ...}: the lab's VMs on the cluster's nodes. */
@Command(name = "vm", description = "The lab's VMs on the cluster's nodes.", subcommands = {LabVmCommand.Move.class})
public final class LabVmCommand {

    @Command(name = "move", description = "Live-migrate a VM to another node of the cluster (its files stay on their"
            + " volume), now or when a backup reaches --at PHASE. Refused now while a backup of its CSV is in progress.")
    public static final class Move extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "VM", description = "The VM, e.g. web01.")
        String vmName;

        @Option(names = "--to", required = true, paramLabel = "NODE", description = "The node to run it on.")
        String to;

        @Option(names = "--at", paramLabel = "PHASE", description = "Migrate when the next backup reaches this writer"
                + " event (prepare-backup: after the backup chose its components, before the writers take the VM;"
                + " prepare-snapshot, freeze, thaw, post-snapshot, backup-complete: refused for a VM in that backup,"
                + " as Hyper-V refuses to migrate a VM being backed up).")
        String at;

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
            if (at != null) {
                String phase = WriterPhase.parse(at).filter(p -> p != WriterPhase.IDENTIFY && p != WriterPhase.PRE_RESTORE
                        && p != WriterPhase.POST_RESTORE).map(WriterPhase::eventName)
                        .orElseThrow(() -> new CliException(ExitCode.USAGE, "unknown --at '" + at + "'; use one of "
                                + "prepare-backup, prepare-snapshot, freeze, thaw, post-snapshot, backup-complete"));
                cluster.scheduleMove(vm.name(), node, phase);
                ctx().out().println("VM " + vm.name() + " moves from " + from + " to " + node + " when a backup reaches "
                        + phase + " (live migration).");
                ctx().out().flush();
                return ExitCode.OK;
            }
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
