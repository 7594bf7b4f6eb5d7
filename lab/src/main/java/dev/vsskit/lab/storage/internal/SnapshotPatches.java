package dev.vsskit.lab.storage.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Byte patches a lab volume applies to its next snapshot only ({@code next-snapshot-patches.json} in the
 * volume's folder): the live file is patched through the store, the snapshot taken, and the original bytes
 * written back, so the snapshot holds the damage and the live file does not (copy-on-write keeps each side).
 * Used by {@code vsskit lab fault disk} to rehearse a snapshot that caught a disk mid-write.
 */
public final class SnapshotPatches {

    public static final String FILE = "next-snapshot-patches.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Write {@code bytes} at {@code offset} of {@code path} (relative to the volume's data folder). */
    public record Patch(String path, long offset, byte[] bytes, String why) {
    }

    private SnapshotPatches() {
    }

    /** Adds patches for the next snapshot of the volume at {@code volumeRoot}. */
    public static synchronized void schedule(Path volumeRoot, List<Patch> patches) throws IOException {
        List<Patch> all = new ArrayList<>(pending(volumeRoot));
        all.addAll(patches);
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray("patches");
        for (Patch p : all) {
            a.addObject().put("path", p.path()).put("offset", p.offset())
                    .put("bytes", Base64.getEncoder().encodeToString(p.bytes())).put("why", p.why());
        }
        AtomicFiles.writeString(volumeRoot.resolve(FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
    }

    public static List<Patch> pending(Path volumeRoot) throws IOException {
        Path f = volumeRoot.resolve(FILE);
        if (!Files.exists(f)) {
            return List.of();
        }
        List<Patch> out = new ArrayList<>();
        for (JsonNode p : JSON.readTree(f.toFile()).path("patches")) {
            out.add(new Patch(p.path("path").asText(), p.path("offset").asLong(),
                    Base64.getDecoder().decode(p.path("bytes").asText()), p.path("why").asText()));
        }
        return out;
    }

    public static void clear(Path volumeRoot) throws IOException {
        Files.deleteIfExists(volumeRoot.resolve(FILE));
    }

    /** What {@link #apply} changed, to put back after the snapshot. */
    public interface Undo {
        void revert(boolean snapshotTaken) throws IOException;
    }

    /** Applies the pending patches to the live files of {@code store}; the undo writes the originals back. */
    public static Undo apply(CowVolumeStore store) throws IOException {
        List<Patch> patches = pending(store.root());
        if (patches.isEmpty()) {
            return taken -> { };
        }
        List<Patch> originals = new ArrayList<>();
        for (Patch p : patches) {
            byte[] before = new byte[p.bytes().length];
            try (var ch = java.nio.channels.FileChannel.open(store.dataDir().resolve(p.path()))) {
                ch.read(java.nio.ByteBuffer.wrap(before), p.offset());
            }
            originals.add(0, new Patch(p.path(), p.offset(), before, "undo"));
            store.write(p.path(), p.offset(), p.bytes());
        }
        return taken -> {
            for (Patch o : originals) {
                store.write(o.path(), o.offset(), o.bytes());
            }
            if (taken) {
                clear(store.root());
            }
        };
    }
}
