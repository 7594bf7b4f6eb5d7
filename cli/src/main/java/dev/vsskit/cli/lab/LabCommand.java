package dev.vsskit.cli.lab;

import picocli.CommandLine.Command;

/**
 * {@code vsskit lab ...}: set up and manage the embedded lab. The lab verbs live in this package, the only one
 * of {@code cli} besides {@code host} that may name lab types ({@code NoLabTypesInCliTest}).
 */
@Command(name = "lab", description = "Set up and manage the embedded lab (a simulated Hyper-V host on ONTAP).",
        subcommands = {LabInitCommand.class, LabFaultCommand.class, LabOntapCommand.class,
            LabStorageLatencyCommand.class, LabNodeCommand.class, LabVmCommand.class, LabCsvCommand.class})
public final class LabCommand {
}
