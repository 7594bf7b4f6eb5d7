package dev.vsskit.vss.backup;

import dev.vsskit.vss.VssId;
import java.util.List;
import java.util.Objects;

/**
 * A Hyper-V VM as the host's inventory knows it: name, id, its files (absolute Windows paths: VHDX,
 * configuration), whether it runs, and whether its guest has the backup integration service (without
 * it the Hyper-V writer can only back it up in saved state).
 */
public record VirtualMachine(String name, VssId id, List<String> files, boolean running, boolean backupIntegration) {
    public VirtualMachine {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(id, "id");
        files = List.copyOf(files);
    }

    public boolean matches(String nameOrId) {
        return name.equalsIgnoreCase(nameOrId) || (VssId.isValid(nameOrId) && id.equals(VssId.parse(nameOrId)));
    }
}
