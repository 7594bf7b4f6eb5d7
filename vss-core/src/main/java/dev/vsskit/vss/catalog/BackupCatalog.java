package dev.vsskit.vss.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable backup catalog: one JSON file per record ({@code <name>.json}), each created atomically
 * (temp file, fsync, link) and never replaced, and {@code index.json} summarising them. The index is a cache: it is
 * rebuilt from the records whenever it is missing, unreadable or stale (a record file added, removed or
 * changed since it was written); it also names the corrupt record files (size and time), so that one left in
 * the folder does not make every read rebuild it. A crash at any point leaves each record either old or new, never torn;
 * temp files a crash left behind are ignored. A corrupt record file is reported in
 * {@link CatalogListing#problems()} and skipped; it never hides the others.
 */
public final class BackupCatalog {

    public static final String INDEX = "index.json";
    /** The folder of names held by running backups ({@link #reserve}). */
    public static final String RESERVED = "reserved";
    private static final String SUFFIX = ".json";

    private final Path dir;

    public BackupCatalog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes a new record, then the index; never replaces one. A record of that name that exists already
     * (written by another process or by hand) is a {@link RecordExistsException} and stays as it was.
     */
    public synchronized void create(BackupRecord record) {
        Path file = dir.resolve(fileName(record.name()));
        try {
            AtomicFiles.createNew(file, (BackupRecordJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(BackupRecordJson.toJson(record)) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (FileAlreadyExistsException e) {
            throw new RecordExistsException("a backup record named '" + record.name() + "' exists already in " + dir
                    + "; it was left as it was");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backup record '" + record.name() + "' in " + dir
                    + ": " + e.getMessage(), e);
        }
        try {
            rebuildIndex();
        } catch (IOException e) {
            // the record is written; the index is a cache that the next reader rebuilds
        }
    }

    /**
     * Adds the latest deep verification of some VMs to an existing record (the only change a record ever
     * gets after it is created; {@link BackupRecord#withDeepVerification}): read, merged and written back
     * atomically under a file lock ({@code .deep-verify.lock}), so two verifies of one backup in two processes
     * both keep their VMs' results. Returns the record as written.
     */
    public synchronized BackupRecord addDeepVerification(String name, List<BackupRecord.VmVerification> results) {
        Path file = dir.resolve(fileName(name));
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".deep-verify.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
            BackupRecord updated = find(name).orElseThrow(() -> new IllegalStateException("no backup record '" + name
                    + "' in " + dir + " to add the deep verification to")).withDeepVerification(results);
            AtomicFiles.writeString(file, BackupRecordJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(BackupRecordJson.toJson(updated)) + "\n");
            try {
                rebuildIndex();
            } catch (IOException e) {
                // the record is written; the index is a cache that the next reader rebuilds
            }
            return updated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the deep verification to backup record '" + name + "' in "
                    + dir + ": " + e.getMessage(), e);
        }
    }

    /** A record of the name exists already: {@link #create} replaces nothing. */
    public static final class RecordExistsException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        RecordExistsException(String message) {
            super(message);
        }
    }

    /**
     * Holds a backup name for this process until {@link Reservation#close()}: empty when a record of that
     * name or of one of its retried attempts ({@code <name>.tryN}) exists, or another process that still runs
     * holds it. A hold left by a process that died is taken over. Atomic across processes and threads (a
     * create-new file {@code reserved/<name>} holding the process id), so two jobs never take one name.
     */
    public synchronized Optional<Reservation> reserve(String name) {
        Path file = dir.resolve(RESERVED).resolve(fileName(name));
        try {
            Files.createDirectories(file.getParent());
            for (int tries = 0; tries < 2; tries++) {
                try {
                    Files.writeString(file, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8,
                            StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException held) {
                    if (holderAlive(file)) {
                        return Optional.empty();
                    }
                    Files.deleteIfExists(file); // its process died: the name is free again
                    continue;
                }
                Reservation r = new Reservation(name, file);
                if (taken(name)) {
                    r.close();
                    return Optional.empty();
                }
                return Optional.of(r);
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reserve the backup name '" + name + "' in " + file.getParent()
                    + ": " + e.getMessage(), e);
        }
    }

    /** A name held by {@link #reserve}; closing releases it (its records, once written, keep it taken). */
    public static final class Reservation implements AutoCloseable {
        private final String name;
        private final Path file;

        private Reservation(String name, Path file) {
            this.name = name;
            this.file = file;
        }

        public String name() {
            return name;
        }

        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a hold whose process has ended is taken over by the next reserve()
            }
        }
    }

    private static boolean holderAlive(Path file) {
        try {
            long pid = Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (NoSuchFileException gone) {
            return false;
        } catch (IOException | NumberFormatException e) {
            // being written this instant by its creator, or torn by a crash: young files count as held
            try {
                return Files.getLastModifiedTime(file).toMillis() > System.currentTimeMillis() - 10_000;
            } catch (IOException ex) {
                return false;
            }
        }
    }

    private boolean taken(String name) {
        String stem = fileName(name);
        stem = stem.substring(0, stem.length() - SUFFIX.length());
        for (Path f : recordFiles()) {
            String n = f.getFileName().toString();
            if (n.equals(stem + SUFFIX) || (n.startsWith(stem + ".try") && n.endsWith(SUFFIX))) {
                return true;
            }
        }
        return false;
    }

    /** Every readable record, oldest first; corrupt files are reported, not fatal. */
    public synchronized CatalogListing list() {
        List<BackupRecord> records = new ArrayList<>();
        List<CatalogProblem> problems = new ArrayList<>();
        for (Path f : recordFiles()) {
            try {
                records.add(read(f));
            } catch (IOException | RuntimeException e) {
                problems.add(new CatalogProblem(f, "corrupt backup record, skipped (" + e.getMessage()
                        + "); move it away or delete it"));
            }
        }
        records.sort(Comparator.comparing(BackupRecord::started).thenComparing(BackupRecord::name));
        return new CatalogListing(records, problems);
    }

    public synchronized Optional<BackupRecord> find(String name) {
        Path f = dir.resolve(fileName(name));
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(read(f));
        } catch (IOException | RuntimeException e) {
            throw new CorruptRecordException("the backup record " + f + " is corrupt (" + oneLine(e.getMessage())
                    + "); delete it and what it names with `vsskit delete backup " + name + "`", e);
        }
    }

    /**
     * The newest record (by start time; of equal times, the first by name, as {@link #list()} orders them) that
     * passes {@code test}, succeeded ones only when {@code succeededOnly}. Walks the index newest first and reads
     * records only until one passes: {@code verify --last} and {@code restore --backup latest} read one record,
     * not the whole catalog.
     */
    public synchronized Optional<BackupRecord> newest(boolean succeededOnly, java.util.function.Predicate<BackupRecord> test) {
        List<CatalogIndexEntry> entries = new ArrayList<>(index());
        entries.sort(Comparator.comparing(CatalogIndexEntry::started).reversed().thenComparing(CatalogIndexEntry::name));
        for (CatalogIndexEntry e : entries) {
            if (succeededOnly && !e.succeeded()) {
                continue;
            }
            Optional<BackupRecord> r;
            try {
                r = Optional.of(read(dir.resolve(e.file())));
            } catch (IOException | RuntimeException gone) {
                continue; // deleted or damaged since the index was read: as list() would, skip it
            }
            if (r.get().name().equals(e.name()) && test.test(r.get())) {
                return r;
            }
        }
        return Optional.empty();
    }

    /** A record file that is not a readable record. */
    public static final class CorruptRecordException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CorruptRecordException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What a corrupt record still tells, read leniently (so deleting it can delete what it names): its
     * snapshot set id and, per volume, the shadow id and the storage volume and snapshot, where readable.
     */
    public synchronized Salvaged salvage(String name) {
        Path f = dir.resolve(fileName(name));
        List<String[]> storage = new ArrayList<>();
        List<String> shadows = new ArrayList<>();
        String set = "";
        try {
            JsonNode root = BackupRecordJson.MAPPER.readTree(Files.readAllBytes(f));
            if (root != null) {
                set = root.path("snapshotSetId").asText("");
                for (JsonNode v : root.path("volumes")) {
                    shadows.add(v.path("shadowId").asText(""));
                    storage.add(new String[] {v.path("storageVolume").asText(""), v.path("storageSnapshot").asText("")});
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // not even JSON: the record names nothing we can read
        }
        return new Salvaged(name, set, shadows, storage);
    }

    /** See {@link #salvage}: raw strings, possibly empty or not ids at all. */
    public record Salvaged(String name, String snapshotSetId, List<String> shadowIds, List<String[]> storageSnapshots) {
    }

    private static String oneLine(String s) {
        String t = s == null ? "unreadable" : s.replaceAll("\\s+", " ").strip();
        return t.length() > 160 ? t.substring(0, 160) + "..." : t;
    }

    /** The folder of the Backup Components Documents, one per snapshot set ({@code documents/<set id>.xml}). */
    public static final String DOCUMENTS = "documents";

    /** Keeps the Backup Components Document of a snapshot set, for its restore. */
    public synchronized void writeDocument(dev.vsskit.vss.VssId snapshotSetId, String xml) {
        Path file = dir.resolve(DOCUMENTS).resolve(snapshotSetId.bare() + ".xml");
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the Backup Components Document of snapshot set " + snapshotSetId
                    + " in " + file.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** The Backup Components Document kept for a snapshot set, if any (crash-consistent backups have none). */
    public synchronized Optional<String> document(dev.vsskit.vss.VssId snapshotSetId) {
        Path file = dir.resolve(DOCUMENTS).resolve(snapshotSetId.bare() + ".xml");
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Backup Components Document " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** Removes a record (readable or not) and its snapshot set's document; false when there was no record. */
    public synchronized boolean delete(String name) {
        boolean removed;
        try {
            Optional<dev.vsskit.vss.VssId> set = Optional.empty();
            try {
                set = find(name).flatMap(BackupRecord::snapshotSetId);
            } catch (RuntimeException unreadable) {
                // a corrupt record still goes; its document, if any, stays for cleanup by hand
            }
            if (set.isPresent()) {
                Files.deleteIfExists(dir.resolve(DOCUMENTS).resolve(set.get().bare() + ".xml"));
            }
            removed = Files.deleteIfExists(dir.resolve(fileName(name)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete backup record '" + name + "': " + e.getMessage(), e);
        }
        if (removed) {
            AtomicFiles.syncDirectory(dir);
            try {
                rebuildIndex();
            } catch (IOException | UncheckedIOException e) {
                // the index is a cache: a stale one is rebuilt by the next reader (e.g. once the disk has room)
            }
        }
        return removed;
    }

    /**
     * The index, newest information guaranteed: read from {@code index.json} when it matches the record
     * files, else rebuilt from them (and rewritten).
     */
    public synchronized List<CatalogIndexEntry> index() {
        Optional<CachedIndex> cached = readIndex();
        if (cached.isPresent() && matchesFiles(cached.get())) {
            return cached.get().entries();
        }
        try {
            return rebuildIndex();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the catalog index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** File name of a record: the name with characters unsafe in file names replaced. */
    static String fileName(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.toCharArray()) {
            b.append(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
        }
        return b + SUFFIX;
    }

    private BackupRecord read(Path f) throws IOException {
        JsonNode node = BackupRecordJson.MAPPER.readTree(Files.readAllBytes(f));
        if (node == null) {
            throw new IllegalArgumentException("empty file");
        }
        return BackupRecordJson.fromJson(node);
    }

    private List<Path> recordFiles() {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path p : ds) {
                if (!p.getFileName().toString().equals(INDEX) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the catalog folder " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /**
     * What {@code index.json} holds: the readable records' entries and the size and time of each corrupt record
     * file, so that a corrupt record left in the folder does not make every read rebuild the index.
     */
    private record CachedIndex(List<CatalogIndexEntry> entries, Map<String, long[]> corrupt) {
    }

    private boolean matchesFiles(CachedIndex cached) {
        List<Path> files = recordFiles();
        Map<String, long[]> byFile = new HashMap<>(cached.corrupt());
        for (CatalogIndexEntry e : cached.entries()) {
            byFile.put(e.file(), new long[] {e.size(), e.modifiedMillis()});
        }
        if (byFile.size() != files.size()) {
            return false;
        }
        for (Path f : files) {
            long[] e = byFile.get(f.getFileName().toString());
            if (e == null) {
                return false;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                if (a.size() != e[0] || a.lastModifiedTime().toMillis() != e[1]) {
                    return false;
                }
            } catch (IOException ex) {
                return false;
            }
        }
        return true;
    }

    private List<CatalogIndexEntry> rebuildIndex() throws IOException {
        List<CatalogIndexEntry> entries = new ArrayList<>();
        Map<String, long[]> corruptFiles = new java.util.TreeMap<>();
        for (Path f : recordFiles()) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(f, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                continue; // deleted meanwhile: not in the index
            }
            try {
                BackupRecord r = read(f);
                entries.add(new CatalogIndexEntry(r.name(), f.getFileName().toString(), r.started(), r.dataset(),
                        r.succeeded(), a.size(), a.lastModifiedTime().toMillis()));
            } catch (NoSuchFileException gone) {
                // deleted meanwhile: not in the index
            } catch (IOException | RuntimeException corrupt) {
                // left out of the entries (list() reports it), but remembered, so the index stays valid
                corruptFiles.put(f.getFileName().toString(), new long[] {a.size(), a.lastModifiedTime().toMillis()});
            }
        }
        entries.sort(Comparator.comparing(CatalogIndexEntry::started).thenComparing(CatalogIndexEntry::name));
        ObjectNode root = BackupRecordJson.MAPPER.createObjectNode();
        root.put("format", BackupRecordJson.FORMAT);
        ArrayNode arr = root.putArray("entries");
        for (CatalogIndexEntry e : entries) {
            ObjectNode o = arr.addObject();
            o.put("name", e.name());
            o.put("file", e.file());
            o.put("started", e.started().toString());
            e.dataset().ifPresentOrElse(d -> o.put("dataset", d), () -> o.putNull("dataset"));
            o.put("succeeded", e.succeeded());
            o.put("size", e.size());
            o.put("modified", e.modifiedMillis());
        }
        ArrayNode bad = root.putArray("corrupt");
        corruptFiles.forEach((file, sizeAndTime) -> {
            ObjectNode o = bad.addObject();
            o.put("file", file);
            o.put("size", sizeAndTime[0]);
            o.put("modified", sizeAndTime[1]);
        });
        AtomicFiles.writeString(dir.resolve(INDEX),
                BackupRecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return entries;
    }

    private Optional<CachedIndex> readIndex() {
        Path f = dir.resolve(INDEX);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode root = BackupRecordJson.MAPPER.readTree(Files.readAllBytes(f));
            if (root == null || root.path("format").asInt(-1) != BackupRecordJson.FORMAT || !root.path("entries").isArray()) {
                return Optional.empty();
            }
            List<CatalogIndexEntry> out = new ArrayList<>();
            for (JsonNode o : root.path("entries")) {
                JsonNode ds = o.path("dataset");
                out.add(new CatalogIndexEntry(o.path("name").asText(), o.path("file").asText(),
                        Instant.parse(o.path("started").asText()), ds.isTextual() ? Optional.of(ds.asText()) : Optional.empty(),
                        o.path("succeeded").asBoolean(), o.path("size").asLong(), o.path("modified").asLong()));
            }
            Map<String, long[]> corrupt = new HashMap<>();
            for (JsonNode o : root.path("corrupt")) {
                corrupt.put(o.path("file").asText(), new long[] {o.path("size").asLong(), o.path("modified").asLong()});
            }
            return Optional.of(new CachedIndex(out, corrupt));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable index is simply rebuilt
        }
    }
}
