package dev.vsskit.vss.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable backup catalog: one JSON file per record ({@code <name>.json}), each written atomically
 * (temp file, fsync, rename), and {@code index.json} summarising them. The index is a cache: it is
 * rebuilt from the records whenever it is missing, unreadable or stale (a record file added, removed or
 * changed since it was written). A crash at any point leaves each record either old or new, never torn;
 * temp files a crash left behind are ignored. A corrupt record file is reported in
 * {@link CatalogListing#problems()} and skipped; it never hides the others.
 */
public final class BackupCatalog {

    public static final String INDEX = "index.json";
    private static final String SUFFIX = ".json";

    private final Path dir;

    public BackupCatalog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** Writes (or replaces) a record, then the index. */
    public synchronized void save(BackupRecord record) {
        try {
            Path file = dir.resolve(fileName(record.name()));
            AtomicFiles.writeString(file, RecordJson.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(RecordJson.toJson(record)) + "\n");
            rebuildIndex();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write backup record '" + record.name() + "' in " + dir
                    + ": " + e.getMessage(), e);
        }
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
            throw new IllegalStateException(f + ": corrupt backup record (" + e.getMessage()
                    + "); move it away or delete it", e);
        }
    }

    /** Removes a record; false when there was none of that name. */
    public synchronized boolean delete(String name) {
        try {
            boolean removed = Files.deleteIfExists(dir.resolve(fileName(name)));
            if (removed) {
                AtomicFiles.syncDirectory(dir);
                rebuildIndex();
            }
            return removed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete backup record '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * The index, newest information guaranteed: read from {@code index.json} when it matches the record
     * files, else rebuilt from them (and rewritten).
     */
    public synchronized List<CatalogIndexEntry> index() {
        Optional<List<CatalogIndexEntry>> cached = readIndex();
        if (cached.isPresent() && matchesFiles(cached.get())) {
            return cached.get();
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
        JsonNode node = RecordJson.MAPPER.readTree(Files.readAllBytes(f));
        if (node == null) {
            throw new IllegalArgumentException("empty file");
        }
        return RecordJson.fromJson(node);
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

    private boolean matchesFiles(List<CatalogIndexEntry> entries) {
        List<Path> files = recordFiles();
        Map<String, CatalogIndexEntry> byFile = new HashMap<>();
        for (CatalogIndexEntry e : entries) {
            byFile.put(e.file(), e);
        }
        if (byFile.size() != files.size()) {
            return false;
        }
        for (Path f : files) {
            CatalogIndexEntry e = byFile.get(f.getFileName().toString());
            if (e == null) {
                return false;
            }
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                if (a.size() != e.size() || a.lastModifiedTime().toMillis() != e.modifiedMillis()) {
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
        for (Path f : recordFiles()) {
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                BackupRecord r = read(f);
                entries.add(new CatalogIndexEntry(r.name(), f.getFileName().toString(), r.started(), r.dataset(),
                        r.succeeded(), a.size(), a.lastModifiedTime().toMillis()));
            } catch (NoSuchFileException gone) {
                // deleted meanwhile: not in the index
            } catch (IOException | RuntimeException corrupt) {
                // corrupt records are left out of the index; list() reports them
            }
        }
        entries.sort(Comparator.comparing(CatalogIndexEntry::started).thenComparing(CatalogIndexEntry::name));
        ObjectNode root = RecordJson.MAPPER.createObjectNode();
        root.put("format", RecordJson.FORMAT);
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
        AtomicFiles.writeString(dir.resolve(INDEX),
                RecordJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return entries;
    }

    private Optional<List<CatalogIndexEntry>> readIndex() {
        Path f = dir.resolve(INDEX);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        try {
            JsonNode root = RecordJson.MAPPER.readTree(Files.readAllBytes(f));
            if (root == null || root.path("format").asInt(-1) != RecordJson.FORMAT || !root.path("entries").isArray()) {
                return Optional.empty();
            }
            List<CatalogIndexEntry> out = new ArrayList<>();
            for (JsonNode o : root.path("entries")) {
                JsonNode ds = o.path("dataset");
                out.add(new CatalogIndexEntry(o.path("name").asText(), o.path("file").asText(),
                        Instant.parse(o.path("started").asText()), ds.isTextual() ? Optional.of(ds.asText()) : Optional.empty(),
                        o.path("succeeded").asBoolean(), o.path("size").asLong(), o.path("modified").asLong()));
            }
            return Optional.of(out);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // an unreadable index is simply rebuilt
        }
    }
}
