package dev.vsskit.lab.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.lab.storage.internal.SnapshotPatches;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.FileTrees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A lab volume: a folder with {@code data/} (the live files) and {@code snapshots/<id>/} (point-in-time
 * copies). Taking a snapshot records a manifest (path, size, times, identity) and copies no data, so its
 * cost depends on the number of files, not their size. Writes made through the store preserve, block by
 * block ({@value #BLOCK_SIZE} bytes), the old content every snapshot still needs before the live file
 * changes (copy-on-write, as volsnap and WAFL do). A snapshot read returns exactly the bytes at snapshot
 * time, or fails with {@link SnapshotDataUnavailableException} when the live file was changed outside
 * the store and the snapshot's bytes are gone.
 *
 * <p>Metadata (the live index and each snapshot's manifest) is written with {@link AtomicFiles}; a
 * preserved block is written atomically before the live block changes, so a crash between the two
 * leaves the snapshot readable, and a crash after the live write but before the index update is seen as
 * an outside change (a clear error, never wrong bytes). One instance per folder per process
 * ({@link #open}); callers that share a lab across processes hold the lab lock.
 */
public final class CowVolumeStore {

    public static final int BLOCK_SIZE = 64 * 1024;

    private static final Pattern SNAPSHOT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._{}-]{0,254}");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, CowVolumeStore> OPEN = new ConcurrentHashMap<>();

    private final Path root;
    private final Path data;
    private final Path snapshotsDir;
    private final Path indexFile;

    /** Live index: path → what the store last wrote or saw there. */
    private final Map<String, IndexEntry> index = new TreeMap<>();
    private long nextFileId = 1;
    private final Map<String, VolumeSnapshot> snapshots = new LinkedHashMap<>();
    /** snapshot id → file id → preserved block numbers. */
    private final Map<String, Map<Long, Set<Long>>> preserved = new HashMap<>();

    private record IndexEntry(long fileId, long lineage, long size, long mtimeNanos, long ctimeNanos,
            String fileKey) {
        boolean matches(FileStamp s) {
            return s.sameAs(size, mtimeNanos, ctimeNanos, fileKey);
        }

        IndexEntry with(FileStamp s, long newLineage) {
            return new IndexEntry(fileId, newLineage, s.size(), s.mtimeNanos(), s.ctimeNanos(), s.fileKey());
        }
    }

    private CowVolumeStore(Path root) throws IOException {
        this.root = root;
        this.data = root.resolve("data");
        this.snapshotsDir = root.resolve("snapshots");
        this.indexFile = root.resolve("index.json");
        Files.createDirectories(data);
        Files.createDirectories(snapshotsDir);
        load();
    }

    /** The store of this folder (created if missing); the same instance for the same folder in one process. */
    public static CowVolumeStore open(Path root) {
        Path key = root.toAbsolutePath().normalize();
        return OPEN.computeIfAbsent(key, k -> {
            try {
                return new CowVolumeStore(k);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open volume store " + k + ": " + e.getMessage(), e);
            }
        });
    }

    public Path root() {
        return root;
    }

    public Path dataDir() {
        return data;
    }

    // ------------------------------------------------------------------ live files

    /** Relative paths ('/' separated) of the live files, sorted. */
    public synchronized List<String> liveFiles() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(data)) {
            s.filter(Files::isRegularFile).forEach(p -> out.add(relative(p)));
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    public synchronized byte[] readLive(String path) throws IOException {
        return Files.readAllBytes(live(path));
    }

    /** Creates a new file; fails if one exists at that path. */
    public synchronized void create(String path, byte[] content) throws IOException {
        Path file = live(path);
        if (Files.exists(file)) {
            throw new IOException("cannot create " + path + " in " + root + ": the file exists (use replace)");
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, content);
        index.put(path, newEntry(FileStamp.of(file)));
        saveIndex();
    }

    /** Writes {@code bytes} at {@code offset}, extending the file if needed (creates it if missing). */
    public synchronized void write(String path, long offset, byte[] bytes) throws IOException {
        if (offset < 0) {
            throw new IllegalArgumentException("negative offset " + offset);
        }
        Path file = live(path);
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        }
        IndexEntry entry = current(path, file);
        if (bytes.length > 0) {
            preserveBlocks(path, entry, offset / BLOCK_SIZE, (offset + bytes.length - 1) / BLOCK_SIZE);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            long pos = offset;
            while (buf.hasRemaining()) {
                pos += ch.write(buf, pos);
            }
            ch.force(false);
        }
        index.put(path, entry.with(FileStamp.of(file), entry.lineage()));
        saveIndex();
    }

    /** Shortens or extends the file to {@code size} bytes. */
    public synchronized void truncate(String path, long size) throws IOException {
        Path file = existing(path);
        IndexEntry entry = current(path, file);
        if (size < entry.size()) {
            preserveBlocks(path, entry, size / BLOCK_SIZE, Long.MAX_VALUE);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            if (size < ch.size()) {
                ch.truncate(size);
            } else if (size > ch.size()) {
                ch.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
            ch.force(false);
        }
        index.put(path, entry.with(FileStamp.of(file), entry.lineage()));
        saveIndex();
    }

    /** Replaces the whole content of a file (creates it if missing). */
    public synchronized void replace(String path, byte[] content) throws IOException {
        Path file = live(path);
        IndexEntry entry = null;
        if (Files.exists(file)) {
            entry = current(path, file);
            preserveBlocks(path, entry, 0, Long.MAX_VALUE);
        } else {
            Files.createDirectories(file.getParent());
        }
        AtomicFiles.write(file, content);
        FileStamp stamp = FileStamp.of(file);
        index.put(path, entry == null ? newEntry(stamp) : entry.with(stamp, entry.lineage()));
        saveIndex();
    }

    public synchronized void delete(String path) throws IOException {
        Path file = existing(path);
        IndexEntry entry = current(path, file);
        preserveBlocks(path, entry, 0, Long.MAX_VALUE);
        Files.delete(file);
        index.remove(path);
        saveIndex();
    }

    // ------------------------------------------------------------------ snapshots

    /**
     * Takes a snapshot: records every live file's stamp; copies no data. Byte patches scheduled for the next
     * snapshot ({@link SnapshotPatches}, the lab's disk faults) land in this snapshot only.
     */
    public synchronized VolumeSnapshot createSnapshot(String id) throws IOException {
        SnapshotPatches.Undo undo = SnapshotPatches.apply(this);
        VolumeSnapshot taken = null;
        try {
            taken = takeSnapshot(id);
            return taken;
        } finally {
            undo.revert(taken != null);
        }
    }

    private VolumeSnapshot takeSnapshot(String id) throws IOException {
        if (!SNAPSHOT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("invalid snapshot id '" + id
                    + "': use letters, digits, '.', '_', '-', '{', '}' (at most 255, starting with a letter or digit)");
        }
        if (snapshots.containsKey(id) || Files.exists(snapshotsDir.resolve(id))) {
            throw new IllegalStateException("snapshot " + id + " already exists in " + root);
        }
        Map<String, IndexEntry> before = new HashMap<>(index);
        List<SnapshotFile> files = new ArrayList<>();
        for (String path : liveFiles()) {
            IndexEntry e = current(path, live(path));
            files.add(new SnapshotFile(path, e.size(), e.mtimeNanos(), e.ctimeNanos(), e.fileKey(), e.fileId(),
                    e.lineage()));
        }
        index.keySet().retainAll(new HashSet<>(files.stream().map(SnapshotFile::path).toList()));
        if (!index.equals(before)) {
            saveIndex(); // only when a file was new or changed outside the store: one fsync less per snapshot
        }
        VolumeSnapshot snap = new VolumeSnapshot(id, Instant.now(), files);
        Path dir = snapshotsDir.resolve(id);
        Files.createDirectories(dir.resolve("blocks"));
        AtomicFiles.write(dir.resolve("snapshot.json"), JSON.writeValueAsBytes(toJson(snap)));
        snapshots.put(id, snap);
        preserved.put(id, new HashMap<>());
        return snap;
    }

    public synchronized List<VolumeSnapshot> snapshots() {
        return List.copyOf(snapshots.values());
    }

    public synchronized Optional<VolumeSnapshot> snapshot(String id) {
        return Optional.ofNullable(snapshots.get(id));
    }

    /** Deletes a snapshot and the blocks only it kept. */
    public synchronized void deleteSnapshot(String id) throws IOException {
        VolumeSnapshot snap = require(id);
        Path dir = snapshotsDir.resolve(id);
        // Removing snapshot.json first makes the deletion atomic: a folder without it is debris.
        Files.deleteIfExists(dir.resolve("snapshot.json"));
        AtomicFiles.syncDirectory(dir);
        snapshots.remove(snap.id());
        preserved.remove(snap.id());
        FileTrees.delete(dir);
    }

    /** Reads up to {@code length} bytes of a snapshot's file at {@code offset}; fewer at its end. */
    public synchronized byte[] readSnapshot(String id, String path, long offset, int length) throws IOException {
        VolumeSnapshot snap = require(id);
        SnapshotFile f = fileOf(snap, path);
        if (offset >= f.size() || length <= 0) {
            return new byte[0];
        }
        int n = (int) Math.min(length, f.size() - offset);
        byte[] out = new byte[n];
        int done = 0;
        while (done < n) {
            long pos = offset + done;
            long block = pos / BLOCK_SIZE;
            byte[] blockBytes = snapshotBlock(snap, f, block);
            int inBlock = (int) (pos - block * BLOCK_SIZE);
            int take = Math.min(n - done, blockBytes.length - inBlock);
            if (take <= 0) {
                throw new SnapshotDataUnavailableException("snapshot " + id + " of " + root + ": block " + block
                        + " of " + path + " is short; the store is damaged");
            }
            System.arraycopy(blockBytes, inBlock, out, done, take);
            done += take;
        }
        return out;
    }

    /**
     * The whole file as it was in the snapshot, as a channel for large reads: each read takes as many
     * consecutive blocks the snapshot still shares with the live file as fit, in one read of the live file
     * (checking once per read that the live file was changed through the store only), and a preserved
     * block from its block file. Holes of the live file come back as zeros, as the file system reads them.
     */
    public ReadableByteChannel openSnapshotChannel(String id, String path) throws IOException {
        SnapshotFile f;
        synchronized (this) {
            f = fileOf(require(id), path);
            checkReadable(require(id), f);
        }
        return new ReadableByteChannel() {
            private long pos;
            private boolean open = true;

            @Override
            public int read(ByteBuffer dst) throws IOException {
                if (!open) {
                    throw new java.nio.channels.ClosedChannelException();
                }
                if (pos >= f.size()) {
                    return -1;
                }
                int n = readSnapshotInto(id, f, pos, dst);
                pos += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }

    /** One read of {@link #openSnapshotChannel}: the bytes at {@code offset}, at most what {@code dst} holds. */
    private synchronized int readSnapshotInto(String id, SnapshotFile f, long offset, ByteBuffer dst)
            throws IOException {
        VolumeSnapshot snap = require(id);
        int want = (int) Math.min(dst.remaining(), f.size() - offset);
        if (want <= 0) {
            return 0;
        }
        long block = offset / BLOCK_SIZE;
        Set<Long> kept = preservedBlocks(snap.id(), f.fileId());
        if (kept.contains(block)) {
            byte[] b = snapshotBlock(snap, f, block);
            int inBlock = (int) (offset - block * BLOCK_SIZE);
            int take = Math.min(want, b.length - inBlock);
            if (take <= 0) {
                throw new SnapshotDataUnavailableException("snapshot " + id + " of " + root + ": block " + block
                        + " of " + f.path() + " is short; the store is damaged");
            }
            dst.put(b, inBlock, take);
            return take;
        }
        // the run of shared blocks from here, up to the next preserved one
        long end = offset + want;
        for (long b = block + 1; b * BLOCK_SIZE < end; b++) {
            if (kept.contains(b)) {
                end = b * BLOCK_SIZE;
                break;
            }
        }
        checkLiveTrusted(snap, f);
        int take = (int) (end - offset);
        ByteBuffer slice = dst.duplicate();
        slice.limit(slice.position() + take);
        try (FileChannel ch = FileChannel.open(live(f.path()), StandardOpenOption.READ)) {
            while (slice.hasRemaining()) {
                if (ch.read(slice, offset + (slice.position() - dst.position())) < 0) {
                    throw unavailable(snap, f);
                }
            }
        }
        dst.position(dst.position() + take);
        return take;
    }

    /**
     * Writes {@code bytes} at {@code offset} of a file as the snapshot holds it, inside the file's size: what a
     * writable shadow allows its writers during auto-recovery (VSS_VOLSNAP_ATTR_AUTORECOVER; on ONTAP, the
     * provider's writable clone of the copy). The blocks written become the snapshot's own; the live file and
     * every other snapshot are untouched.
     */
    public synchronized void writeSnapshot(String id, String path, long offset, byte[] bytes) throws IOException {
        VolumeSnapshot snap = require(id);
        SnapshotFile f = fileOf(snap, path);
        if (offset < 0 || offset + bytes.length > f.size()) {
            throw new IllegalArgumentException("cannot write " + bytes.length + " bytes at " + offset + " of " + path
                    + " in snapshot " + id + ": the file holds " + f.size() + " bytes there");
        }
        checkReadable(snap, f);
        int done = 0;
        while (done < bytes.length) {
            long pos = offset + done;
            long block = pos / BLOCK_SIZE;
            byte[] content = snapshotBlock(snap, f, block).clone();
            int inBlock = (int) (pos - block * BLOCK_SIZE);
            int take = Math.min(bytes.length - done, content.length - inBlock);
            System.arraycopy(bytes, done, content, inBlock, take);
            AtomicFiles.write(blockFile(id, f.fileId(), block), content);
            preservedBlocks(id, f.fileId()).add(block);
            done += take;
        }
    }

    /** The whole file as it was in the snapshot, streamed block by block. */
    public InputStream openSnapshotFile(String id, String path) throws IOException {
        SnapshotFile f;
        synchronized (this) {
            f = fileOf(require(id), path);
            checkReadable(require(id), f);
        }
        long size = f.size();
        return new InputStream() {
            private long pos;
            private byte[] buf = new byte[0];
            private int bufPos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (bufPos >= buf.length) {
                    if (pos >= size) {
                        return -1;
                    }
                    buf = readSnapshot(id, path, pos, BLOCK_SIZE);
                    bufPos = 0;
                    pos += buf.length;
                }
                int take = Math.min(len, buf.length - bufPos);
                System.arraycopy(buf, bufPos, b, off, take);
                bufPos += take;
                return take;
            }
        };
    }

    /** Puts one file back from a snapshot at {@code destinationPath} (may be the same path), byte-exact. */
    public synchronized void restoreFile(String id, String path, String destinationPath) throws IOException {
        VolumeSnapshot snap = require(id);
        SnapshotFile f = fileOf(snap, path);
        checkReadable(snap, f);
        // Read everything first: restoring over the source path must not read blocks it already rewrote.
        Path tmp = Files.createTempFile(root, "restore", AtomicFiles.TEMP_SUFFIX);
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                for (long pos = 0; pos < f.size(); pos += BLOCK_SIZE) {
                    byte[] b = readSnapshot(id, path, pos, BLOCK_SIZE);
                    if (!isZero(b)) {
                        out.write(ByteBuffer.wrap(b), pos);
                    }
                }
                out.truncate(f.size());
                if (out.size() < f.size()) {
                    out.write(ByteBuffer.wrap(new byte[1]), f.size() - 1);
                }
            }
            Path dest = live(destinationPath);
            if (!Files.exists(dest)) {
                Files.createDirectories(dest.getParent());
                Files.createFile(dest);
            }
            IndexEntry entry = current(destinationPath, dest);
            try (FileChannel in = FileChannel.open(tmp, StandardOpenOption.READ)) {
                copyChangedBlocks(destinationPath, dest, entry, in, f.size());
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whole-volume restore: the live files become exactly the snapshot's files. */
    public synchronized void restoreVolume(String id) throws IOException {
        VolumeSnapshot snap = require(id);
        for (SnapshotFile f : snap.files()) {
            checkReadable(snap, f);
        }
        Set<String> keep = new HashSet<>();
        for (SnapshotFile f : snap.files()) {
            keep.add(f.path());
        }
        for (String path : liveFiles()) {
            if (!keep.contains(path)) {
                delete(path);
            }
        }
        for (SnapshotFile f : snap.files()) {
            restoreFile(id, f.path(), f.path());
        }
    }

    /**
     * A writable clone of a snapshot in another folder (for inspection): a new store whose live files are
     * the snapshot's. All-zero blocks are not written, so sparse files stay sparse.
     */
    public synchronized CowVolumeStore cloneSnapshot(String id, Path cloneRoot) throws IOException {
        VolumeSnapshot snap = require(id);
        if (Files.exists(cloneRoot.resolve("data")) || Files.exists(cloneRoot.resolve("index.json"))) {
            throw new IOException("cannot clone snapshot " + id + " into " + cloneRoot + ": a volume exists there");
        }
        for (SnapshotFile f : snap.files()) {
            checkReadable(snap, f);
        }
        Path cloneData = cloneRoot.resolve("data");
        for (SnapshotFile f : snap.files()) {
            Path target = cloneData.resolve(f.path());
            Files.createDirectories(target.getParent());
            try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (long pos = 0; pos < f.size(); pos += BLOCK_SIZE) {
                    byte[] b = readSnapshot(id, f.path(), pos, BLOCK_SIZE);
                    if (!isZero(b)) {
                        out.write(ByteBuffer.wrap(b), pos);
                    }
                }
                if (out.size() < f.size()) {
                    out.write(ByteBuffer.wrap(new byte[1]), f.size() - 1);
                }
                out.force(false);
            }
        }
        return open(cloneRoot);
    }

    /** Forgets this instance; the next {@link #open} of the folder reads the state from disk again. */
    public void close() {
        OPEN.remove(root.toAbsolutePath().normalize(), this);
    }

    /** Deletes this store's folder entirely (a clone no longer needed). */
    public synchronized void destroy() throws IOException {
        OPEN.remove(root.toAbsolutePath().normalize());
        snapshots.clear();
        preserved.clear();
        index.clear();
        FileTrees.delete(root);
    }

    // ------------------------------------------------------------------ internals

    private void copyChangedBlocks(String path, Path dest, IndexEntry entry, FileChannel in, long size)
            throws IOException {
        try (FileChannel out = FileChannel.open(dest, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long blocks = (size + BLOCK_SIZE - 1) / BLOCK_SIZE;
            for (long b = 0; b < blocks; b++) {
                byte[] want = readAt(in, b * BLOCK_SIZE, BLOCK_SIZE);
                byte[] have = readAt(out, b * BLOCK_SIZE, BLOCK_SIZE);
                if (!java.util.Arrays.equals(want, have)) {
                    preserveBlocks(path, entry, b, b);
                    out.write(ByteBuffer.wrap(want), b * BLOCK_SIZE);
                }
            }
            if (out.size() > size) {
                preserveBlocks(path, entry, size / BLOCK_SIZE, Long.MAX_VALUE);
                out.truncate(size);
            }
            out.force(false);
        }
        index.put(path, entry.with(FileStamp.of(dest), entry.lineage()));
        saveIndex();
    }

    /**
     * The index entry of a live file, made current: a file the store has not seen gets a new id; a file
     * whose stamp differs from the index was changed outside the store, so its lineage moves on and
     * older snapshots stop trusting its live blocks.
     */
    private IndexEntry current(String path, Path file) throws IOException {
        FileStamp stamp = FileStamp.of(file);
        IndexEntry e = index.get(path);
        if (e == null) {
            e = newEntry(stamp);
            index.put(path, e);
        } else if (!e.matches(stamp)) {
            e = e.with(stamp, e.lineage() + 1);
            index.put(path, e);
        }
        return e;
    }

    private IndexEntry newEntry(FileStamp stamp) {
        return new IndexEntry(nextFileId++, 0, stamp.size(), stamp.mtimeNanos(), stamp.ctimeNanos(), stamp.fileKey());
    }

    /** Copies blocks first..last of the live file into every snapshot that still needs them. */
    private void preserveBlocks(String path, IndexEntry entry, long first, long last) throws IOException {
        Path file = live(path);
        for (VolumeSnapshot snap : snapshots.values()) {
            SnapshotFile f = find(snap, path);
            if (f == null || f.fileId() != entry.fileId() || f.lineage() != entry.lineage()) {
                continue;
            }
            long end = Math.min(last, f.blockCount(BLOCK_SIZE) - 1);
            Set<Long> kept = preservedBlocks(snap.id(), f.fileId());
            for (long b = first; b <= end; b++) {
                if (kept.contains(b)) {
                    continue;
                }
                byte[] bytes;
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                    bytes = readAt(ch, b * BLOCK_SIZE, (int) Math.min(BLOCK_SIZE, f.size() - b * BLOCK_SIZE));
                }
                AtomicFiles.write(blockFile(snap.id(), f.fileId(), b), bytes);
                kept.add(b);
            }
        }
    }

    private byte[] snapshotBlock(VolumeSnapshot snap, SnapshotFile f, long block) throws IOException {
        int want = (int) Math.min(BLOCK_SIZE, f.size() - block * BLOCK_SIZE);
        if (preservedBlocks(snap.id(), f.fileId()).contains(block)) {
            byte[] b = Files.readAllBytes(blockFile(snap.id(), f.fileId(), block));
            return b.length > want ? java.util.Arrays.copyOf(b, want) : b;
        }
        checkLiveTrusted(snap, f);
        try (FileChannel ch = FileChannel.open(live(f.path()), StandardOpenOption.READ)) {
            byte[] b = readAt(ch, block * BLOCK_SIZE, want);
            if (b.length < want) {
                throw unavailable(snap, f);
            }
            return b;
        }
    }

    private void checkReadable(VolumeSnapshot snap, SnapshotFile f) throws IOException {
        if (preservedBlocks(snap.id(), f.fileId()).size() < f.blockCount(BLOCK_SIZE)) {
            checkLiveTrusted(snap, f);
        }
    }

    /** The live file still descends, through store writes only, from the snapshot's version. */
    private void checkLiveTrusted(VolumeSnapshot snap, SnapshotFile f) throws IOException {
        IndexEntry e = index.get(f.path());
        Path file = live(f.path());
        if (e == null || e.fileId() != f.fileId() || e.lineage() != f.lineage() || !Files.exists(file)
                || !e.matches(FileStamp.of(file))) {
            throw unavailable(snap, f);
        }
    }

    private SnapshotDataUnavailableException unavailable(VolumeSnapshot snap, SnapshotFile f) {
        return new SnapshotDataUnavailableException("snapshot " + snap.id() + " of volume " + root.getFileName()
                + ": " + f.path() + " was changed outside the volume store after the snapshot (its size or times"
                + " differ), so the snapshot's bytes of it are lost; change lab volume files through the store only");
    }

    private Set<Long> preservedBlocks(String snapId, long fileId) throws IOException {
        Map<Long, Set<Long>> byFile = preserved.computeIfAbsent(snapId, k -> new HashMap<>());
        Set<Long> set = byFile.get(fileId);
        if (set == null) {
            set = new HashSet<>();
            Path dir = snapshotsDir.resolve(snapId).resolve("blocks").resolve(Long.toString(fileId));
            if (Files.isDirectory(dir)) {
                try (Stream<Path> s = Files.list(dir)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        String n = p.getFileName().toString();
                        if (n.matches("\\d+")) {
                            set.add(Long.parseLong(n));
                        }
                    }
                }
            }
            byFile.put(fileId, set);
        }
        return set;
    }

    private Path blockFile(String snapId, long fileId, long block) {
        return snapshotsDir.resolve(snapId).resolve("blocks").resolve(Long.toString(fileId))
                .resolve(Long.toString(block));
    }

    private static SnapshotFile find(VolumeSnapshot snap, String path) {
        for (SnapshotFile f : snap.files()) {
            if (f.path().equals(path)) {
                return f;
            }
        }
        return null;
    }

    private SnapshotFile fileOf(VolumeSnapshot snap, String path) throws IOException {
        checkPath(path);
        SnapshotFile f = find(snap, path);
        if (f == null) {
            throw new NoSuchFileException(path, null, "not in snapshot " + snap.id() + " of " + root.getFileName());
        }
        return f;
    }

    private VolumeSnapshot require(String id) {
        VolumeSnapshot s = snapshots.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no snapshot " + id + " in volume " + root.getFileName()
                    + " (snapshots: " + snapshots.keySet() + ")");
        }
        return s;
    }

    private static byte[] readAt(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(len);
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + buf.position());
            if (n < 0) {
                break;
            }
        }
        return buf.position() == len ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private Path live(String path) {
        checkPath(path);
        return data.resolve(path);
    }

    private Path existing(String path) throws IOException {
        Path file = live(path);
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(path, null, "no such file in volume " + root.getFileName());
        }
        return file;
    }

    private static void checkPath(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.contains("//")
                || path.endsWith("/")) {
            throw new IllegalArgumentException("invalid volume path '" + path
                    + "': use a relative path with '/' separators, e.g. vm1/disk.vhdx");
        }
        for (String seg : path.split("/")) {
            if (seg.equals("..") || seg.equals(".")) {
                throw new IllegalArgumentException("invalid volume path '" + path + "': '.' and '..' are not allowed");
            }
        }
    }

    private String relative(Path p) {
        return data.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private void saveIndex() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("nextFileId", nextFileId);
        ObjectNode files = root.putObject("files");
        for (Map.Entry<String, IndexEntry> e : index.entrySet()) {
            IndexEntry v = e.getValue();
            files.putObject(e.getKey()).put("fileId", v.fileId()).put("lineage", v.lineage()).put("size", v.size())
                    .put("mtimeNanos", v.mtimeNanos()).put("ctimeNanos", v.ctimeNanos()).put("fileKey", v.fileKey());
        }
        AtomicFiles.write(indexFile, JSON.writeValueAsBytes(root));
    }

    private void load() throws IOException {
        if (Files.exists(indexFile)) {
            JsonNode root = JSON.readTree(indexFile.toFile());
            nextFileId = root.path("nextFileId").asLong(1);
            root.path("files").fields().forEachRemaining(e -> {
                JsonNode v = e.getValue();
                index.put(e.getKey(), new IndexEntry(v.get("fileId").asLong(), v.get("lineage").asLong(),
                        v.get("size").asLong(), v.get("mtimeNanos").asLong(), v.get("ctimeNanos").asLong(),
                        v.get("fileKey").asText()));
            });
        }
        List<VolumeSnapshot> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(snapshotsDir)) {
            for (Path dir : (Iterable<Path>) s::iterator) {
                Path meta = dir.resolve("snapshot.json");
                if (Files.isRegularFile(meta)) {
                    found.add(fromJson(JSON.readTree(meta.toFile())));
                } else {
                    FileTrees.delete(dir); // debris of a snapshot create or delete interrupted by a crash
                }
            }
        }
        found.sort(Comparator.comparing(VolumeSnapshot::created).thenComparing(VolumeSnapshot::id));
        for (VolumeSnapshot v : found) {
            snapshots.put(v.id(), v);
        }
    }

    private static ObjectNode toJson(VolumeSnapshot snap) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", snap.id());
        n.put("created", snap.created().toString());
        ArrayNode files = n.putArray("files");
        for (SnapshotFile f : snap.files()) {
            files.addObject().put("path", f.path()).put("size", f.size()).put("mtimeNanos", f.mtimeNanos())
                    .put("ctimeNanos", f.ctimeNanos()).put("fileKey", f.fileKey()).put("fileId", f.fileId())
                    .put("lineage", f.lineage());
        }
        return n;
    }

    private static VolumeSnapshot fromJson(JsonNode n) {
        List<SnapshotFile> files = new ArrayList<>();
        for (JsonNode f : n.path("files")) {
            files.add(new SnapshotFile(f.get("path").asText(), f.get("size").asLong(), f.get("mtimeNanos").asLong(),
                    f.get("ctimeNanos").asLong(), f.get("fileKey").asText(), f.get("fileId").asLong(),
                    f.get("lineage").asLong()));
        }
        return new VolumeSnapshot(n.get("id").asText(), Instant.parse(n.get("created").asText()), files);
    }

    /** Reads a whole stream (small files; tests and tools). */
    public static byte[] readAll(InputStream in) throws IOException {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
