package dev.vsskit.cli.shadow;

import picocli.CommandLine.Command;

/** {@code vsskit delete ...}: vssadmin's delete verbs. */
@Command(name = "delete", description = "Delete volume shadow copies (vssadmin Delete Shadows) or a backup.",
        subcommands = {DeleteShadows.class, dev.vsskit.cli.backup.DeleteBackup.class})
public final class DeleteCommand {
}
