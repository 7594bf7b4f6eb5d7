package dev.vsskit.cli.shadow;

import picocli.CommandLine.Command;

/** {@code vsskit create ...}: vssadmin's create verbs. */
@Command(name = "create", description = "Create a volume shadow copy (vssadmin Create Shadow).",
        subcommands = {CreateShadow.class})
public final class CreateCommand {
}
