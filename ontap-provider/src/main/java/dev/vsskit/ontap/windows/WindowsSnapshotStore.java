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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ONTAP as a Windows host reaches its backups' files: snapshots, retention and clones are ONTAP's (through
 * {@link OntapSnapshotStore}); a file in a Snapshot copy is read, and restored in place, the fastest way that is
 * honest for its storage. On an SMB share ONTAP serves the Snapshot copy under the share's {@code .snapshot}
 * folder and restores a file as a file clone from it (no data copied), renamed over the live file on the share. On
 * a LUN, ONTAP cannot see the files inside the LUN's NTFS: the Snapshot copy is opened on the host as a folder
 * ({@link SnapshotFolder}) and the files are read, or copied back, from it: the backup's persistent shadow copy
 * exposed (ExposeSnapshot) when the host still has it, the cheaper way; else (a crash-consistent backup, or a shadow
 * copy deleted since) a LUN clone of the Snapshot copy mapped to the host and mounted ({@link LunCloneMounts}).
 * A restore {@link #hold}s each Snapshot copy, so that one exposure or one clone serves all of its reads.
 */
final class WindowsSnapshotStore implements SnapshotStore {

    static final String CLONE_SUFFIX = ".vsskit-restore";

    private final WindowsBackupTarget target;
    private final OntapClient client;
    private final HostFiles files;
    private final OntapSnapshotStore ontap;
    private final Map<String, Held> held = new ConcurrentHashMap<>();

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

    /**
     * Each file back in place: a file clone renamed over it on a share; on a LUN a copy from the Snapshot copy opened
     * as a folder (the exposed shadow, or a mounted LUN clone).
     */
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
        SnapshotFolder folder = open(volume, snapshotName);
        try (folder) {
            for (FileRestore f : restores) {
                String live = target.liveVolumePath(volume) + f.destinationPath().replace('/', '\\');
                try (InputStream in = Files.newInputStream(folder.file(f.sourcePath()))) {
                    files.write(live, in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("restoring from " + folder.description() + " failed (" + e.getMessage()
                    + "); the files not yet copied are as they were", e);
        }
    }

    /** A file of a Snapshot copy: from the share's .snapshot folder, or from the exposed shadow of a LUN's volume. */
    private InputStream read(String volume, String snapshotName, String path) throws IOException {
        Optional<String> share = target.shareOf(volume);
        if (share.isPresent()) {
            return files.open(unc(share.get(), ".snapshot/" + snapshotName + "/" + path));
        }
        SnapshotFolder folder;
        try {
            folder = open(volume, snapshotName);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
        try {
            return new FilterInputStream(Files.newInputStream(folder.file(path))) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        folder.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            folder.close();
            throw e;
        }
    }

    /** A Snapshot copy of a LUN opened on the host as a folder; closing it takes the folder away again. */
    interface SnapshotFolder extends AutoCloseable {
        /** A file of the Snapshot copy (path relative to the volume root). */
        Path file(String path) throws IOException;

        /** What the folder is, for messages and deep verify's evidence. */
        String description();

        @Override
        void close();
    }

    /**
     * The Snapshot copy of a LUN's volume as a folder: the held one while a restore holds it; else the backup's shadow
     * copy exposed (cheaper: no ONTAP calls) or, without one, a LUN clone mapped to the host and mounted.
     */
    SnapshotFolder open(String volume, String snapshotName) {
        Held h = held.get(key(volume, snapshotName));
        if (h != null) {
            return h.shared();
        }
        Optional<Shadow> shadow = target.shadowOf(volume, snapshotName);
        if (shadow.isPresent()) {
            try {
                return expose(shadow.get());
            } catch (IOException e) {
                throw new UncheckedIOException("could not make an empty folder to expose shadow copy "
                        + shadow.get().shadowId() + " in (" + e.getMessage() + ")", e);
            }
        }
        LunCloneMounts.Mount mount = target.lunClones().mount(volume, snapshotName);
        String description = "LUN clone " + mount.cloneName() + " of " + volume + " Snapshot copy " + snapshotName
                + ", mounted on " + target.host().computerName() + " at " + mount.root();
        return new SnapshotFolder() {
            @Override
            public Path file(String path) throws IOException {
                return inside(mount.root(), path, "the mounted LUN clone");
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public void close() {
                mount.close();
            }
        };
    }

    /** A share's files are always readable; a LUN's Snapshot copy stays open (one exposure or clone) until closed. */
    @Override
    public Hold hold(String volume, String snapshotName) {
        if (target.shareOf(volume).isPresent()) {
            return () -> { };
        }
        String key = key(volume, snapshotName);
        Held h = held.compute(key, (k, existing) -> {
            if (existing != null) {
                existing.holders++;
                return existing;
            }
            return new Held(open(volume, snapshotName));
        });
        return new Hold() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                closed = true;
                boolean last;
                synchronized (h) {
                    last = --h.holders == 0;
                }
                if (last) {
                    held.remove(key, h);
                    h.folder.close();
                }
            }
        };
    }

    private static String key(String volume, String snapshotName) {
        return volume + "/" + snapshotName;
    }

    /** A held folder and how many holds keep it; what {@link #open} hands out meanwhile does not close it. */
    private static final class Held {
        final SnapshotFolder folder;
        int holders = 1;

        Held(SnapshotFolder folder) {
            this.folder = folder;
        }

        SnapshotFolder shared() {
            return new SnapshotFolder() {
                @Override
                public Path file(String path) throws IOException {
                    return folder.file(path);
                }

                @Override
                public String description() {
                    return folder.description();
                }

                @Override
                public void close() {
                }
            };
        }
    }

    static Path inside(Path root, String path, String what) throws IOException {
        Path f = root.resolve(path.replace('\\', '/')).normalize();
        if (!f.startsWith(root.normalize())) {
            throw new IOException("path " + path + " leaves " + what);
        }
        return f;
    }

    /** The shadow exposed in a new empty folder; closing unexposes it and removes the folder. */
    Exposure expose(Shadow shadow) throws IOException {
        Path at = Files.createTempDirectory("vsskit-shadow-");
        try {
            String name = target.host().exposeShadow(shadow.shadowId(), at);
            return new Exposure(shadow, at, Path.of(name.isEmpty() ? at.toString() : name));
        } catch (RuntimeException e) {
            deleteQuietly(at);
            throw e;
        }
    }

    final class Exposure implements SnapshotFolder {
        private final Shadow shadow;
        private final Path at;
        private final Path root;
        private boolean closed;

        Exposure(Shadow shadow, Path at, Path root) {
            this.shadow = shadow;
            this.at = at;
            this.root = root;
        }

        @Override
        public Path file(String path) throws IOException {
            return inside(root, path, "the exposed shadow copy");
        }

        @Override
        public String description() {
            return "shadow copy " + shadow.shadowId() + " of " + shadow.originalVolumePath() + ", exposed on "
                    + target.host().computerName();
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

    /**
     * Only the folder, once empty: one that still holds files is still a mount point (the unexpose failed), and
     * those files are the shadow copy's. Left behind then, as a temporary folder nothing depends on.
     */
    private static void deleteQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // still mounted, or not ours to remove: left behind
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

}
