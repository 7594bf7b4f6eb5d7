package dev.vsskit.vss.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.List;

/**
 * Storage that can take, keep and restore point-in-time copies of its volumes: ONTAP (real cluster or
 * the lab's simulator). Used directly by crash-consistent backups, restore, verify and retention.
 * Volume and snapshot names are the storage's own (ONTAP FlexVol names, Snapshot copy names).
 */
public interface SnapshotStore {

    /** A short description for messages, e.g. {@code ONTAP 9.13.1 cluster cluster1 (https://...)}. */
    String describe();

    List<StorageVolume> volumes();

    List<StorageSnapshot> snapshots(String volume);

    /**
     * One snapshot named {@code snapshotName} on every listed volume, atomic across them (a
     * consistency-group snapshot where the storage has them). Either all are created or none remain.
     */
    List<StorageSnapshot> createSnapshots(List<String> volumes, String snapshotName, String comment);

    void deleteSnapshot(String volume, String snapshotName);

    /** Whole-volume restore: the volume becomes the snapshot. */
    void restoreVolume(String volume, String snapshotName);

    /** Single-file restore: each file comes back from the snapshot to its destination path in the volume. */
    void restoreFiles(String volume, String snapshotName, List<FileRestore> files);

    /** The bytes of one file as they are in a snapshot (path relative to the volume root, '/' separated). */
    InputStream openSnapshotFile(String volume, String snapshotName, String path) throws IOException;

    /**
     * The same bytes as a channel, for restore's large reads ({@link dev.vsskit.vss.io.VerifiedCopy}); storage
     * that can read in large pieces overrides this.
     */
    default ReadableByteChannel openSnapshotChannel(String volume, String snapshotName, String path)
            throws IOException {
        return Channels.newChannel(openSnapshotFile(volume, snapshotName, path));
    }

    /**
     * Keeps one snapshot's files readable until the hold is closed, so that the many reads of one restore (the
     * configuration check, each file, each comparison) share one way in where opening it is costly (on Windows, a LUN
     * clone mapped and mounted on the host). Storage whose files are always readable returns a hold that does nothing.
     */
    default Hold hold(String volume, String snapshotName) {
        return () -> { };
    }

    /** A {@link #hold}; closing it may fail (what it could not take away is named). */
    @FunctionalInterface
    interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** A writable clone of a snapshot for inspection; returns the clone volume's name. */
    String cloneVolume(String volume, String snapshotName, String cloneName);

    void deleteClone(String cloneName);

    /**
     * Asks the storage about itself (one round trip; fails as its other calls do when it cannot be reached).
     * Storage that cannot say throws UnsupportedOperationException.
     */
    default StorageHealth health() {
        throw new UnsupportedOperationException(describe() + " cannot report its health");
    }
}
