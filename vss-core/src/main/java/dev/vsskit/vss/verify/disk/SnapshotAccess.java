package dev.vsskit.vss.verify.disk;

import java.io.IOException;

/**
 * How deep verify reaches the files of a storage snapshot without copying them: on ONTAP a FlexClone of the
 * Snapshot copy (deleted afterwards), on a Windows host an exposed shadow copy. Never the live files.
 */
public interface SnapshotAccess {

    /** Releases what an interrupted earlier run left (its clones); returns what was released, for a note. */
    default java.util.List<String> releaseLeftovers() {
        return java.util.List.of();
    }

    /** Opens volume {@code storageVolume} as it is in {@code snapshot}; close it to release the clone. */
    Opened open(String storageVolume, String snapshot) throws IOException;

    /** One snapshot made readable. */
    interface Opened extends AutoCloseable {
        /** Which access path is used, for the report, e.g. {@code FlexClone vsskit_verify_1a2b of hv_csv1@snap}. */
        String description();

        /** A file of the volume as it is in the snapshot ({@code /}-separated, relative to the volume root). */
        ByteSource open(String pathInVolume) throws IOException;

        /** Releases the access (deletes the clone); what it did, e.g. {@code clone deleted}. */
        @Override
        void close() throws IOException;
    }
}
