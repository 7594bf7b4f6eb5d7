package dev.vsskit.vss.backup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.OwnerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A note, kept while a backup attempt runs, of what it may leave behind if the process dies: its
 * process id, the snapshot set (or snapshot group) id, and for a crash-consistent attempt the storage
 * snapshots it is creating. The next backup finds the notes of dead processes and cleans up after them.
 */
final class InflightJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One attempt in flight. */
    record Entry(Path file, String name, OwnerProcess owner, Instant started, String phase, Optional<VssId> setId,
            List<String> storageVolumes, String storageSnapshot) {

        long pid() {
            return owner.pid();
        }

        /** The process that wrote the note still runs (not merely one that was given its id since). */
        boolean ownerAlive() {
            return owner.runs();
        }
    }

    private final Path dir;

    InflightJournal(Path catalogDir) {
        this.dir = catalogDir.resolve("inflight");
    }

    Entry begin(String name, Instant started) {
        Entry e = new Entry(dir.resolve(safe(name) + ".json"), name, OwnerProcess.current(), started,
                "planned", Optional.empty(), List.of(), "");
        write(e);
        return e;
    }

    Entry update(Entry e, String phase, Optional<VssId> setId, List<String> storageVolumes, String storageSnapshot) {
        Entry next = new Entry(e.file(), e.name(), e.owner(), e.started(), phase, setId, storageVolumes, storageSnapshot);
        write(next);
        return next;
    }

    /** The note as last written (an attempt updates its note as it goes: phase, set, volumes). */
    Entry reread(Entry e) {
        return Files.isRegularFile(e.file()) ? read(e.file()) : e;
    }

    void end(Entry e) {
        try {
            Files.deleteIfExists(e.file());
            AtomicFiles.syncDirectory(dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot remove " + e.file() + ": " + ex.getMessage(), ex);
        }
    }

    /** Notes left by processes that no longer run. Unreadable notes are returned as entries without a set id. */
    List<Entry> orphans() {
        return all().stream().filter(e -> !e.ownerAlive()).toList();
    }

    /** Every note, of running processes and of dead ones. */
    List<Entry> all() {
        List<Entry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path f : files) {
                out.add(read(f));
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot list " + dir + ": " + ex.getMessage(), ex);
        }
        return out;
    }

    private void write(Entry e) {
        ObjectNode n = JSON.createObjectNode();
        n.put("name", e.name());
        n.put("pid", e.pid());
        e.owner().started().ifPresent(t -> n.put("pidStarted", t.toString()));
        n.put("started", e.started().toString());
        n.put("phase", e.phase());
        e.setId().ifPresent(id -> n.put("snapshotSetId", id.toString()));
        ArrayNode vols = n.putArray("storageVolumes");
        e.storageVolumes().forEach(vols::add);
        n.put("storageSnapshot", e.storageSnapshot());
        try {
            AtomicFiles.writeString(e.file(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + e.file() + ": " + ex.getMessage(), ex);
        }
    }

    private static Entry read(Path f) {
        try {
            JsonNode n = JSON.readTree(Files.readString(f));
            List<String> vols = new ArrayList<>();
            n.path("storageVolumes").forEach(v -> vols.add(v.asText()));
            String set = n.path("snapshotSetId").asText("");
            return new Entry(f, n.path("name").asText(f.getFileName().toString()), owner(n),
                    Instant.parse(n.path("started").asText(Instant.EPOCH.toString())), n.path("phase").asText("?"),
                    VssId.isValid(set) ? Optional.of(VssId.parse(set)) : Optional.empty(), vols,
                    n.path("storageSnapshot").asText(""));
        } catch (IOException | RuntimeException ex) {
            // a torn note (the process died while writing it, which AtomicFiles prevents) or a foreign file
            return new Entry(f, f.getFileName().toString(), OwnerProcess.ofPid(-1), Instant.EPOCH, "unreadable", Optional.empty(),
                    List.of(), "");
        }
    }

    /** The note's owner: its process id and, in notes written since start times were kept, its start. */
    private static OwnerProcess owner(JsonNode n) {
        String started = n.path("pidStarted").asText("");
        return new OwnerProcess(n.path("pid").asLong(-1), started.isEmpty() ? Optional.empty()
                : Optional.of(Instant.parse(started)));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
