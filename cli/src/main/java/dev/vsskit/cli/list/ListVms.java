package dev.vsskit.cli.list;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.VmDescription;
import dev.vsskit.vss.VssId;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit list vms [--vm NAME]}: the host's Hyper-V VMs with state, owner node, files, volumes and whether
 * they back up online. On the lab: its inventory; on Windows: the Hyper-V writer's components joined with WMI.
 */
@Command(name = "vms", description = "List the Hyper-V VMs of the host: name, id, state, owner node, files and"
        + " volumes, and whether each can be backed up online (its guest has the backup integration service).")
public final class ListVms extends VsskitCommand {

    @Option(names = "--vm", paramLabel = "NAME", description = "Only this VM (by name or id).")
    String vm;

    @Override
    protected int run() {
        List<VmDescription> all = ctx().host().virtualMachineDescriptions();
        List<VmDescription> rows = vm == null ? all : all.stream().filter(v -> v.name().equalsIgnoreCase(vm.trim())
                || (VssId.isValid(vm) && v.id().equals(VssId.parse(vm)))).toList();
        if (rows.isEmpty() && vm != null) {
            throw new CliException(ExitCode.USAGE, "unknown VM '" + vm + "' on " + ctx().host().computerName()
                    + "; `vsskit list vms` lists them");
        }
        ctx().renderer().list(VmView.INSTANCE, rows);
        return ExitCode.OK;
    }
}
