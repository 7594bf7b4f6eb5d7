package dev.vsskit.vss.backup;

import dev.vsskit.vss.VssId;
import java.util.List;
import java.util.Objects;

/**
 * What a backup will do before it does it: VMs → files → volumes → provider per volume → storage volume.
 * All volumes of one backup are in one snapshot set (or one consistency-group snapshot when crash-consistent).
 */
public record BackupPlan(String backupName, String host, boolean applicationConsistent, List<PlannedVm> vms,
        List<PlannedVolume> volumes) {

    public BackupPlan {
        Objects.requireNonNull(backupName, "backupName");
        Objects.requireNonNull(host, "host");
        vms = List.copyOf(vms);
        volumes = List.copyOf(volumes);
    }

    /** One VM: how it will be backed up ("Online", "Saved State", "Crash-consistent"), or why it will not. */
    public record PlannedVm(String name, VssId id, String backupMethod, List<String> files, List<String> volumes,
            String problem) {
        public PlannedVm {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(backupMethod, "backupMethod");
            files = List.copyOf(files);
            volumes = List.copyOf(volumes);
            Objects.requireNonNull(problem, "problem");
        }

        public boolean included() {
            return problem.isEmpty();
        }
    }

    /** One volume: the provider that will take it and the storage volume behind it ("" when not on ONTAP). */
    public record PlannedVolume(String path, String volumeName, String providerName, VssId providerId,
            boolean hardwareExpected, String storageVolume) {
        public PlannedVolume {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(volumeName, "volumeName");
            Objects.requireNonNull(providerName, "providerName");
            Objects.requireNonNull(providerId, "providerId");
            Objects.requireNonNull(storageVolume, "storageVolume");
        }
    }
}
