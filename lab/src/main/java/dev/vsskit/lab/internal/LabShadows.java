package dev.vsskit.lab.internal;

import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.vss.Shadow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The lab's persistent shadow copies: {@code <lab>/vss/shadows.json}, a JSON array of {@link Shadow} records.
 * A missing file means no shadows. Saves are atomic; {@link #update} does a read-modify-write under the lab
 * lock, which is how the coordinator adds and deletes shadows.
 */
public final class LabShadows {

    public static final String FILE = "vss/shadows.json";

    private final Path labDir;
    private final Path file;

    public LabShadows(Path labDir) {
        this.labDir = labDir;
        this.file = labDir.resolve(FILE);
    }

    public Path file() {
        return file;
    }

    public List<Shadow> load() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Shadow> shadows = LabJson.readList(file, Shadow.class);
        return List.copyOf(shadows);
    }

    /** Replaces the whole list atomically. The caller holds the lab lock when others may write too. */
    public void save(List<Shadow> shadows) {
        try {
            LabJson.write(file, new ArrayList<>(shadows));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Read-modify-write under the lab lock; returns the list that was saved. */
    public List<Shadow> update(UnaryOperator<List<Shadow>> change) {
        try (LabLock lock = LabLock.acquire(labDir)) {
            List<Shadow> next = List.copyOf(change.apply(load()));
            save(next);
            return next;
        }
    }
}
