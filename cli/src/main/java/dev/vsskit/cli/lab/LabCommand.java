package dev.vsskit.cli.lab;

import picocli.CommandLine.Command;

/** {@code vsskit lab ...}: set up and manage the embedded lab. */
@Command(name = "lab", description = "Set up and manage the embedded lab (a simulated Hyper-V host on ONTAP).",
        subcommands = {LabInitCommand.class, dev.vsskit.cli.fault.LabFaultCommand.class,
            dev.vsskit.cli.ontap.LabOntapCommand.class,
            dev.vsskit.cli.backup.LabStorageLatencyCommand.class})
public final class LabCommand {
}
