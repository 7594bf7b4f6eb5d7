package dev.vsskit.ontap.windows;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.SnapshotAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Deep verify's access to a backup's Snapshot copy from a Windows host, without copying it: on a share, the
 * Snapshot copy under the share's {@code .snapshot} folder; on a LUN, the backup's persistent shadow copy exposed on
 * the host (ExposeSnapshot), unexposed when closed. Never the live files.
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
        Shadow shadow;
        try {
            shadow = store.shadowFor(storageVolume, snapshot);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        WindowsSnapshotStore.Exposure exposed = store.expose(shadow);
        return new Opened() {
            @Override
            public String description() {
                return "shadow copy " + shadow.shadowId() + " of " + shadow.originalVolumePath() + " (" + storageVolume
                        + " Snapshot copy " + snapshot + "), exposed on " + target.host().computerName();
            }

            @Override
            public ByteSource open(String pathInVolume) throws IOException {
                return ByteSource.open(exposed.file(pathInVolume));
            }

            @Override
            public void close() {
                try {
                    exposed.close();
                } catch (RuntimeException e) {
                    throw new UncheckedIOException(new IOException("could not unexpose shadow copy "
                            + shadow.shadowId() + ": " + e.getMessage(), e));
                }
            }
        };
    }
}
