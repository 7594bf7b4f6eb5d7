package dev.vsskit.cli.list;

import picocli.CommandLine.Command;

/** {@code vsskit list ...}: the vssadmin list verbs (also spelled {@code vsskit list-providers} etc.). */
@Command(name = "list",
        description = "List providers, writers, shadows, volumes or shadow storage, as vssadmin does; backups and"
                + " Hyper-V VMs. Also spelled list-providers, list-writers, list-shadows, list-volumes,"
                + " list-shadowstorage, list-backups, list-vms.",
        subcommands = {ListProviders.class, ListWriters.class, ListShadows.class, ListVolumes.class,
            ListShadowStorage.class, dev.vsskit.cli.backup.ListBackups.class, ListVms.class})
public final class ListCommand {
}
