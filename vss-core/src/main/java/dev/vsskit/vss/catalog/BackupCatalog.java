package dev.vsskit.vss.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.Json;
import dev.vsskit.vss.io.OwnerProcess;
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

    /** The index's own format (2: entries carry the records' summaries; 3: and the start time as numbers). */
    static final int INDEX_FORMAT = 3;

    private final Path dir;
    private final java.util.function.Consumer<Path> onRecordRead;

    public BackupCatalog(Path dir) {
        this(dir, f -> { });
    }

    /** With {@code onRecordRead} told of every record file this catalog parses (tests count them). */
    public BackupCatalog(Path dir, java.util.function.Consumer<Path> onRecordRead) {
        this.dir = dir;
        this.onRecordRead = onRecordRead;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Writes a new record, then the index; never replaces one. A record of that name that exists already
     * (written by another process or by hand) is a {@link RecordExistsException} and stays as it was.
     */
    public synchronized void create(BackupRecord record) {
        updateIndex(List.of(writeNew(record)), List.of(Optional.of(record)));
    }

    /**
     * Writes many new records as {@link #create} writes each (an import, e.g. a catalog brought from another host,
     * or a benchmark's), then updates the index once: {@code create} rewrites the index each time, which costs in
     * proportion to the records already there. Stops at the first record that cannot be written; the ones before
     * it are written and in the index.
     */
    public synchronized void createAll(List<BackupRecord> records) {
        List<Path> files = new ArrayList<>();
        List<Optional<BackupRecord>> written = new ArrayList<>();
        try {
            for (BackupRecord r : records) {
                files.add(writeNew(r));
                written.add(Optional.of(r));
            }
        } finally {
            updateIndex(files, written);
        }
    }

    private Path writeNew(BackupRecord record) {
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
        return file;
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
            updateIndex(List.of(file), List.of(Optional.of(updated)));
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
     * create-new file {@code reserved/<name>} holding the process id and start, {@link OwnerProcess}), so two jobs
     * never take one name, and a dead holder whose id was given to another process does not keep it.
     */
    public synchronized Optional<Reservation> reserve(String name) {
        Path file = dir.resolve(RESERVED).resolve(fileName(name));
        try {
            Files.createDirectories(file.getParent());
            for (int tries = 0; tries < 2; tries++) {
                try {
                    Files.writeString(file, OwnerProcess.current().toText() + "\n", StandardCharsets.UTF_8,
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
            Optional<OwnerProcess> owner = OwnerProcess.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (owner.isEmpty()) {
                throw new NumberFormatException("not a process id");
            }
            return owner.get().runs();
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
        return newest(s -> !succeededOnly || s.succeeded(), test);
    }

    /**
     * As {@link #newest(boolean, java.util.function.Predicate)}, choosing first by what the index holds: a record
     * is read only when its summary passes {@code candidate} ({@code restore --backup latest --vm X} reads the
     * newest record that holds X, and no other).
     */
    public synchronized Optional<BackupRecord> newest(java.util.function.Predicate<BackupSummary> candidate,
            java.util.function.Predicate<BackupRecord> test) {
        List<CatalogIndexEntry> entries = new ArrayList<>(index());
        entries.sort(Comparator.comparing(CatalogIndexEntry::started).reversed().thenComparing(CatalogIndexEntry::name));
        for (CatalogIndexEntry e : entries) {
            if (!candidate.test(e.summary())) {
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

    /**
     * The summary of every readable record, oldest first (as {@link #list()} orders the records), and the corrupt
     * record files, from the index alone: no record file is read while the index matches the folder.
     */
    public synchronized CatalogSummaries summaries() {
        CachedIndex c = current();
        List<CatalogProblem> problems = new ArrayList<>();
        c.corrupt().forEach((file, bad) -> problems.add(new CatalogProblem(dir.resolve(file),
                "corrupt backup record, skipped (" + bad.reason() + "); move it away or delete it")));
        problems.sort(Comparator.comparing(p -> p.file().getFileName().toString()));
        return new CatalogSummaries(c.entries().stream().map(CatalogIndexEntry::summary).toList(), problems);
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
                // the set id from the index, so deleting one backup reads no record (CatalogReadsTest)
                String file = fileName(name);
                set = current().entries().stream().filter(e -> e.file().equals(file)).findFirst()
                        .flatMap(e -> e.summary().snapshotSetId());
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
            updateIndex(List.of(dir.resolve(fileName(name))), List.of(Optional.empty()));
        }
        return removed;
    }

    /**
     * The index, newest information guaranteed: read from {@code index.json} when it matches the record
     * files, else rebuilt from them (and rewritten).
     */
    public synchronized List<CatalogIndexEntry> index() {
        return current().entries();
    }

    /** The index as read from {@code index.json} when it matches the record files, else rebuilt and rewritten. */
    private CachedIndex current() {
        Optional<CachedIndex> cached = readIndex();
        if (cached.isPresent() && matchesFiles(cached.get())) {
            return cached.get();
        }
        try {
            return rebuildIndex();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rebuild the catalog index in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * After this process wrote or deleted record files: the index as it was with those files' entries replaced
     * or removed, without reading the other records. An index that was stale stays stale (another process
     * changed the folder meanwhile) and the next reader rebuilds it, as it would have; a missing or unreadable
     * one is rebuilt now.
     */
    private void updateIndex(List<Path> files, List<Optional<BackupRecord>> records) {
        try {
            Optional<CachedIndex> cached = readIndex();
            if (cached.isEmpty()) {
                rebuildIndex();
                return;
            }
            Map<String, CatalogIndexEntry> entries = new java.util.LinkedHashMap<>();
            cached.get().entries().forEach(e -> entries.put(e.file(), e));
            Map<String, CorruptFile> corrupt = new java.util.TreeMap<>(cached.get().corrupt());
            for (int i = 0; i < files.size(); i++) {
                String name = files.get(i).getFileName().toString();
                entries.remove(name);
                corrupt.remove(name);
                if (records.get(i).isPresent()) {
                    BasicFileAttributes a = Files.readAttributes(files.get(i), BasicFileAttributes.class);
                    entries.put(name, new CatalogIndexEntry(BackupSummary.of(records.get(i).get()), name, a.size(),
                            a.lastModifiedTime().toMillis()));
                }
            }
            writeIndex(new CachedIndex(new ArrayList<>(entries.values()), corrupt));
        } catch (IOException | RuntimeException e) {
            // the records are written (or deleted); the index is a cache that the next reader rebuilds
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
        onRecordRead.accept(f);
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
     * What {@code index.json} holds: the readable records' entries and the size, time and fault of each corrupt
     * record file, so that a corrupt record left in the folder does not make every read rebuild the index.
     */
    private record CachedIndex(List<CatalogIndexEntry> entries, Map<String, CorruptFile> corrupt) {
    }

    private record CorruptFile(long size, long modifiedMillis, String reason) {
    }

    /**
     * True when the record files are exactly those the index names, each with its size and time: one pass over
     * the folder, one stat per file, no sorting (at 10,000 records this is most of a listing's cost).
     */
    private boolean matchesFiles(CachedIndex cached) {
        Map<String, long[]> byFile = new HashMap<>(cached.entries().size() * 2);
        cached.corrupt().forEach((file, bad) -> byFile.put(file, new long[] {bad.size(), bad.modifiedMillis()}));
        for (CatalogIndexEntry e : cached.entries()) {
            byFile.put(e.file(), new long[] {e.size(), e.modifiedMillis()});
        }
        if (!Files.isDirectory(dir)) {
            return byFile.isEmpty();
        }
        int seen = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path f : ds) {
                String name = f.getFileName().toString();
                if (!name.endsWith(SUFFIX) || name.equals(INDEX)) {
                    continue;
                }
                BasicFileAttributes a;
                try {
                    a = Files.readAttributes(f, BasicFileAttributes.class);
                } catch (IOException gone) {
                    return false;
                }
                if (!a.isRegularFile()) {
                    continue;
                }
                long[] e = byFile.get(name);
                if (e == null || a.size() != e[0] || a.lastModifiedTime().toMillis() != e[1]) {
                    return false;
                }
                seen++;
            }
        } catch (IOException e) {
            return false;
        }
        return seen == byFile.size();
    }

    private CachedIndex rebuildIndex() throws IOException {
        List<CatalogIndexEntry> entries = new ArrayList<>();
        Map<String, CorruptFile> corruptFiles = new java.util.TreeMap<>();
        for (Path f : recordFiles()) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(f, BasicFileAttributes.class);
            } catch (NoSuchFileException gone) {
                continue; // deleted meanwhile: not in the index
            }
            try {
                BackupRecord r = read(f);
                entries.add(new CatalogIndexEntry(BackupSummary.of(r), f.getFileName().toString(), a.size(),
                        a.lastModifiedTime().toMillis()));
            } catch (NoSuchFileException gone) {
                // deleted meanwhile: not in the index
            } catch (IOException | RuntimeException corrupt) {
                // left out of the entries (list() reports it), but remembered, so the index stays valid
                corruptFiles.put(f.getFileName().toString(), new CorruptFile(a.size(), a.lastModifiedTime().toMillis(),
                        oneLine(corrupt.getMessage())));
            }
        }
        CachedIndex built = new CachedIndex(entries, corruptFiles);
        return writeIndex(built);
    }

    /**
     * Sorts the entries (oldest first, then by name) and writes {@code index.json}, one entry a line; returns the
     * sorted index. The index is written and read with {@link Json}, not Jackson: {@code list backups} reads
     * only the index, and loading a data-binding framework would cost more than reading it.
     */
    private CachedIndex writeIndex(CachedIndex index) throws IOException {
        List<CatalogIndexEntry> entries = new ArrayList<>(index.entries());
        entries.sort(Comparator.comparing(CatalogIndexEntry::started).thenComparing(CatalogIndexEntry::name));
        StringBuilder text = new StringBuilder(64 + entries.size() * 400);
        text.append("{\"format\":").append(INDEX_FORMAT).append(",\n\"entries\":[");
        for (int i = 0; i < entries.size(); i++) {
            CatalogIndexEntry e = entries.get(i);
            BackupSummary s = e.summary();
            Map<String, Object> o = new java.util.LinkedHashMap<>();
            o.put("name", s.name());
            o.put("file", e.file());
            o.put("started", s.started().toString());
            // also as numbers: Instant.parse of 10,000 ISO strings costs more than the rest of reading the index
            o.put("startedSecond", s.started().getEpochSecond());
            o.put("startedNano", (long) s.started().getNano());
            o.put("dataset", s.dataset().orElse(null));
            o.put("vms", s.vms());
            o.put("applicationConsistent", s.applicationConsistent());
            o.put("snapshotSetId", s.snapshotSetId().map(Object::toString).orElse(null));
            o.put("commitMillis", s.commitDuration().toMillis());
            o.put("ontapSnapshots", s.ontapSnapshots());
            o.put("succeeded", s.succeeded());
            o.put("outcome", s.outcome());
            o.put("size", e.size());
            o.put("modified", e.modifiedMillis());
            text.append(i == 0 ? "\n" : ",\n").append(Json.compact(o));
        }
        List<Object> bad = new ArrayList<>();
        index.corrupt().forEach((file, c) -> {
            Map<String, Object> o = new java.util.LinkedHashMap<>();
            o.put("file", file);
            o.put("size", c.size());
            o.put("modified", c.modifiedMillis());
            o.put("reason", c.reason());
            bad.add(o);
        });
        text.append("],\n\"corrupt\":").append(Json.compact(bad)).append("}\n");
        AtomicFiles.writeString(dir.resolve(INDEX), text.toString());
        return new CachedIndex(entries, index.corrupt());
    }

    private Optional<CachedIndex> readIndex() {
        Path f = dir.resolve(INDEX);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            if (!(Json.parse(Files.readString(f, StandardCharsets.UTF_8)) instanceof Map<?, ?> root)
                    || !Long.valueOf(INDEX_FORMAT).equals(root.get("format")) || !(root.get("entries") instanceof List<?> list)) {
                return Optional.empty();
            }
            List<CatalogIndexEntry> out = new ArrayList<>(list.size());
            for (Object item : list) {
                Map<?, ?> o = (Map<?, ?>) item;
                BackupSummary s = new BackupSummary((String) o.get("name"),
                        Instant.ofEpochSecond((Long) o.get("startedSecond"), (Long) o.get("startedNano")),
                        Optional.ofNullable((String) o.get("dataset")), strings(o.get("vms")),
                        (Boolean) o.get("applicationConsistent"),
                        Optional.ofNullable((String) o.get("snapshotSetId")).map(dev.vsskit.vss.VssId::parse),
                        java.time.Duration.ofMillis((Long) o.get("commitMillis")), strings(o.get("ontapSnapshots")),
                        (Boolean) o.get("succeeded"), (String) o.get("outcome"));
                out.add(new CatalogIndexEntry(s, (String) o.get("file"), (Long) o.get("size"), (Long) o.get("modified")));
            }
            Map<String, CorruptFile> corrupt = new java.util.TreeMap<>();
            if (root.get("corrupt") instanceof List<?> bad) {
                for (Object item : bad) {
                    Map<?, ?> o = (Map<?, ?>) item;
                    corrupt.put((String) o.get("file"), new CorruptFile((Long) o.get("size"), (Long) o.get("modified"),
                            o.get("reason") instanceof String r ? r : "unreadable"));
                }
            }
            return Optional.of(new CachedIndex(out, corrupt));
        } catch (IOException | RuntimeException | Json.ParseException e) {
            return Optional.empty(); // an unreadable index is simply rebuilt
        }
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add((String) o);
        }
        return out;
    }
}
