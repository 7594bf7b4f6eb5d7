package dev.vsskit.cli.ontap;

import picocli.CommandLine.Command;

/** {@code vsskit ontap ...}: look at the ONTAP storage directly (a configured cluster, or the lab's simulator). */
@Command(name = "ontap", description = "Look at ONTAP directly: ping the cluster, list LUNs, list/create/delete/"
        + "restore Snapshot copies. Uses the configured cluster (docs/ontap.md), else the lab's simulator.",
        subcommands = {OntapPing.class, OntapLuns.class, OntapSnapshots.class, OntapCredential.class})
public final class OntapCommand {
}
