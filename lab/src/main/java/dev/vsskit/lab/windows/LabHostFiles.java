package dev.vsskit.lab.windows;

import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.windows.HostFiles;
import dev.vsskit.vss.verify.disk.ByteSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;

/**
 * A served lab's files by their Windows paths, for the Windows backup target's tests: a path on a lab volume is the
 * file in that volume's store; a share's {@code \\svm\share\.snapshot\NAME\...} is the file in the simulator's
 * Snapshot copy, as ONTAP serves it over SMB. Writes go through the volume's copy-on-write store, so the
 * volume's snapshots keep their bytes, as WAFL keeps them under a real host's writes; a rename on a share is the
 * store's replace and delete (the lab's stand-in for SMB's rename, which moves no data on ONTAP).
 */
public final class LabHostFiles implements HostFiles {

    private static final String SNAPSHOT_FOLDER = "\\.snapshot\\";

    private final LabHost lab;

    public LabHostFiles(LabHost lab) {
        this.lab = lab;
    }

    private record Located(LabVolume volume, String relative) {
    }

    private Located locate(String windowsPath) {
        String p = windowsPath.replace('/', '\\');
        String lower = p.toLowerCase(Locale.ROOT);
        LabVolume v = lab.config().volumes().stream()
                .filter(x -> lower.startsWith(withSlash(x.path()).toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(x -> x.path().length()))
                .orElseThrow(() -> new LabException(windowsPath + " is on no volume of the lab"));
        return new Located(v, p.substring(withSlash(v.path()).length()).replace('\\', '/'));
    }

    private static String withSlash(String path) {
        return path.endsWith("\\") ? path : path + "\\";
    }

    private CowVolumeStore store(LabVolume v) {
        return CowVolumeStore.open(lab.dir().resolve("volumes").resolve(v.key()));
    }

    @Override
    public Path path(String windowsPath) {
        Located l = locate(windowsPath);
        return lab.volumeData(l.volume().key()).resolve(l.relative());
    }

    /** A file of a share's {@code .snapshot\NAME\} folder: the snapshot's name and the path inside it. */
    private record InSnapshot(LabVolume volume, String snapshot, String path) {
    }

    private java.util.Optional<InSnapshot> inSnapshot(String windowsPath) throws IOException {
        Located l = locate(windowsPath);
        String inShare = "\\" + l.relative().replace('/', '\\');
        if (l.volume().kind() != VolumeKind.SMB || !inShare.toLowerCase(Locale.ROOT).startsWith(SNAPSHOT_FOLDER)) {
            return java.util.Optional.empty();
        }
        String rest = l.relative().substring(".snapshot/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new java.io.FileNotFoundException(windowsPath);
        }
        return java.util.Optional.of(new InSnapshot(l.volume(), rest.substring(0, slash), rest.substring(slash + 1)));
    }

    @Override
    public InputStream open(String windowsPath) throws IOException {
        java.util.Optional<InSnapshot> snap = inSnapshot(windowsPath);
        if (snap.isPresent()) {
            return OntapLab.snapshotFileAccess(lab.dir()).open(snap.get().volume().ontapVolume(), snap.get().snapshot(),
                    snap.get().path());
        }
        return Files.newInputStream(path(windowsPath));
    }

    @Override
    public ByteSource openRandom(String windowsPath) throws IOException {
        java.util.Optional<InSnapshot> in = inSnapshot(windowsPath);
        if (in.isEmpty()) {
            return ByteSource.open(path(windowsPath));
        }
        OntapLab.StoredSnapshot stored = OntapLab.storedSnapshot(lab.dir(), in.get().volume().ontapVolume(),
                in.get().snapshot()).orElseThrow(() -> new java.io.FileNotFoundException(windowsPath));
        String id = stored.snapshotId();
        CowVolumeStore store = stored.store();
        long size = store.snapshot(id).orElseThrow(() -> new java.io.FileNotFoundException(windowsPath)).files().stream()
                .filter(f -> f.path().equals(in.get().path())).findFirst()
                .orElseThrow(() -> new java.io.FileNotFoundException(windowsPath)).size();
        return new ByteSource() {
            private long read;

            @Override
            public long size() {
                return size;
            }

            @Override
            public void read(long offset, byte[] into, int at, int length) throws IOException {
                if (offset < 0 || offset + length > size) {
                    throw new java.io.EOFException(windowsPath + ": " + length + " bytes at " + offset + " are past its"
                            + " end (" + size + ")");
                }
                byte[] b = store.readSnapshot(id, in.get().path(), offset, length);
                System.arraycopy(b, 0, into, at, length);
                read += length;
            }

            @Override
            public long bytesRead() {
                return read;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void write(String windowsPath, InputStream content) throws IOException {
        Located l = locate(windowsPath);
        store(l.volume()).replace(l.relative(), content.readAllBytes());
    }

    @Override
    public void rename(String fromWindowsPath, String toWindowsPath) throws IOException {
        Located from = locate(fromWindowsPath);
        Located to = locate(toWindowsPath);
        if (!from.volume().equals(to.volume())) {
            throw new IOException("cannot rename across volumes: " + fromWindowsPath + " -> " + toWindowsPath);
        }
        CowVolumeStore store = store(from.volume());
        store.replace(to.relative(), store.readLive(from.relative()));
        store.delete(from.relative());
    }
}
