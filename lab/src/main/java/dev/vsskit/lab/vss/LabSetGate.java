package dev.vsskit.lab.vss;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.lab.LabLock;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.SnapshotSetGate;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.io.AtomicFiles;
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
    private static final ObjectMapper JSON = new ObjectMapper();

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
                JsonNode m = readMarker();
                long pid = m == null ? -1 : m.path("pid").asLong(-1);
                boolean alive = pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (alive) {
                    throw new VssException(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS,
                            "Another shadow copy creation is already in progress (snapshot set "
                                    + m.path("snapshotSetId").asText() + ", process " + pid
                                    + "). Please wait a few moments and try again.");
                }
            }
            ObjectNode marker = JSON.createObjectNode();
            marker.put("snapshotSetId", snapshotSetId.toString());
            marker.put("pid", ProcessHandle.current().pid());
            marker.put("started", clock.now().toString());
            AtomicFiles.write(file(), JSON.writeValueAsBytes(marker));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void leave(VssId snapshotSetId) {
        try (LabLock lock = LabLock.acquire(labDir)) {
            JsonNode m = readMarker();
            if (m != null && m.path("snapshotSetId").asText().equals(snapshotSetId.toString())) {
                Files.deleteIfExists(file());
                AtomicFiles.syncDirectory(file().getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file() + ": " + e.getMessage(), e);
        }
    }

    private JsonNode readMarker() {
        try {
            return JSON.readTree(Files.readAllBytes(file()));
        } catch (IOException e) {
            return null; // unreadable marker: treated as stale
        }
    }
}
