package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.OntapSnapshotStore;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.store.FileRestore;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageHealth;
import dev.vsskit.vss.store.StorageSnapshot;
import dev.vsskit.vss.store.StorageVolume;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ONTAP as a Windows host reaches its backups' files: snapshots, retention and clones are ONTAP's (through
 * {@link OntapSnapshotStore}); a file in a Snapshot copy is read, and restored in place, the fastest way that is
 * honest for its storage. On an SMB share ONTAP serves the Snapshot copy under the share's {@code .snapshot}
 * folder and restores a file as a file clone from it (no data copied), renamed over the live file on the share. On
 * a LUN, ONTAP cannot see the files inside the LUN's NTFS: the backup's persistent shadow copy is exposed on the
 * host (ExposeSnapshot) and the files are read, or copied back, from it; a crash-consistent backup of a LUN has no
 * shadow, and is refused in one line.
 */
final class WindowsSnapshotStore implements SnapshotStore {

    static final String CLONE_SUFFIX = ".vsskit-restore";

    private final WindowsBackupTarget target;
    private final OntapClient client;
    private final HostFiles files;
    private final OntapSnapshotStore ontap;

    WindowsSnapshotStore(WindowsBackupTarget target, OntapClient client, HostFiles files) {
        this.target = target;
        this.client = client;
        this.files = files;
        this.ontap = new OntapSnapshotStore(client, this::read);
    }

    OntapSnapshotStore ontap() {
        return ontap;
    }

    @Override
    public String describe() {
        return ontap.describe();
    }

    @Override
    public List<StorageVolume> volumes() {
        return ontap.volumes();
    }

    @Override
    public List<StorageSnapshot> snapshots(String volume) {
        return ontap.snapshots(volume);
    }

    @Override
    public List<StorageSnapshot> createSnapshots(List<String> volumes, String snapshotName, String comment) {
        return ontap.createSnapshots(volumes, snapshotName, comment);
    }

    @Override
    public void deleteSnapshot(String volume, String snapshotName) {
        ontap.deleteSnapshot(volume, snapshotName);
    }

    @Override
    public StorageHealth health() {
        return ontap.health();
    }

    @Override
    public String cloneVolume(String volume, String snapshotName, String cloneName) {
        return ontap.cloneVolume(volume, snapshotName, cloneName);
    }

    @Override
    public void deleteClone(String cloneName) {
        ontap.deleteClone(cloneName);
    }

    /**
     * Not on Windows: a SnapRestore of a volume under an online CSV or a share in use would pull it from under
     * Windows. The Windows target restores file by file ({@link WindowsBackupTarget#restoreRoute}), so this is not
     * reached by {@code restore}.
     */
    @Override
    public void restoreVolume(String volume, String snapshotName) {
        throw new UnsupportedOperationException("vsskit does not SnapRestore whole volumes under a Windows host; it"
                + " restores the VM's files");
    }

    @Override
    public InputStream openSnapshotFile(String volume, String snapshotName, String path) throws IOException {
        return ontap.openSnapshotFile(volume, snapshotName, path);
    }

