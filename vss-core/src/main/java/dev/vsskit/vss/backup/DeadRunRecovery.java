package dev.vsskit.vss.backup;

import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cleans up after backup processes that died: what the target itself knows was interrupted, then each
 * orphaned journal note (its process is gone): the shadows of the note's snapshot set and the storage
 * snapshots named after it, unless the attempt's record was written. A note whose leftovers cannot be
 * removed yet (a volume still fenced) stays for the next backup.
 */
final class DeadRunRecovery {

    private final BackupTarget target;
    private final BackupCatalog catalog;
    private final InflightJournal journal;

    DeadRunRecovery(BackupTarget target, BackupCatalog catalog, InflightJournal journal) {
        this.target = target;
        this.catalog = catalog;
        this.journal = journal;
    }

    /** What was cleaned up (or could not be yet), one line each, also told to the listener. */
    List<String> recoverDeadRuns(BackupListener listener) {
        List<String> done = new ArrayList<>();
        for (String what : target.recoverInterruptedBackups()) {
            listener.recovered(what);
            done.add(what);
        }
        for (InflightJournal.Entry e : journal.orphans()) {
            try {
                done.add(recover(e, listener));
            } catch (RuntimeException ex) {
                // e.g. a volume still fenced by the dead run's consistency-group snapshot: keep the note, retry next time
                String what = "backup " + e.name() + " (process " + e.pid() + ") died; its leftovers could not be removed"
                        + " yet (" + ex.getMessage() + "); the next backup tries again";
                listener.warning(what);
                done.add(what);
            }
        }
        return done;
    }

    private String recover(InflightJournal.Entry e, BackupListener listener) {
        Optional<BackupRecord> recorded = catalog.find(e.name());
        StringBuilder what = new StringBuilder("backup " + e.name() + " (process " + e.pid() + ") died at phase "
                + e.phase());
        if (recorded.isPresent() && recorded.get().succeeded()) {
            what.append(": its record was written; nothing to undo");
        } else if (e.setId().isPresent()) {
            // no record, or the record of a failed attempt whose own clean-up did not finish
            SetLeftovers.Removed removed = SetLeftovers.remove(target, e);
            what.append(": deleted ").append(removed.shadows()).append(" shadow copies and ")
                    .append(removed.snapshots()).append(" ONTAP snapshots of set ").append(e.setId().get());
        } else {
            what.append(": no snapshot had been started");
        }
        journal.end(e);
        listener.recovered(what.toString());
        return what.toString();
    }
}
