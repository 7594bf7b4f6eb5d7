package dev.vsskit.vss;

import java.util.List;
import java.util.Objects;

/**
 * A Hyper-V VM as {@code vsskit list vms} shows it: name, id, state ({@code Running}, {@code Off}, {@code Saved},
 * ...), whether it counts as running for a restore, the cluster node that owns it (the host itself when it is no
 * cluster node), its files and the volumes they are on, and whether it can be backed up online (its guest has the
 * backup integration service; without it the Hyper-V writer backs it up in saved state). The backup verbs work
 * with the narrower {@link dev.vsskit.vss.backup.VirtualMachine}.
 */
public record VmDescription(String name, VssId id, String state, boolean running, String ownerNode, List<String> files,
        List<String> volumes, boolean onlineBackup) {

    public VmDescription {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ownerNode, "ownerNode");
        files = List.copyOf(files);
        volumes = List.copyOf(volumes);
    }

    /** The backup method the Hyper-V writer will use: {@code Online}, or {@code Saved State} without integration. */
    public String backupMethod() {
        return onlineBackup ? "Online" : "Saved State";
    }
}
