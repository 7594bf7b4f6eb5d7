package dev.vsskit.vss.backup;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import java.util.Optional;

/**
 * Removes what one attempt's snapshot set left on the host and the storage: the set's shadow copies and the
 * storage snapshots named after it (or the crash-consistent attempt's own snapshot name), from the attempt's
 * journal note. Used for a dead run's note and for a failed attempt whose abort could not remove everything
 * (a commit that timed out on the client but went through on the cluster).
 */
final class SetLeftovers {

    /** How many shadow copies and storage snapshots were deleted. */
    record Removed(int shadows, int snapshots) {
        boolean any() {
            return shadows + snapshots > 0;
        }
    }

    private SetLeftovers() {
    }

    static Removed remove(BackupTarget target, InflightJournal.Entry note) {
        if (note.setId().isEmpty()) {
            return new Removed(0, 0);
        }
        VssId set = note.setId().get();
        int shadows = 0;
        for (Shadow s : target.host().shadows()) {
            if (s.setId().equals(set)) {
                target.deleteShadow(s.shadowId());
                shadows++;
            }
        }
        int snapshots = 0;
        Optional<SnapshotStore> store = target.storage();
        if (store.isPresent()) {
            for (String vol : note.storageVolumes()) {
                for (StorageSnapshot s : store.get().snapshots(vol)) {
                    if (s.name().equals(note.storageSnapshot()) || s.name().endsWith("__" + set.bare())) {
                        store.get().deleteSnapshot(vol, s.name());
                        snapshots++;
                    }
                }
            }
        }
        return new Removed(shadows, snapshots);
    }
}
