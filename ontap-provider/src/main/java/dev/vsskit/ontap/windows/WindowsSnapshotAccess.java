package dev.vsskit.ontap.windows;

import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.SnapshotAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Deep verify's access to a backup's Snapshot copy from a Windows host, without copying it: on a share, the
 * Snapshot copy under the share's {@code .snapshot} folder; on a LUN, the backup's persistent shadow copy exposed on
 * the host (ExposeSnapshot), or without one a LUN clone of the Snapshot copy mounted on the host, taken away when
 * closed. Never the live files.
 */
final class WindowsSnapshotAccess implements SnapshotAccess {

    private final WindowsBackupTarget target;
    private final WindowsSnapshotStore store;
    private final HostFiles files;

    WindowsSnapshotAccess(WindowsBackupTarget target, WindowsSnapshotStore store, HostFiles files) {
        this.target = target;
        this.store = store;
        this.files = files;
    }

    @Override
    public Opened open(String storageVolume, String snapshot) throws IOException {
        Optional<String> share = target.shareOf(storageVolume);
        if (share.isPresent()) {
            String root = WindowsSnapshotStore.unc(share.get(), ".snapshot/" + snapshot);
            return new Opened() {
                @Override
                public String description() {
                    return "the share's Snapshot copy " + root;
                }

                @Override
                public ByteSource open(String pathInVolume) throws IOException {
                    return files.openRandom(WindowsSnapshotStore.unc(root, pathInVolume));
                }

                @Override
                public void close() {
                }
            };
        }
        WindowsSnapshotStore.SnapshotFolder folder;
        try {
            folder = store.open(storageVolume, snapshot);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        return new Opened() {
            @Override
            public String description() {
                return folder.description() + " (" + storageVolume + " Snapshot copy " + snapshot + ")";
            }

            @Override
            public ByteSource open(String pathInVolume) throws IOException {
                return ByteSource.open(folder.file(pathInVolume));
            }

            @Override
            public void close() {
                try {
                    folder.close();
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(new IOException("could not close " + folder.description() + ": "
                            + e.getMessage(), e));
                }
            }
        };
    }
}
