package dev.vsskit.ontap;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;

/**
 * How to read a file inside a Snapshot copy. ONTAP's REST API does not stream file contents in every
 * release, so the store delegates: the lab reads its volume stores; a Windows host reads the share's
 * {@code .snapshot} folder.
 */
@FunctionalInterface
public interface SnapshotFileAccess {

    InputStream open(String volume, String snapshotName, String path) throws IOException;

    /** The same bytes as a channel; access that can read in large pieces (a file, the lab's store) says so. */
    default ReadableByteChannel openChannel(String volume, String snapshotName, String path) throws IOException {
        return Channels.newChannel(open(volume, snapshotName, path));
    }

    SnapshotFileAccess UNSUPPORTED = (volume, snapshot, path) -> {
        throw new IOException("reading files from Snapshot copies of " + volume + " needs access to the volume's"
                + " .snapshot folder (an SMB share of the volume); restore the file instead");
    };
}
