package dev.vsskit.vss.backup;

import dev.vsskit.vss.VssId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the user asked to back up and how. {@code vms} are names or ids; with {@code dataset} they come
 * from the dataset; {@code all} takes every VM of the host.
 */
public record BackupRequest(
        List<String> vms,
        Optional<DatasetName> dataset,
        boolean all,
        boolean crashConsistent,
        boolean allowSavedState,
        Optional<BackupName> name,
        Optional<VssId> forcedProvider,
        RetentionPolicy retention,
        RetryPolicy retry) {

    public BackupRequest {
        vms = List.copyOf(vms);
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(forcedProvider, "forcedProvider");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(retry, "retry");
        if (vms.isEmpty() && dataset.isEmpty() && !all) {
            throw new IllegalArgumentException("nothing to back up: name VMs (--vm NAME), a dataset (--dataset NAME) or --all");
        }
        if (crashConsistent && forcedProvider.isPresent()) {
            throw new IllegalArgumentException("--provider applies to VSS backups; a crash-consistent backup uses no provider");
        }
    }
}
