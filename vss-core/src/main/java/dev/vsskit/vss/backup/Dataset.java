package dev.vsskit.vss.backup;

import java.util.List;
import java.util.Objects;

/** A SnapManager for Hyper-V dataset: a named group of VMs with the same protection needs. */
public record Dataset(DatasetName name, List<String> vms, String description) {
    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        vms = List.copyOf(vms);
        if (vms.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " needs at least one VM (--vm NAME)");
        }
    }
}
