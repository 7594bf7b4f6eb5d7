package dev.vsskit.lab.vss;

import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Reads and changes {@code <lab>/faults.json}; a missing file is an empty plan. Changes hold the lab lock. */
public final class FaultPlanStore {

    public static final String FILE = "faults.json";

    private final Path labDir;

    public FaultPlanStore(Path labDir) {
        this.labDir = labDir;
    }

    public Path file() {
        return labDir.resolve(FILE);
    }

    public FaultPlan load() {
        if (!Files.exists(file())) {
            return FaultPlan.NONE;
        }
        return LabJson.read(file(), FaultPlan.class);
    }

    public FaultPlan update(UnaryOperator<FaultPlan> change) {
        try (LabLock lock = LabLock.acquire(labDir)) {
            FaultPlan next = change.apply(load());
            LabJson.write(file(), next);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    /** Removes every fault. */
    public void clear() {
        update(p -> FaultPlan.NONE);
    }
}
