package dev.vsskit.lab.internal;

import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.vss.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The writers' last status: {@code <lab>/vss/writers.json}, a JSON array of {@link Writer} records as the
 * coordinator left them after its last session. Absent means every writer is Stable with no error.
 * {@link LabHost#writers()} matches entries to lab.json's writers by instance id.
 */
public final class LabWriterStatus {

    public static final String FILE = "vss/writers.json";

    private final Path file;

    public LabWriterStatus(Path labDir) {
        this.file = labDir.resolve(FILE);
    }

    /** The status of another cluster node's writers: {@code <lab>/vss/writers-NODE.json}. */
    public LabWriterStatus(Path labDir, String node) {
        this.file = labDir.resolve("vss").resolve("writers-" + node.toUpperCase(java.util.Locale.ROOT) + ".json");
    }

    public Path file() {
        return file;
    }

    public List<Writer> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        return List.copyOf(LabJson.readList(file, Writer.class));
    }

    /** Replaces the status atomically; the caller holds the lab lock. */
    public void save(List<Writer> writers) {
        try {
            LabJson.write(file, new ArrayList<>(writers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
