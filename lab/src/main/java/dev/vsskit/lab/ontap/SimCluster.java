package dev.vsskit.lab.ontap;

import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.client.OntapVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The simulated cluster as every part of a simulator sees it: the lab folder, the clock and the state.
 *
 * <p>Every process of a lab runs its own simulator, and all of them serve one cluster: {@code state.json}.
 * Each request runs in {@link #locked}: it takes the cluster lock ({@code <lab>/ontap/.state.lock}, an OS
 * file lock, so across processes), re-reads {@code state.json} when another process wrote it since, and
 * every change is written back before the lock is released. So no process works on a stale copy or
 * writes one back over another's snapshots.
 */
final class SimCluster {

    static final String LOCK_FILE = ".state.lock";
    /** How long a request waits for another process's request; longer answers 503 (busy: retried). */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

    private final Path lab;
    private final SimTime time;
    private SimState state;
    /** The state file as we last read or wrote it; another process's write changes it. */
    private List<Object> stamp = List.of();

    SimCluster(Path lab, SimTime time) throws IOException {
        this.lab = lab;
        this.time = time;
        try (LabLock lock = lock(lab, LOCK_TIMEOUT)) {
            reload();
        }
    }

    /** The cluster lock of a lab, also taken by {@link OntapLab}'s edits of the state file. */
    static LabLock lock(Path lab, Duration timeout) {
        return LabLock.acquire(OntapLab.dir(lab), LOCK_FILE, timeout);
    }

    Path lab() {
        return lab;
    }

    SimTime time() {
        return time;
    }

    /** The current state; valid only inside {@link #locked}. */
    SimState state() {
        return state;
    }

    OntapVersion version() {
        return OntapVersion.parse(state.version);
    }

    CowVolumeStore store(SimState.Vol v) {
        return CowVolumeStore.open(lab.resolve(v.store));
    }

    /** Runs one request's work on the newest state, serialised with every simulator of the lab. */
    synchronized <T> T locked(Supplier<T> work) {
        LabLock lock;
        try {
            lock = lock(lab, LOCK_TIMEOUT);
        } catch (LabException e) {
            throw new ApiError(503, "", "the lab cluster is busy: " + e.getMessage());
        }
        try (lock) {
            if (!stamp.equals(stampOf())) {
                reload();
            }
            boolean done = false;
            try {
                T result = work.get();
                done = true;
                return result;
            } finally {
                if (!done) {
                    stamp = List.of(); // a failure may have left unsaved changes in memory: read the file again
                }
            }
        } catch (IOException e) {
            throw new ApiError(500, "1", "cannot read the simulator state: " + e.getMessage());
        }
    }

    /** Writes the state (inside {@link #locked}). */
    void persist() {
        try {
            state.save(OntapLab.stateFile(lab));
            stamp = stampOf();
        } catch (IOException e) {
            stamp = List.of();
            throw new ApiError(500, "1", "cannot save the simulator state: " + e.getMessage());
        }
    }

    private void reload() throws IOException {
        List<Object> before = stampOf();
        SimState s = SimState.load(OntapLab.stateFile(lab));
        OntapVersion.parse(s.version);
        state = s;
        stamp = before;
    }

    private List<Object> stampOf() {
        try {
            BasicFileAttributes a = Files.readAttributes(OntapLab.stateFile(lab), BasicFileAttributes.class);
            Object key = a.fileKey();
            return List.of(key == null ? "" : key, a.lastModifiedTime(), a.size(), a.creationTime());
        } catch (NoSuchFileException e) {
            return List.of("missing");
        } catch (IOException e) {
            return List.of("unreadable");
        }
    }
}
