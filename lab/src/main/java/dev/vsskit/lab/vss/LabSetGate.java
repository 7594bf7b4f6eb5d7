package dev.vsskit.lab.vss;

import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.SnapshotSetGate;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.OwnerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One snapshot set in creation per lab, across processes: {@code <lab>/vss/set-in-progress.json} names
 * the set and the process creating it, written and removed under the lab lock. A marker left by a
 * process that no longer runs (a crash) does not block the next set.
 */
final class LabSetGate implements SnapshotSetGate {

    static final String FILE = "vss/set-in-progress.json";

    private final Path labDir;
    private final VssClock clock;

    LabSetGate(Path labDir, VssClock clock) {
        this.labDir = labDir;
        this.clock = clock;
    }

    Path file() {
        return labDir.resolve(FILE);
    }

    @Override
    public void enter(VssId snapshotSetId) {
        try (LabLock lock = LabLock.acquire(labDir)) {
            if (Files.exists(file())) {
                SetMarker m = readMarker();
                long pid = m == null ? -1 : m.pid();
                boolean alive = m != null && m.creatorRuns();
                if (alive) {
                    throw new VssException(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS,
                            "Another shadow copy creation is already in progress (snapshot set "
                                    + m.snapshotSetId() + ", process " + pid
                                    + "). Please wait a few moments and try again.");
                }
            }
            LabJson.write(file(), SetMarker.of(snapshotSetId, OwnerProcess.current(), clock.now()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    /** The set being created, if the process creating it still runs. */
    java.util.Optional<VssId> inProgress() {
        if (!Files.exists(file())) {
            return java.util.Optional.empty();
        }
        SetMarker m = readMarker();
        boolean alive = m != null && m.creatorRuns();
        return alive ? java.util.Optional.of(m.snapshotSetId()) : java.util.Optional.empty();
    }

    @Override
    public void leave(VssId snapshotSetId) {
        try (LabLock lock = LabLock.acquire(labDir)) {
            SetMarker m = readMarker();
            if (m != null && snapshotSetId.equals(m.snapshotSetId())) {
                Files.deleteIfExists(file());
                AtomicFiles.syncDirectory(file().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file() + ": " + e.getMessage(), e);
        }
    }

    private SetMarker readMarker() {
        try {
            return LabJson.read(file(), SetMarker.class);
        } catch (RuntimeException e) {
            return null; // unreadable marker (e.g. torn by a crash): treated as stale
        }
    }
}
