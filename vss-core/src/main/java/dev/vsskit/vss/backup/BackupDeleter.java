package dev.vsskit.vss.backup;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes a backup: its shadows (and with them the storage snapshots their provider made), any storage
 * snapshot it names that is still there, then its record. Safe to repeat after a crash in between, and
 * beside another job deleting the same backup. A corrupt record is deleted too, with whatever it still
 * names that can be read.
 */
final class BackupDeleter {

    private final BackupTarget target;
    private final BackupCatalog catalog;

    BackupDeleter(BackupTarget target, BackupCatalog catalog) {
        this.target = target;
        this.catalog = catalog;
    }

    BackupService.Deleted delete(String name) {
        BackupRecord record;
        try {
            record = catalog.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown backup '" + name + "'; see `vsskit list backups`"));
        } catch (BackupCatalog.CorruptRecordException corrupt) {
            return deleteSalvaged(catalog.salvage(name));
        }
        deleteRecorded(record);
        return new BackupService.Deleted(record.name(), record.volumes().size(), record.snapshotSetId(), false);
    }

    private BackupService.Deleted deleteSalvaged(BackupCatalog.Salvaged s) {
        Optional<VssId> set = VssId.isValid(s.snapshotSetId()) ? Optional.of(VssId.parse(s.snapshotSetId()))
                : Optional.empty();
        List<BackupRecord.VolumeEntry> volumes = new ArrayList<>();
        for (int i = 0; i < Math.max(s.shadowIds().size(), s.storageSnapshots().size()); i++) {
            String shadow = i < s.shadowIds().size() ? s.shadowIds().get(i) : "";
            String[] storage = i < s.storageSnapshots().size() ? s.storageSnapshots().get(i) : new String[] {"", ""};
            volumes.add(new BackupRecord.VolumeEntry("", VssId.isValid(shadow) ? VssId.parse(shadow) : VssId.NULL,
                    "", VssId.NULL, false, false, storage[0], storage[1]));
        }
        // what an unreadable record can no longer name: vsskit's snapshots are <backup>__<set id>
        Optional<SnapshotStore> store = target.storage();
        if (store.isPresent()) {
            for (String volume : storageVolumes()) {
                for (StorageSnapshot snap : store.get().snapshots(volume)) {
                    if (!snap.name().startsWith(s.name() + "__")) {
                        continue;
                    }
                    volumes.add(new BackupRecord.VolumeEntry("", VssId.NULL, "", VssId.NULL, false, false, volume,
                            snap.name()));
                    String suffix = snap.name().substring(s.name().length() + 2);
                    if (set.isEmpty() && VssId.isValid(suffix)) {
                        set = Optional.of(VssId.parse(suffix));
                    }
                }
            }
        }
        // shadows of its set that the record no longer names one by one
        for (Shadow sh : target.host().shadows()) {
            if (set.isPresent() && sh.setId().equals(set.get())
                    && volumes.stream().noneMatch(v -> v.shadowId().equals(sh.shadowId()))) {
                volumes.add(new BackupRecord.VolumeEntry("", sh.shadowId(), "", VssId.NULL, false, false, "", ""));
            }
        }
        deleteRecorded(new BackupRecord(s.name(), Instant.EPOCH, Instant.EPOCH, Optional.empty(), List.of(), false, set,
                volumes, List.of(), Duration.ZERO, false, "corrupt record"));
        return new BackupService.Deleted(s.name(), s.storageSnapshots().size(), set, true);
    }

    /** The storage volumes that hold the host's VMs. */
    private Set<String> storageVolumes() {
        Set<String> out = new LinkedHashSet<>();
        for (VirtualMachine vm : target.virtualMachines()) {
            for (String file : vm.files()) {
                target.volumeOf(file).flatMap(target::storageVolumeOf).ifPresent(out::add);
            }
        }
        return out;
    }

    private void deleteRecorded(BackupRecord record) {
        String name = record.name();
        Set<VssId> liveShadows = target.host().shadows().stream().map(Shadow::shadowId).collect(Collectors.toSet());
        for (BackupRecord.VolumeEntry v : record.volumes()) {
            if (!v.shadowId().isNull() && liveShadows.contains(v.shadowId())) {
                try {
                    target.deleteShadow(v.shadowId());
                } catch (VssException e) {
                    // deleted meanwhile by another job deleting this backup (or by retention): what we wanted
                    if (e.hresult() != HResult.VSS_E_OBJECT_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
        Optional<SnapshotStore> store = target.storage();
        if (store.isPresent()) {
            Set<String> done = new HashSet<>();
            for (BackupRecord.VolumeEntry v : record.volumes()) {
                if (v.storageVolume().isEmpty() || v.storageSnapshot().isEmpty()
                        || !done.add(v.storageVolume() + "/" + v.storageSnapshot())) {
                    continue;
                }
                if (present(store.get(), v)) {
                    try {
                        store.get().deleteSnapshot(v.storageVolume(), v.storageSnapshot());
                    } catch (RuntimeException e) {
                        if (present(store.get(), v)) {
                            throw e;
                        } // deleted meanwhile by another job: what we wanted
                    }
                }
            }
        }
        catalog.delete(name);
    }

    private static boolean present(SnapshotStore store, BackupRecord.VolumeEntry v) {
        return store.snapshots(v.storageVolume()).stream().anyMatch(s -> s.name().equals(v.storageSnapshot()));
    }
}
