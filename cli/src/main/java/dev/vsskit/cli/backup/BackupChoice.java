package dev.vsskit.cli.backup;

import picocli.CommandLine.Option;

/** {@code --backup NAME | --last}, as verify and timeline take it (an exclusive picocli group). */
final class BackupChoice {

    @Option(names = "--backup", paramLabel = "NAME",
            description = "The backup, by name (see `vsskit list backups`).")
    String backup;

    @Option(names = "--last", description = "The most recent backup of the catalog (the default).")
    boolean last;

    /** The backup named with {@code --backup}, or null for the most recent one. */
    static String named(BackupChoice choice) {
        return choice == null ? null : choice.backup;
    }
}
