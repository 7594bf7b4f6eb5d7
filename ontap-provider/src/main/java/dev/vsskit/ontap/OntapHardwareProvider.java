package dev.vsskit.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.eventlog.EventSink;
import dev.vsskit.ontap.client.ClusterInfo;
import dev.vsskit.ontap.client.ConsistencyGroupInfo;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.CgSnapshotInfo;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.ontap.internal.ConsistencyGroups;
import dev.vsskit.ontap.internal.Parallel;
import dev.vsskit.vss.FailureClasses;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.InterProcessLock;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A Java implementation of the contract the Data ONTAP VSS Hardware Provider fulfils, driven by the lab's
 * VSS coordinator (on a real Windows host NetApp's own provider DLL does this). One Snapshot copy per
 * ONTAP volume in the set, all named {@link SnapshotNames#of}{@code (backup, set id)}:
 * <ul>
 * <li>end-prepare resolves the volumes, checks the name is free and finds (or makes) the consistency
 * group of a multi-volume set;</li>
 * <li>pre-commit opens a two-phase CG snapshot ({@code action=start}) where the cluster has them (9.11+),
 * so that commit is one call ({@code action=commit});</li>
 * <li>otherwise commit creates the per-volume copies in parallel, each answered synchronously
 * ({@code return_timeout});</li>
 * <li>commit is timed: event 4089 (Navssprv, Application) with the set id and milliseconds, or 4364 and
 * VSS_E_HOLD_WRITES_TIMEOUT when it took more than 10 s;</li>
 * <li>abort removes every copy of the set's name, whatever phase it reached.</li>
 * </ul>
 */
public final class OntapHardwareProvider implements SnapshotProvider, AutoCloseable {

    public static final Provider INFO = new Provider("Data ONTAP VSS Hardware Provider", ProviderType.HARDWARE,
            VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}"), "7.0.0.5235");
    public static final String EVENT_CHANNEL = "Application";
    public static final String EVENT_SOURCE = "Navssprv";
    public static final int EVENT_COMMIT_DONE = 4089;
    public static final int EVENT_COMMIT_TOO_SLOW = 4364;
    /** NetApp's text of event 4089; %1 is the snapshot set id, %2 the milliseconds. */
    public static final String MESSAGE_4089 =
            "The VSS provider has successfully completed CommitSnapshots for SnapshotSetId %1 in %2 milliseconds.";
    /** vsskit's text for event 4364 (NetApp documents the event, not its text); same insertion strings. */
    public static final String MESSAGE_4364 = "The VSS provider took %2 milliseconds to complete CommitSnapshots for"
            + " SnapshotSetId %1, more than the 10 seconds VSS allows. Retry the backup.";
    public static final Duration COMMIT_LIMIT = Duration.ofSeconds(10);

    /**
     * The start budget by default: every attempt at phase one of the CG snapshot, pauses included. The writers
     * are frozen meanwhile (60 s at most, commit included), and an attempt gets half of it: 10 s, so a cluster
     * that is merely slow (a loaded lab) is not taken for a hung one, which would cost a whole backup retry.
     */
    public static final Duration START_BUDGET = Duration.ofSeconds(20);
    private static final Duration COMMIT_WAIT = Duration.ofSeconds(9);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Settings: the computer name events carry, the clock that times the commit, the write-fence timeout
     * of two-phase CG snapshots, how a set is named, and where committed shadows are remembered (so a
     * later process can delete them), if anywhere, where shadow device numbers come from (the host's
     * one counter, so no two shadows of any provider share a device name; else the state file's own), and
     * the start budget: how long phase one of a CG snapshot may take, retries and their pauses included.
     */
    public record Options(String computerName, InstantSource clock, Duration actionTimeout,
            Function<VssId, String> snapshotName, Optional<Path> stateFile,
            Optional<java.util.function.IntFunction<long[]>> deviceNumbers, Duration startBudget) {
        public Options {
            Objects.requireNonNull(computerName, "computerName");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(actionTimeout, "actionTimeout");
            Objects.requireNonNull(startBudget, "startBudget");
            if (startBudget.isNegative() || startBudget.isZero()) {
                throw new IllegalArgumentException("the start budget must be positive");
            }
            Objects.requireNonNull(snapshotName, "snapshotName");
            Objects.requireNonNull(stateFile, "stateFile");
            Objects.requireNonNull(deviceNumbers, "deviceNumbers");
        }

        public static Options defaults(String computerName) {
            return new Options(computerName, InstantSource.system(), Duration.ofSeconds(15),
                    id -> SnapshotNames.of(SnapshotNames.PROVIDER_BACKUP, id), Optional.empty(), Optional.empty(),
                    START_BUDGET);
        }

        public Options withClock(InstantSource c) {
            return new Options(computerName, c, actionTimeout, snapshotName, stateFile, deviceNumbers, startBudget);
        }

        public Options withStateFile(Path file) {
            return new Options(computerName, clock, actionTimeout, snapshotName, Optional.of(file), deviceNumbers,
                    startBudget);
        }

        public Options withSnapshotName(Function<VssId, String> namer) {
            return new Options(computerName, clock, actionTimeout, namer, stateFile, deviceNumbers, startBudget);
        }

        public Options withDeviceNumbers(LongSupplier next) {
            return withDeviceNumbers(n -> {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = next.getAsLong();
                }
                return out;
            });
        }

        /** Device numbers taken {@code n} at a time (a set's shadows: one update of the host's counter, not n). */
        public Options withDeviceNumbers(java.util.function.IntFunction<long[]> reserve) {
            return new Options(computerName, clock, actionTimeout, snapshotName, stateFile, Optional.of(reserve),
                    startBudget);
        }

        /** The start budget (tests and rehearsals make it short: a hung call then costs seconds). */
        public Options withStartBudget(Duration budget) {
            return new Options(computerName, clock, actionTimeout, snapshotName, stateFile, deviceNumbers, budget);
        }
    }

    private enum Mode { PER_VOLUME, CONSISTENCY_GROUP }

    /**
     * Look-ups in flight at once (the name check of EndPrepareSnapshots): 64 concurrent GETs opened 64 connections,
     * a TLS handshake each; on the shared 2-core build machine (load 16) that check took 2.5 s, eight at a time 0.6 s.
     */
    private static final int LOOKUP_PARALLEL = 8;

    /** What the provider knows about one snapshot set in progress. */
    private static final class SetState {
        final VssId id;
        final Map<VssId, VolumeInfo> snapshotVolumes = new LinkedHashMap<>();
        String name;
        Mode mode = Mode.PER_VOLUME;
        String cgUuid;
        String startedCgSnapshot;
        boolean committed;

        SetState(VssId id) {
            this.id = id;
        }

        List<VolumeInfo> volumes() {
            Map<String, VolumeInfo> distinct = new LinkedHashMap<>();
            snapshotVolumes.values().forEach(v -> distinct.putIfAbsent(v.uuid(), v));
            return new ArrayList<>(distinct.values());
        }
    }

    /** A committed shadow: which ONTAP copy it is and its device name. */
    private record Shadow(VssId snapshotSetId, String volumeName, String volumeUuid, String snapshotName,
            String deviceName) {
    }

    private final OntapClient client;
    private final OntapVolumeResolver resolver;
    private final EventSink events;
    private final Options options;
    private final Parallel parallel = new Parallel();
    private final Map<VssId, SetState> sets = new ConcurrentHashMap<>();
    private final Map<String, VolumeInfo> supported = new ConcurrentHashMap<>();
    private final Map<VssId, Shadow> shadows = new LinkedHashMap<>();
    private final Map<VssId, List<String>> notes = new ConcurrentHashMap<>();
    private long nextDevice = 1;
    private volatile ClusterInfo cluster;

    public OntapHardwareProvider(OntapClient client, EventSink events, Options options) {
        this.client = client;
        this.resolver = new OntapVolumeResolver(client);
        this.events = events;
        this.options = options;
        loadShadows();
    }

    @Override
    public Provider info() {
        return INFO;
    }

    @Override
    public boolean isSupported(VolumeTarget volume, SnapshotContext context) {
        if (volume.isShare() || volume.luns().isEmpty()) {
            return false; // shares belong to the File Share Shadow Copy provider
        }
        try {
            Optional<VolumeInfo> v = resolver.volume(volume);
            v.ifPresent(x -> supported.put(volume.volumeName(), x));
            return v.isPresent();
        } catch (OntapException e) {
            return false; // an unreachable cluster supports nothing; VSS picks another provider
        }
    }

    /** One LUN inventory and one volume inventory for all the volumes (see {@link OntapVolumeResolver#lunVolumes}). */
    @Override
    public List<Boolean> areSupported(List<VolumeTarget> volumes, SnapshotContext context) {
        List<Boolean> out = new ArrayList<>(volumes.size());
        try {
            List<Optional<VolumeInfo>> found = resolver.lunVolumes(volumes);
            for (int i = 0; i < volumes.size(); i++) {
                found.get(i).ifPresent(v -> supported.put(volumes.get(out.size()).volumeName(), v));
                out.add(found.get(i).isPresent());
            }
        } catch (OntapException e) {
            out.clear();
            volumes.forEach(v -> out.add(false)); // an unreachable cluster supports nothing
        }
        return out;
    }

    @Override
    public void beginPrepareSnapshot(VssId snapshotSetId, VssId snapshotId, VolumeTarget volume,
            SnapshotContext context) {
        VolumeInfo v = supported.get(volume.volumeName());
        if (v == null) {
            if (!isSupported(volume, context)) {
                throw new VssException(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, "volume " + volume.path()
                        + " is not on an ONTAP LUN of " + client.connection().address());
            }
            v = supported.get(volume.volumeName());
        }
        SetState set = sets.computeIfAbsent(snapshotSetId, SetState::new);
        synchronized (set) {
            set.snapshotVolumes.put(snapshotId, v);
        }
    }

    @Override
    public void endPrepareSnapshots(VssId snapshotSetId) {
        SetState set = set(snapshotSetId);
        synchronized (set) {
            String name = options.snapshotName().apply(snapshotSetId);
            SnapshotNames.validate(name);
            List<VolumeInfo> vols = set.volumes();
            List<Parallel.Outcome<VolumeInfo, Optional<SnapshotInfo>>> found = parallel.each(vols,
                    v -> client.snapshotByName(v.uuid(), name), LOOKUP_PARALLEL);
            RuntimeException failure = Parallel.firstFailure(found);
            if (failure != null) {
                throw veto("cannot reach the ONTAP volumes of snapshot set " + snapshotSetId, failure);
            }
            List<String> taken = found.stream().filter(o -> o.value().isPresent()).map(o -> o.item().name()).toList();
            if (!taken.isEmpty()) {
                throw new VssException(HResult.VSS_E_OBJECT_ALREADY_EXISTS, "a Snapshot copy named " + name
                        + " already exists on " + String.join(", ", taken));
            }
            // Only now is the name the set's own: abort deletes copies of this name, never someone else's.
            set.name = name;
            try {
                if (vols.size() > 1 && cluster().version().hasTwoPhaseCgSnapshots()) {
                    Optional<ConsistencyGroupInfo> cg = ConsistencyGroups.findOrCreate(client, vols);
                    if (cg.isPresent()) {
                        set.mode = Mode.CONSISTENCY_GROUP;
                        set.cgUuid = cg.get().uuid();
                    }
                }
            } catch (OntapException e) {
                throw veto("cannot prepare the consistency group of snapshot set " + snapshotSetId, e);
            }
        }
    }

    @Override
    public void preCommitSnapshots(VssId snapshotSetId) {
        SetState set = set(snapshotSetId);
        synchronized (set) {
            if (set.mode == Mode.CONSISTENCY_GROUP) {
                set.startedCgSnapshot = startWithinBudget(set);
            }
        }
    }

    /**
     * Phase one of the CG snapshot, retried inside the start budget where that is safe. What is retryable is
     * vsskit's one table ({@link FailureClasses}); what is safe to repeat follows from the two-phase rules:
     * <ul>
     * <li>ONTAP answered with an error (503, a 500 with a busy code, 409 53411918 while a killed run's fence
     * lasts) or the connection was refused: the start did not happen, so it is repeated after a pause;</li>
     * <li>no answer (a reset, a hung call): the start may or may not have happened. The provider looks for
     * the set's snapshot by name. Absent: nothing happened, so it is repeated. Present: the start took effect
     * and only its answer was lost. It is not adopted: its write fence began at a moment the provider does
     * not know (it may run out during the commit, and a commit after the fence gives the non-retryable
     * 53411925), and a second start would only meet our own fence (409). The set fails with the retryable
     * cause, the coordinator aborts it (which deletes that snapshot and releases the fence), and the backup
     * ends TRANSIENT, so {@code --retry} takes over with a new set.</li>
     * </ul>
     * Each attempt gets at most half the budget (so one hung call leaves room for another), a pause of the
     * client's retry policy comes between attempts, and no attempt starts without a quarter of the budget
     * (at most 1 s) left. Every retry is noted for the requester ({@link #drainNotes}).
     */
    private String startWithinBudget(SetState set) {
        Duration budget = options.startBudget();
        long deadline = System.nanoTime() + budget.toNanos();
        long perAttempt = Math.max(1, budget.toNanos() / 2);
        long room = Math.min(Duration.ofSeconds(1).toNanos(), budget.toNanos() / 4);
        var retry = client.connection().retry();
        String what = "the start of consistency-group Snapshot copy " + set.name;
        for (int attempt = 1; ; attempt++) {
            long left = deadline - System.nanoTime();
            try {
                return client.startCgSnapshotOnce(set.cgUuid, spec(set), options.actionTimeout(),
                        Duration.ofNanos(Math.min(left, perAttempt)));
            } catch (OntapException e) {
                if (!FailureClasses.retryable(e) || e.kind() == OntapErrorKind.JOB_TIMEOUT) {
                    throw veto("cannot start the consistency-group Snapshot copy " + set.name, e);
                }
                if (!answered(e)) {
                    Optional<CgSnapshotInfo> started;
                    try {
                        started = client.cgSnapshotByName(set.cgUuid, set.name,
                                Duration.ofNanos(Math.max(deadline - System.nanoTime(), room)));
                    } catch (OntapException lookup) {
                        e.addSuppressed(lookup);
                        throw veto(what + " got no answer and the provider cannot tell whether it took effect", e);
                    }
                    if (started.isPresent()) {
                        throw veto(what + " took effect but its answer was lost; it is not repeated (its write"
                                + " fence began at a moment the provider does not know), the set is aborted and"
                                + " the snapshot deleted; retry the backup", e);
                    }
                }
                long pause = Duration.ofMillis(retry.delayMillis(attempt)).toNanos();
                if (attempt >= retry.maxAttempts() || System.nanoTime() + pause + room > deadline) {
                    throw veto(what + " failed " + attempt + (attempt == 1 ? " time" : " times") + " within its "
                            + budget.toMillis() + " ms budget", e);
                }
                note(set.id, what + " failed (" + e.getMessage() + "); tried again after "
                        + Duration.ofNanos(pause).toMillis() + " ms (attempt " + (attempt + 1) + ", within the "
                        + budget.toMillis() + " ms start budget)");
                try {
                    Thread.sleep(Duration.ofNanos(pause).toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw veto(what + " was interrupted", e);
                }
            }
        }
    }

    /** Whether ONTAP answered the call (with an error), so that it certainly did not act on it. */
    private static boolean answered(OntapException e) {
        return e.httpStatus() > 0 || e.kind() == OntapErrorKind.CONNECTION_REFUSED
                || e.kind() == OntapErrorKind.JOB_FAILED;
    }

    private void note(VssId set, String message) {
        notes.computeIfAbsent(set, x -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(message);
    }

    @Override
    public List<String> drainNotes(VssId snapshotSetId) {
        List<String> n = notes.remove(snapshotSetId);
        return n == null ? List.of() : List.copyOf(n);
    }

    @Override
    public void commitSnapshots(VssId snapshotSetId) {
        SetState set = set(snapshotSetId);
        synchronized (set) {
            Instant start = options.clock().instant();
            RuntimeException failure = null;
            try {
                if (set.mode == Mode.CONSISTENCY_GROUP) {
                    client.commitCgSnapshot(set.cgUuid, set.startedCgSnapshot, COMMIT_WAIT);
                } else {
                    SnapshotSpec spec = spec(set);
                    failure = Parallel.firstFailure(parallel.each(set.volumes(),
                            v -> client.createSnapshot(v.uuid(), spec, COMMIT_WAIT)));
                }
            } catch (RuntimeException e) {
                failure = e;
            }
            long millis = Duration.between(start, options.clock().instant()).toMillis();
            set.committed = failure == null;
            if (millis > COMMIT_LIMIT.toMillis()) {
                log(EVENT_COMMIT_TOO_SLOW, ClassicEvent.LEVEL_WARNING, snapshotSetId, millis);
                VssException e = new VssException(HResult.VSS_E_HOLD_WRITES_TIMEOUT, "CommitSnapshots for snapshot set "
                        + snapshotSetId + " took " + millis + " ms, more than the 10 s VSS allows (event 4364);"
                        + " the set is aborted: retry the backup");
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                throw e;
            }
            if (failure != null) {
                throw veto("CommitSnapshots for snapshot set " + snapshotSetId + " failed", failure);
            }
            log(EVENT_COMMIT_DONE, ClassicEvent.LEVEL_INFORMATION, snapshotSetId, millis);
        }
    }

    @Override
    public void postCommitSnapshots(VssId snapshotSetId, int snapshotsCount) {
        SetState set = set(snapshotSetId);
        synchronized (set) {
            if (!set.committed) {
                throw new VssException(HResult.VSS_E_BAD_STATE, "PostCommitSnapshots before a successful commit of "
                        + snapshotSetId);
            }
            // numbered before the state lock is taken: the host's counter has a lock of its own
            List<Long> numbers = new ArrayList<>();
            options.deviceNumbers().ifPresent(reserve -> {
                for (long n : reserve.apply(set.snapshotVolumes.size())) {
                    numbers.add(n);
                }
            });
            changeShadows(() -> {
                int i = 0;
                for (Map.Entry<VssId, VolumeInfo> e : set.snapshotVolumes.entrySet()) {
                    VolumeInfo v = e.getValue();
                    long n = numbers.isEmpty() ? nextDevice++ : numbers.get(i++);
                    shadows.put(e.getKey(), new Shadow(snapshotSetId, v.name(), v.uuid(), set.name,
                            "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy" + n));
                }
                return null;
            });
        }
    }

    @Override
    public void preFinalCommitSnapshots(VssId snapshotSetId) {
        set(snapshotSetId);
    }

    @Override
    public void postFinalCommitSnapshots(VssId snapshotSetId) {
        sets.remove(snapshotSetId); // the set is complete; its shadows live on in the shadow table
    }

    @Override
    public void abortSnapshots(VssId snapshotSetId) {
        SetState set = sets.get(snapshotSetId);
        if (set == null) {
            return;
        }
        synchronized (set) {
            List<RuntimeException> problems = new ArrayList<>();
            if (set.mode == Mode.CONSISTENCY_GROUP && set.cgUuid != null && set.name != null) {
                try {
                    client.cgSnapshotByName(set.cgUuid, set.name)
                            .ifPresent(cs -> client.deleteCgSnapshot(set.cgUuid, cs.uuid(), true));
                } catch (RuntimeException e) {
                    problems.add(e);
                }
            }
            if (set.name != null) {
                // whatever phase was reached (even a commit whose answer was lost): only this set's name
                for (Parallel.Outcome<VolumeInfo, Boolean> o : parallel.each(set.volumes(), v -> {
                    Optional<SnapshotInfo> s = client.snapshotByName(v.uuid(), set.name);
                    s.ifPresent(x -> client.deleteSnapshot(v.uuid(), x.uuid(), true));
                    return s.isPresent();
                })) {
                    if (!o.ok()) {
                        problems.add(o.failure());
                    }
                }
            }
            synchronized (shadows) {
                if (shadows.values().removeIf(s -> s.snapshotSetId().equals(snapshotSetId))) {
                    saveShadows();
                }
            }
            if (!problems.isEmpty()) {
                VssException e = new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, "could not remove every"
                        + " Snapshot copy " + set.name + " of aborted set " + snapshotSetId + ": "
                        + problems.get(0).getMessage() + " (abort again, or delete them by hand)");
                problems.forEach(e::addSuppressed);
                throw e;
            }
            sets.remove(snapshotSetId);
        }
    }

    @Override
    public void deleteSnapshot(VssId snapshotId) {
        changeShadows(() -> {
            Shadow gone = known(snapshotId, " of the ONTAP hardware provider");
            boolean shared = shadows.entrySet().stream().anyMatch(e -> !e.getKey().equals(snapshotId)
                    && e.getValue().volumeUuid().equals(gone.volumeUuid())
                    && e.getValue().snapshotName().equals(gone.snapshotName()));
            if (!shared) {
                try {
                    client.snapshotByName(gone.volumeUuid(), gone.snapshotName())
                            .ifPresent(x -> client.deleteSnapshot(gone.volumeUuid(), x.uuid(), true));
                } catch (OntapException e) {
                    throw veto("cannot delete Snapshot copy " + gone.snapshotName() + " of volume "
                            + gone.volumeName(), e);
                }
            }
            shadows.remove(snapshotId);
            return null;
        });
    }

    /**
     * Changes the remembered shadows as one step across processes: under the state file's lock, on the
     * newest file (another process may have added or deleted shadows since), saved before the lock is
     * released. Without a state file, under this object's lock only.
     */
    private <T> T changeShadows(java.util.function.Supplier<T> change) {
        synchronized (shadows) {
            if (options.stateFile().isEmpty()) {
                return change.get();
            }
            Path lockFile = options.stateFile().get().resolveSibling(options.stateFile().get().getFileName() + ".lock");
            Optional<InterProcessLock> lock;
            try {
                lock = InterProcessLock.tryAcquireCreatingFolder(lockFile, Duration.ofSeconds(30));
            } catch (IOException e) {
                throw new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, "cannot lock " + lockFile + ": "
                        + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, "interrupted while locking " + lockFile, e);
            }
            try (InterProcessLock held = lock.orElseThrow(() -> new VssException(HResult.VSS_E_PROVIDER_VETO,
                    "another process kept " + lockFile + " locked for 30 s"))) {
                loadShadows();
                T result = change.get();
                saveShadows();
                return result;
            }
        }
    }

    @Override
    public String shadowDeviceName(VssId snapshotId) {
        synchronized (shadows) {
            return known(snapshotId, "").deviceName();
        }
    }

    /**
     * The shadow with this id, reloading the provider's file once when this process does not know it (another
     * process may have made it). Call with {@code shadows} held.
     */
    private Shadow known(VssId snapshotId, String notFoundSuffix) {
        Shadow s = shadows.get(snapshotId);
        if (s == null) {
            loadShadows();
            s = shadows.get(snapshotId);
        }
        if (s == null) {
            throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no shadow copy " + snapshotId + notFoundSuffix);
        }
        return s;
    }

    /** The ONTAP volume and Snapshot copy behind a committed shadow (for restore and verify). */
    public Optional<String[]> storageOf(VssId snapshotId) {
        synchronized (shadows) {
            Shadow s = shadows.get(snapshotId);
            if (s == null) {
                loadShadows(); // another node's provider (or process) may have made it
                s = shadows.get(snapshotId);
            }
            return s == null ? Optional.empty() : Optional.of(new String[] {s.volumeName(), s.snapshotName()});
        }
    }

    private ClusterInfo cluster() {
        ClusterInfo c = cluster;
        if (c == null) {
            c = client.cluster();
            cluster = c;
        }
        return c;
    }

    private SetState set(VssId id) {
        SetState s = sets.get(id);
        if (s == null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "the ONTAP provider knows no snapshot set " + id
                    + " (BeginPrepareSnapshot was not called)");
        }
        return s;
    }

    private static SnapshotSpec spec(SetState set) {
        return SnapshotSpec.named(set.name).withComment(SnapshotNames.COMMENT_PREFIX
                + SnapshotNames.parse(set.name).map(SnapshotNames.Parsed::backupName).orElse(set.name));
    }

    private void log(int eventId, int level, VssId setId, long millis) {
        events.write(new ClassicEvent(EVENT_CHANNEL, EVENT_SOURCE, eventId, level, options.clock().instant(),
                options.computerName(), List.of(setId.toString(), Long.toString(millis))));
    }

    private static VssException veto(String what, RuntimeException cause) {
        return new VssException(HResult.VSS_E_PROVIDER_VETO, what + ": " + cause.getMessage(), cause);
    }

    private void loadShadows() {
        if (options.stateFile().isEmpty() || !Files.exists(options.stateFile().get())) {
            return;
        }
        try {
            JsonNode root = JSON.readTree(options.stateFile().get().toFile());
            synchronized (shadows) {
                shadows.clear();
                nextDevice = root.path("nextDevice").asLong(1);
                for (Iterator<Map.Entry<String, JsonNode>> it = root.path("shadows").fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode s = e.getValue();
                    shadows.put(VssId.parse(e.getKey()), new Shadow(VssId.parse(s.path("set").asText()),
                            s.path("volume").asText(), s.path("volumeUuid").asText(), s.path("snapshot").asText(),
                            s.path("device").asText()));
                }
            }
        } catch (IOException e) {
            throw new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, "cannot read the ONTAP provider state "
                    + options.stateFile().get() + ": " + e.getMessage(), e);
        }
    }

    private void saveShadows() {
        if (options.stateFile().isEmpty()) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("nextDevice", nextDevice);
        ObjectNode all = root.putObject("shadows");
        for (Map.Entry<VssId, Shadow> e : shadows.entrySet()) {
            Shadow s = e.getValue();
            all.putObject(e.getKey().toString()).put("set", s.snapshotSetId().toString()).put("volume", s.volumeName())
                    .put("volumeUuid", s.volumeUuid()).put("snapshot", s.snapshotName()).put("device", s.deviceName());
        }
        try {
            AtomicFiles.write(options.stateFile().get(), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        } catch (IOException e) {
            throw new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, "cannot save the ONTAP provider state "
                    + options.stateFile().get() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        parallel.close();
    }
}