    /** Each file back in place: a file clone renamed over it on a share; a copy from the exposed shadow on a LUN. */
    @Override
    public void restoreFiles(String volume, String snapshotName, List<FileRestore> restores) {
        VolumeInfo v = client.requireVolume(volume);
        if (client.snapshotByName(v.uuid(), snapshotName).isEmpty()) {
            throw new IllegalArgumentException("volume " + volume + " has no Snapshot copy named " + snapshotName);
        }
        Optional<String> share = target.shareOf(volume);
        if (share.isPresent()) {
            String inVolume = target.sharePathInVolume(share.get());
            for (FileRestore f : restores) {
                String dest = join(inVolume, f.destinationPath());
                String clone = dest + CLONE_SUFFIX;
                client.cloneFile(v.uuid(), v.name(), ".snapshot/" + snapshotName + "/" + join(inVolume, f.sourcePath()),
                        clone);
                try {
                    files.rename(unc(share.get(), f.destinationPath() + CLONE_SUFFIX), unc(share.get(),
                            f.destinationPath()));
                } catch (IOException e) {
                    throw new UncheckedIOException("the file clone " + clone + " was made on volume " + volume
                            + " but could not be renamed over " + unc(share.get(), f.destinationPath()) + " ("
                            + e.getMessage() + "); rename it by hand, or delete it and restore again", e);
                }
            }
            return;
        }
        Shadow shadow = shadowFor(volume, snapshotName);
        try (Exposure exposed = expose(shadow)) {
            for (FileRestore f : restores) {
                String live = withSlash(shadow.originalVolumePath()) + f.destinationPath().replace('/', '\\');
                try (InputStream in = Files.newInputStream(exposed.file(f.sourcePath()))) {
                    files.write(live, in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("restoring from the exposed shadow copy " + shadow.shadowId() + " failed ("
                    + e.getMessage() + "); the files not yet copied are as they were", e);
        }
    }

    /** A file of a Snapshot copy: from the share's .snapshot folder, or from the exposed shadow of a LUN's volume. */
    private InputStream read(String volume, String snapshotName, String path) throws IOException {
        Optional<String> share = target.shareOf(volume);
        if (share.isPresent()) {
            return files.open(unc(share.get(), ".snapshot/" + snapshotName + "/" + path));
        }
        Shadow shadow;
        try {
            shadow = shadowFor(volume, snapshotName);
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e);
        }
        Exposure exposed = expose(shadow);
        try {
            return new FilterInputStream(Files.newInputStream(exposed.file(path))) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        exposed.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            exposed.close();
            throw e;
        }
    }

    Shadow shadowFor(String volume, String snapshotName) {
        return target.shadowOf(volume, snapshotName).orElseThrow(() -> new IllegalStateException("Snapshot copy "
                + snapshotName + " of volume " + volume + " holds a LUN, and no shadow copy on "
                + target.host().computerName() + " is that copy (a crash-consistent backup has none, or it was"
                + " deleted); vsskit reads files inside a LUN through the backup's shadow copy. Restore an"
                + " application-consistent backup, or restore the LUN with ONTAP (SnapRestore of " + volume + " to "
                + snapshotName + ") with its CSV offline"));
    }

    /** The shadow exposed in a new empty folder; closing unexposes it and removes the folder. */
    Exposure expose(Shadow shadow) throws IOException {
        Path at = Files.createTempDirectory("vsskit-shadow-");
        try {
            String name = target.host().exposeShadow(shadow.shadowId(), at);
            return new Exposure(at, Path.of(name.isEmpty() ? at.toString() : name));
        } catch (RuntimeException e) {
            deleteQuietly(at);
            throw e;
        }
    }

    final class Exposure implements AutoCloseable {
        private final Path at;
        private final Path root;
        private boolean closed;

        Exposure(Path at, Path root) {
            this.at = at;
            this.root = root;
        }

        Path file(String path) throws IOException {
            Path f = root.resolve(path.replace('\\', '/')).normalize();
            if (!f.startsWith(root.normalize())) {
                throw new IOException("path " + path + " leaves the exposed shadow copy");
            }
            return f;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                target.host().unexposeShadow(at);
            } finally {
                deleteQuietly(at);
            }
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind; nothing depends on it
        }
    }

    private static String join(String inVolume, String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return inVolume.isEmpty() ? p : inVolume + "/" + p;
    }

    static String unc(String shareRoot, String path) {
        String p = path.replace('/', '\\');
        while (p.startsWith("\\")) {
            p = p.substring(1);
        }
        return shareRoot + "\\" + p;
    }

    private static String withSlash(String path) {
        return path.endsWith("\\") ? path : path + "\\";
    }
}
