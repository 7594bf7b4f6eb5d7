package dev.vsskit.vss.backup;

import dev.vsskit.vss.FailureClasses;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Words;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.spi.VolumeTarget;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SnapManager for Hyper-V backup: resolve the VMs, plan files → volumes → providers, take one
 * snapshot set through VSS (application-consistent) or one storage snapshot group directly
 * (crash-consistent), record it in the catalog, retry transient failures, then apply retention.
 *
 * <p>Nothing is left half done: a failed attempt is aborted by its session (providers abort, writers
 * thaw), recorded as failed, and a process that dies mid-backup leaves a journal note that the next
 * backup uses to clean up.
 */
public final class BackupService {

    public static final VssId HYPER_V_WRITER = VssId.parse("{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}");
    /** The Cluster Shared Volume VSS Writer: on a cluster node, it reports the VMs the other nodes own. */
    public static final VssId CSV_WRITER = VssId.parse("{1072ae1c-e5a7-4ea1-9e4a-6f7964656570}");
    static final String CRASH_CONSISTENT = "Crash-consistent";
    static final String SAVED_STATE = "Saved State";

    private final BackupTarget target;
    private final BackupCatalog catalog;
    private final InflightJournal journal;
    private final Clock clock;
    private final Sleeper sleeper;

    public BackupService(BackupTarget target, BackupCatalog catalog, Clock clock, Sleeper sleeper) {
        this.target = target;
        this.catalog = catalog;
        this.journal = new InflightJournal(catalog.dir());
        this.clock = clock;
        this.sleeper = sleeper;
    }

    // ---------------------------------------------------------------- plan

    /** Resolves the request into a plan without taking any snapshot. Unknown VMs are an error. */
    public BackupPlan plan(BackupRequest request, List<Dataset> datasets) {
        List<VirtualMachine> vms = resolveVms(request, datasets);
        String name = backupName(request);
        boolean app = !request.crashConsistent();
        Map<String, VolumeTarget> volumeTargets = new LinkedHashMap<>();
        Map<String, Optional<String>> storageOf = new HashMap<>();
        List<BackupPlan.PlannedVm> planned = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            List<String> vmVolumes = new ArrayList<>();
            String problem = "";
            for (String file : vm.files()) {
                Optional<VolumeTarget> vol = target.volumeOf(file);
                if (vol.isEmpty()) {
                    problem = "its file " + file + " is on no volume of " + target.host().computerName();
                    break;
                }
                VolumeTarget v = vol.get();
                Optional<String> storage = target.storageVolumeOf(v);
                if (!app && storage.isEmpty()) {
                    problem = "its volume " + v.path() + " is not on ONTAP; a crash-consistent backup snapshots"
                            + " ONTAP volumes only (back it up application-consistent instead)";
                    break;
                }
                if (!vmVolumes.contains(v.path())) {
                    vmVolumes.add(v.path());
                }
                if (volumeTargets.putIfAbsent(v.path(), v) == null) {
                    storageOf.put(v.path(), storage);
                }
            }
            String method = app ? (vm.backupIntegration() ? "Online" : SAVED_STATE) : CRASH_CONSISTENT;
            if (problem.isEmpty() && app && !vm.backupIntegration() && !request.allowSavedState()) {
                problem = "it cannot be backed up online (no backup integration service in the guest);"
                        + " allow it with --allow-saved-state";
            }
            planned.add(new BackupPlan.PlannedVm(vm.name(), vm.id(), method, vm.files(), vmVolumes, problem));
        }
        Set<String> used = planned.stream().filter(BackupPlan.PlannedVm::included)
                .flatMap(v -> v.volumes().stream()).collect(Collectors.toSet());
        List<VolumeTarget> targets = new ArrayList<>(volumeTargets.values());
        // the providers are asked about every volume at once (the ONTAP provider: one LUN inventory, not two
        // queries per volume), in the order the VMs first named them
        List<Provider> providers = app ? target.predictProviders(targets, request.forcedProvider()) : List.of();
        List<BackupPlan.PlannedVolume> vols = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            VolumeTarget v = targets.get(i);
            if (used.contains(v.path())) {
                vols.add(plannedVolume(v, storageOf.get(v.path()), app ? providers.get(i) : null));
            }
        }
        return new BackupPlan(name, target.host().computerName(), app, planned, vols);
    }

    private static BackupPlan.PlannedVolume plannedVolume(VolumeTarget v, Optional<String> storage, Provider p) {
        boolean onLun = storage.isPresent() && !v.isShare();
        if (p == null) {
            return new BackupPlan.PlannedVolume(v.path(), v.volumeName(), "(none: ONTAP snapshot)", VssId.NULL, false,
                    storage.orElse(""));
        }
        return new BackupPlan.PlannedVolume(v.path(), v.volumeName(), p.name(), p.id(), onLun, storage.orElse(""));
    }

    private List<VirtualMachine> resolveVms(BackupRequest request, List<Dataset> datasets) {
        List<VirtualMachine> inventory = target.virtualMachines();
        List<String> wanted = new ArrayList<>(request.vms());
        if (request.dataset().isPresent()) {
            Dataset ds = datasets.stream().filter(d -> d.name().value().equalsIgnoreCase(request.dataset().get().value()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("unknown dataset '"
                            + request.dataset().get() + "'; see `vsskit dataset list`"));
            wanted.addAll(ds.vms());
        }
        List<VirtualMachine> out = new ArrayList<>();
        if (request.all()) {
            out.addAll(inventory);
        }
        List<String> unknown = new ArrayList<>();
        for (String w : wanted) {
            Optional<VirtualMachine> vm = inventory.stream().filter(v -> v.matches(w)).findFirst();
            if (vm.isEmpty()) {
                unknown.add(w);
            } else if (!out.contains(vm.get())) {
                out.add(vm.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown VM" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + " on " + target.host().computerName() + "; known VMs: " + inventory.stream()
                    .map(VirtualMachine::name).collect(Collectors.joining(", ")));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no VM to back up on " + target.host().computerName());
        }
        return out;
    }

    private String backupName(BackupRequest request) {
        if (request.name().isPresent()) {
            return request.name().get().value();
        }
        // SMHV names a backup after its dataset; without one, after the host's name (not its FQDN)
        String host = target.host().computerName();
        String prefix = request.dataset().map(DatasetName::value)
                .orElse(host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        return BackupName.of(prefix, clock.instant(), clock.getZone()).value();
    }

    // ---------------------------------------------------------------- run

    /** Runs the backup with its retries and retention. Input errors throw IllegalArgumentException before anything changes. */
    public BackupResult run(BackupRequest request, List<Dataset> datasets, BackupListener listener) {
        List<String> recovered = recoverDeadRuns(listener);
        BackupPlan plan = plan(request, datasets);
        try (BackupCatalog.Reservation name = reserveName(plan.backupName(), request.name().isPresent())) {
            return run(withName(plan, name.name()), request, recovered, listener);
        }
    }

    /**
     * Holds the backup's name for this job, so no other job (thread or process) takes it. SMHV's automatic
     * names have one-second resolution: a job that starts in the same second as another takes the next free
     * of {@code <name>-2}, {@code <name>-3}, ..., however many jobs start in that second. A name the user
     * gave is taken or refused.
     */
    private BackupCatalog.Reservation reserveName(String wanted, boolean userGiven) {
        for (int n = 1; n <= (userGiven ? 1 : 10_000); n++) {
            String name = n == 1 ? wanted : wanted + "-" + n;
            Optional<BackupCatalog.Reservation> r = catalog.reserve(name);
            if (r.isPresent()) {
                return r.get();
            }
        }
        throw new IllegalArgumentException("a backup named " + wanted + " exists already or is being taken by another"
                + " job; choose another --name or delete it (vsskit delete backup " + wanted + ")");
    }

    private static BackupPlan withName(BackupPlan p, String name) {
        return new BackupPlan(name, p.host(), p.applicationConsistent(), p.vms(), p.volumes());
    }

    private BackupResult run(BackupPlan plan, BackupRequest request, List<String> recovered, BackupListener listener) {
        listener.planned(plan);
        int tries = request.retry().tries();
        BackupResult result = null;
        for (int attempt = 1; attempt <= tries; attempt++) {
            listener.attempt(attempt, tries);
            result = attempt(plan, request, attempt, tries, listener);
            if (result.status() != BackupResult.Status.TRANSIENT || attempt == tries) {
                break;
            }
            listener.retrying(attempt, result.message(), request.retry().waitBetween());
            try {
                sleeper.sleep(request.retry().waitBetween());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (result.status() == BackupResult.Status.OK || result.status() == BackupResult.Status.PARTIAL) {
            List<String> problems = new ArrayList<>();
            List<String> deleted = applyRetention(result.name(), request, listener, problems);
            result = withRetention(result, deleted);
            if (!problems.isEmpty()) {
                // the backup itself succeeded; what retention could not delete now, the next backup deletes
                result = withMessage(result, result.message() + "; retention could not delete "
                        + String.join("; ", problems) + " (the next backup tries again)");
            }
        }
        if (!recovered.isEmpty()) {
            result = withMessage(result, result.message() + " (cleaned up after a dead run: "
                    + String.join("; ", recovered) + ")");
        }
        return result;
    }

    private BackupResult attempt(BackupPlan plan, BackupRequest request, int attempt, int tries,
            BackupListener listener) {
        // A failed attempt that will be retried is recorded under its own name; the last one takes the backup's name.
        String finalName = plan.backupName();
        Instant started = clock.instant();
        InflightJournal.Entry note = journal.begin(finalName, started);
        BackupResult r = plan.applicationConsistent()
                ? vssAttempt(plan, request, started, attempt, note, listener)
                : storageAttempt(plan, started, attempt, note);
        boolean retryFollows = r.status() == BackupResult.Status.TRANSIENT && attempt < tries;
        if (retryFollows) {
            r = renamed(r, finalName + ".try" + attempt);
        }
        // Created, never replaced; until it is written, the note stays, so if writing it fails (a full disk)
        // the next backup removes what this attempt left rather than leaving snapshots no record names.
        catalog.create(toRecord(r, request, plan));
        journal.end(note);
        return r;
    }

    private BackupResult vssAttempt(BackupPlan plan, BackupRequest request, Instant started, int attempt,
            InflightJournal.Entry note, BackupListener listener) {
        List<BackupPlan.PlannedVm> included = plan.vms().stream().filter(BackupPlan.PlannedVm::included)
                .collect(Collectors.toList());
        if (included.isEmpty()) {
            return failed(plan, started, attempt, Optional.empty(), Optional.empty(),
                    "no VM can be backed up: " + problems(plan));
        }
        Optional<VssId> setId = Optional.empty();
        try (BackupSession session = target.openBackupSession(listener)) {
            session.initializeForBackup();
            // persistent, writer-involving shadows: the backup's storage snapshots outlive this process
            session.setContext(SnapshotContext.APP_ROLLBACK);
            session.setBackupState(true, false, BackupType.FULL, false);
            List<WriterMetadata> metadata = session.gatherWriterMetadata();
            WriterMetadata hyperV = metadata.stream().filter(m -> m.writerId().equals(HYPER_V_WRITER)).findFirst()
                    .orElseThrow(() -> new VssException(HResult.VSS_E_WRITER_NOT_RESPONDING,
                            "the Microsoft Hyper-V VSS Writer did not answer (see `vsskit list writers`;"
                                    + " restart the vmms service on a real host)"));
            // on a cluster node, the VMs other nodes own come through the CSV writer, which proxies their Hyper-V writers
            Optional<WriterMetadata> csv = metadata.stream().filter(m -> m.writerId().equals(CSV_WRITER)).findFirst();
            List<String> notReported = new ArrayList<>();
            List<WriterComponent> components = new ArrayList<>();
            Map<WriterComponent, WriterMetadata> componentWriters = new LinkedHashMap<>();
            Map<WriterComponent, String> componentVms = new LinkedHashMap<>();
            ComponentIndex hyperVComponents = new ComponentIndex(hyperV);
            Optional<ComponentIndex> csvComponents = csv.map(ComponentIndex::new);
            for (BackupPlan.PlannedVm vm : included) {
                WriterMetadata writer = hyperV;
                Optional<WriterComponent> c = hyperVComponents.of(vm);
                if (c.isEmpty() && csv.isPresent()) {
                    writer = csv.get();
                    c = csvComponents.get().of(vm);
                }
                if (c.isEmpty()) {
                    notReported.add(vm.name());
                } else {
                    components.add(c.get());
                    componentWriters.put(c.get(), writer);
                    componentVms.put(c.get(), vm.name());
                    session.addComponent(writer.instanceId(), writer.writerId(), c.get().logicalPath(), c.get().name());
                }
            }
            if (components.isEmpty()) {
                return failed(plan, started, attempt, Optional.empty(), Optional.of(HResult.VSS_E_OBJECT_NOT_FOUND),
                        "the Hyper-V writer reports none of the VMs " + String.join(", ", notReported));
            }
            setId = Optional.of(session.startSnapshotSet());
            // the ONTAP volumes where the providers may leave snapshots named <backup>__<set id> if we die
            List<String> storageVolumes = plan.volumes().stream().map(BackupPlan.PlannedVolume::storageVolume)
                    .filter(v -> !v.isEmpty()).distinct().collect(Collectors.toList());
            note = journal.update(note, "snapshot-set", setId, storageVolumes, "");
            target.nameNextSnapshots(plan.backupName());
            VssId provider = request.forcedProvider().orElse(VssId.NULL);
            session.addToSnapshotSet(plan.volumes().stream().map(BackupPlan.PlannedVolume::path).toList(), provider);
            session.prepareForBackup();
            session.gatherWriterStatus();
            SnapshotSetResult set = session.doSnapshotSet();
            note = journal.update(note, "committed", setId, note.storageVolumes(), "");
            session.gatherWriterStatus();
            Map<String, String> componentFailed = new LinkedHashMap<>(); // VM name -> why its writer failed it
            for (ComponentFailure f : session.componentFailures()) {
                included.stream().filter(vm -> f.name().equalsIgnoreCase(vm.id().toString())
                        || f.name().equalsIgnoreCase(vm.id().bare())).findFirst()
                        .ifPresent(vm -> componentFailed.put(vm.name(), f.message()));
            }
            for (WriterComponent c : components) {
                WriterMetadata w = componentWriters.get(c);
                session.setBackupSucceeded(w.instanceId(), w.writerId(), c.logicalPath(), c.name(),
                        !componentFailed.containsKey(componentVms.get(c)));
            }
            session.backupComplete();
            List<Writer> writers = session.gatherWriterStatus();
            return succeeded(plan, started, attempt, set, writers, notReported, componentFailed);
        } catch (VssException e) {
            HResult h = e.hresult();
            // retryable by its HRESULT, or a provider's veto whose cause is (an ONTAP 503, reset, hung call, fence)
            BackupResult.Status status = FailureClasses.retryable(e) ? BackupResult.Status.TRANSIENT
                    : BackupResult.Status.FAILED;
            return new BackupResult(plan.backupName(), status, started, clock.instant(), true, setId,
                    vmOutcomes(plan, Set.of(), h.name() + ": " + e.getMessage()), List.of(), Duration.ZERO, attempt,
                    Optional.of(h), h.name() + " (" + h.hex() + "): " + e.getMessage(), List.of());
        }
    }

    /**
     * A writer's components by name (a VM's id, with or without braces, in any case): the first component named
     * either way, found in one look-up per VM instead of a scan of every component.
     */
    private static final class ComponentIndex {
        private final List<WriterComponent> components;
        private final Map<String, Integer> first = new HashMap<>();

        ComponentIndex(WriterMetadata writer) {
            components = writer.components();
            for (int i = 0; i < components.size(); i++) {
                first.putIfAbsent(components.get(i).name().toLowerCase(Locale.ROOT), i);
            }
        }

        Optional<WriterComponent> of(BackupPlan.PlannedVm vm) {
            Integer a = first.get(vm.id().toString().toLowerCase(Locale.ROOT));
            Integer b = first.get(vm.id().bare().toLowerCase(Locale.ROOT));
            Integer i = a == null ? b : b == null ? a : Integer.valueOf(Math.min(a, b));
            return i == null ? Optional.empty() : Optional.of(components.get(i));
        }
    }

    private BackupResult succeeded(BackupPlan plan, Instant started, int attempt, SnapshotSetResult set,
            List<Writer> writers, List<String> notReported, Map<String, String> componentFailed) {
        Map<VssId, Provider> providers = target.host().providers().stream()
                .collect(Collectors.toMap(Provider::id, p -> p, (a, b) -> a));
        List<BackupResult.VolumeOutcome> volumes = new ArrayList<>();
        for (Shadow s : set.shadows()) {
            Optional<BackupTarget.StorageSnapshotRef> ref = target.storageSnapshotOf(s);
            Provider p = providers.get(s.providerId());
            volumes.add(new BackupResult.VolumeOutcome(s.originalVolumePath(),
                    p == null ? s.providerName() : p.name(), s.providerId(),
                    ref.map(BackupTarget.StorageSnapshotRef::volume).orElse(""),
                    ref.map(BackupTarget.StorageSnapshotRef::name).orElse("")));
        }
        Set<String> backedUp = new HashSet<>();
        plan.vms().stream().filter(BackupPlan.PlannedVm::included).filter(v -> !notReported.contains(v.name()))
                .filter(v -> !componentFailed.containsKey(v.name())).forEach(v -> backedUp.add(v.name()));
        List<String> failedWriters = writers.stream().filter(w -> w.state().isFailed())
                .map(w -> w.name() + " " + w.lastError().text()).collect(Collectors.toList());
        // A writer that fails after the set was committed (at PostSnapshot or BackupComplete) does not undo the
        // snapshots, which are whole and restorable; the backup stays OK, and the failure is a warning.
        List<String> warnings = writers.stream().filter(w -> w.state().isFailed())
                .map(w -> "writer '" + w.name() + "' is " + w.state().name() + " (" + w.lastError().text() + ")"
                        + " after the snapshot set was complete; the backup is usable, but check the writer"
                        + " (vsskit list writers) before the next backup")
                .collect(Collectors.toList());
        boolean partial = backedUp.size() < plan.vms().size();
        List<String> why = new ArrayList<>();
        if (!problems(plan).isEmpty()) {
            why.add(problems(plan));
        }
        if (!notReported.isEmpty()) {
            why.add("not reported by the Hyper-V writer: " + String.join(", ", notReported));
        }
        if (!componentFailed.isEmpty()) {
            why.add("failed by their writer: " + componentFailed.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
        }
        String message = backedUp.size() + " of " + Words.count(plan.vms().size(), "VM") + " backed up in snapshot set "
                + set.snapshotSetId() + " (commit " + set.commitDuration().toMillis() + " ms)"
                + (partial ? "; not backed up: " + String.join("; ", why) : "")
                + (failedWriters.isEmpty() ? "" : "; failed writers: " + String.join(", ", failedWriters));
        return new BackupResult(plan.backupName(), partial ? BackupResult.Status.PARTIAL : BackupResult.Status.OK,
                started, clock.instant(), true, Optional.of(set.snapshotSetId()),
                vmOutcomes(plan, backedUp, vm -> componentFailed.getOrDefault(vm, "not reported by the Hyper-V writer")),
                volumes, set.commitDuration(),
                attempt, Optional.empty(), message, List.of(), warnings);
    }

    private BackupResult storageAttempt(BackupPlan plan, Instant started, int attempt, InflightJournal.Entry note) {
        List<BackupPlan.PlannedVm> included = plan.vms().stream().filter(BackupPlan.PlannedVm::included)
                .collect(Collectors.toList());
        SnapshotStore store = target.storage().orElseThrow(() -> new IllegalStateException(
                "no ONTAP cluster is configured; a crash-consistent backup needs one (see docs/ontap.md)"));
        if (included.isEmpty()) {
            return failed(plan, started, attempt, Optional.empty(), Optional.empty(),
                    "no VM can be backed up: " + problems(plan));
        }
        VssId group = VssId.random();
        String snapshot = plan.backupName() + "__" + group.bare();
        List<String> storageVolumes = plan.volumes().stream().map(BackupPlan.PlannedVolume::storageVolume).distinct()
                .collect(Collectors.toList());
        journal.update(note, "storage-snapshot", Optional.of(group), storageVolumes, snapshot);
        Instant t0 = clock.instant();
        try {
            store.createSnapshots(storageVolumes, snapshot, "vsskit backup " + plan.backupName());
        } catch (RuntimeException e) {
            BackupResult r = failed(plan, started, attempt, Optional.of(group), Optional.empty(),
                    "the ONTAP snapshot failed: " + e.getMessage());
            return FailureClasses.retryable(e) ? withStatus(r, BackupResult.Status.TRANSIENT) : r;
        }
        Duration commit = Duration.between(t0, clock.instant());
        List<BackupResult.VolumeOutcome> volumes = plan.volumes().stream()
                .map(v -> new BackupResult.VolumeOutcome(v.path(), "(none: ONTAP snapshot)", VssId.NULL,
                        v.storageVolume(), snapshot))
                .collect(Collectors.toList());
        Set<String> backedUp = included.stream().map(BackupPlan.PlannedVm::name).collect(Collectors.toSet());
        boolean partial = backedUp.size() < plan.vms().size();
        String message = backedUp.size() + " of " + Words.count(plan.vms().size(), "VM") + " backed up crash-consistent"
                + " in " + Words.count(storageVolumes.size(), "ONTAP snapshot") + " " + snapshot + (partial ? "; not backed up: " + problems(plan) : "");
        return new BackupResult(plan.backupName(), partial ? BackupResult.Status.PARTIAL : BackupResult.Status.OK,
                started, clock.instant(), false, Optional.of(group), vmOutcomes(plan, backedUp, ""), volumes, commit,
                attempt, Optional.empty(), message, List.of());
    }

    private BackupResult failed(BackupPlan plan, Instant started, int attempt, Optional<VssId> set,
            Optional<HResult> h, String message) {
        return new BackupResult(plan.backupName(), BackupResult.Status.FAILED, started, clock.instant(),
                plan.applicationConsistent(), set, vmOutcomes(plan, Set.of(), message), List.of(), Duration.ZERO,
                attempt, h, message, List.of());
    }

    private static List<BackupResult.VmOutcome> vmOutcomes(BackupPlan plan, Set<String> backedUp, String otherwise) {
        return vmOutcomes(plan, backedUp, vm -> otherwise);
    }

    /** {@code why}: the reason an included VM was not backed up, by its name. */
    private static List<BackupResult.VmOutcome> vmOutcomes(BackupPlan plan, Set<String> backedUp,
            java.util.function.Function<String, String> why) {
        return plan.vms().stream().map(v -> new BackupResult.VmOutcome(v.name(), v.id(), backedUp.contains(v.name()),
                v.backupMethod(), backedUp.contains(v.name()) ? "" : (v.included() ? why.apply(v.name()) : v.problem())))
                .collect(Collectors.toList());
    }

    private static String problems(BackupPlan plan) {
        return plan.vms().stream().filter(v -> !v.included()).map(v -> v.name() + " (" + v.problem() + ")")
                .collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- catalog

    private BackupRecord toRecord(BackupResult r, BackupRequest request, BackupPlan plan) {
        Map<String, BackupPlan.PlannedVolume> planned = plan.volumes().stream()
                .collect(Collectors.toMap(v -> v.path().toLowerCase(Locale.ROOT), v -> v, (a, b) -> a));
        Map<VssId, Provider> providers = target.host().providers().stream()
                .collect(Collectors.toMap(Provider::id, p -> p, (a, b) -> a));
        Map<String, VssId> shadowIds = new LinkedHashMap<>();
        if (r.snapshotSetId().isPresent()) {
            for (Shadow s : target.host().shadows()) {
                if (s.setId().equals(r.snapshotSetId().get())) {
                    shadowIds.put(s.originalVolumePath().toLowerCase(Locale.ROOT), s.shadowId());
                }
            }
        }
        List<BackupRecord.VolumeEntry> volumes = r.volumes().stream().map(v -> {
            BackupPlan.PlannedVolume p = planned.get(v.path().toLowerCase(Locale.ROOT));
            Provider prov = providers.get(v.providerId());
            return new BackupRecord.VolumeEntry(v.path(), shadowIds.getOrDefault(v.path().toLowerCase(Locale.ROOT),
                    VssId.NULL), v.providerName(), v.providerId(), p != null && p.hardwareExpected(),
                    prov != null && prov.type() == ProviderType.HARDWARE, v.storageVolume(), v.storageSnapshot());
        }).collect(Collectors.toList());
        List<BackupRecord.WriterEntry> writers = r.applicationConsistent()
                ? target.host().writers().stream().map(w -> new BackupRecord.WriterEntry(w.name(), w.writerId(),
                        w.state(), w.lastError())).collect(Collectors.toList())
                : List.of();
        List<String> vms = r.vms().stream().filter(BackupResult.VmOutcome::backedUp).map(BackupResult.VmOutcome::name)
                .collect(Collectors.toList());
        return new BackupRecord(r.name(), r.started(), r.finished(), request.dataset().map(DatasetName::value), vms,
                r.applicationConsistent(), r.snapshotSetId(), volumes, writers, r.commitDuration(),
                r.status() == BackupResult.Status.OK || r.status() == BackupResult.Status.PARTIAL, r.message());
    }

    // ---------------------------------------------------------------- retention and deletion

    private List<String> applyRetention(String justTaken, BackupRequest request, BackupListener listener,
            List<String> problems) {
        if (request.retention().isUnlimited()) {
            return List.of();
        }
        Optional<String> dataset = request.dataset().map(DatasetName::value);
        List<BackupRecord> same = catalog.list().records().stream()
                .filter(BackupRecord::succeeded)
                .filter(r -> r.dataset().map(d -> d.equalsIgnoreCase(dataset.orElse(""))).orElse(dataset.isEmpty()))
                .collect(Collectors.toList());
        List<RetentionPolicy.Candidate> candidates = same.stream()
                .map(r -> new RetentionPolicy.Candidate(r.name(), r.started())).collect(Collectors.toList());
        List<String> deleted = new ArrayList<>();
        for (RetentionPolicy.Candidate c : request.retention().toDelete(candidates, justTaken, Set.of(), clock.instant())) {
            try {
                delete(c.name());
                listener.retentionDeleted(c.name());
                deleted.add(c.name());
            } catch (RuntimeException e) {
                listener.warning("retention could not delete backup " + c.name() + ": " + e.getMessage());
                problems.add(c.name() + " (" + e.getMessage() + ")");
            }
        }
        return deleted;
    }

    /** What {@link #delete} removed: the backup's name, how many volumes its record named, its snapshot set. */
    public record Deleted(String name, int volumes, Optional<VssId> snapshotSetId, boolean recordWasCorrupt) {
    }

    /**
     * Deletes a backup: its shadows (and with them the storage snapshots their provider made), any storage
     * snapshot it names that is still there, then its record. Safe to repeat after a crash in between. A
     * corrupt record is deleted too, with whatever it still names that can be read.
     */
    public Deleted delete(String name) {
        BackupRecord record;
        try {
            record = catalog.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown backup '" + name + "'; see `vsskit list backups`"));
        } catch (BackupCatalog.CorruptRecordException corrupt) {
            return deleteSalvaged(catalog.salvage(name));
        }
        deleteRecorded(record);
        return new Deleted(record.name(), record.volumes().size(), record.snapshotSetId(), false);
    }

    private Deleted deleteSalvaged(BackupCatalog.Salvaged s) {
        Optional<VssId> set = VssId.isValid(s.snapshotSetId()) ? Optional.of(VssId.parse(s.snapshotSetId()))
                : Optional.empty();
        List<BackupRecord.VolumeEntry> volumes = new ArrayList<>();
        for (int i = 0; i < Math.max(s.shadowIds().size(), s.storageSnapshots().size()); i++) {
            String shadow = i < s.shadowIds().size() ? s.shadowIds().get(i) : "";
            String[] storage = i < s.storageSnapshots().size() ? s.storageSnapshots().get(i) : new String[] {"", ""};
            volumes.add(new BackupRecord.VolumeEntry("", VssId.isValid(shadow) ? VssId.parse(shadow) : VssId.NULL,
                    "", VssId.NULL, false, false, storage[0], storage[1]));
        }
        // what an unreadable record can no longer name: vsskit's snapshots are <backup>__<set id>
        Optional<SnapshotStore> store = target.storage();
        if (store.isPresent()) {
            for (String volume : storageVolumes()) {
                for (StorageSnapshot snap : store.get().snapshots(volume)) {
                    if (!snap.name().startsWith(s.name() + "__")) {
                        continue;
                    }
                    volumes.add(new BackupRecord.VolumeEntry("", VssId.NULL, "", VssId.NULL, false, false, volume,
                            snap.name()));
                    String suffix = snap.name().substring(s.name().length() + 2);
                    if (set.isEmpty() && VssId.isValid(suffix)) {
                        set = Optional.of(VssId.parse(suffix));
                    }
                }
            }
        }
        // shadows of its set that the record no longer names one by one
        for (Shadow sh : target.host().shadows()) {
            if (set.isPresent() && sh.setId().equals(set.get())
                    && volumes.stream().noneMatch(v -> v.shadowId().equals(sh.shadowId()))) {
                volumes.add(new BackupRecord.VolumeEntry("", sh.shadowId(), "", VssId.NULL, false, false, "", ""));
            }
        }
        deleteRecorded(new BackupRecord(s.name(), Instant.EPOCH, Instant.EPOCH, Optional.empty(), List.of(), false, set,
                volumes, List.of(), Duration.ZERO, false, "corrupt record"));
        return new Deleted(s.name(), s.storageSnapshots().size(), set, true);
    }

    /** The storage volumes that hold the host's VMs. */
    private Set<String> storageVolumes() {
        Set<String> out = new java.util.LinkedHashSet<>();
        for (VirtualMachine vm : target.virtualMachines()) {
            for (String file : vm.files()) {
                target.volumeOf(file).flatMap(target::storageVolumeOf).ifPresent(out::add);
            }
        }
        return out;
    }

    private void deleteRecorded(BackupRecord record) {
        String name = record.name();
        Set<VssId> liveShadows = target.host().shadows().stream().map(Shadow::shadowId).collect(Collectors.toSet());
        for (BackupRecord.VolumeEntry v : record.volumes()) {
            if (!v.shadowId().isNull() && liveShadows.contains(v.shadowId())) {
                try {
                    target.deleteShadow(v.shadowId());
                } catch (VssException e) {
                    // deleted meanwhile by another job deleting this backup (or by retention): what we wanted
                    if (e.hresult() != HResult.VSS_E_OBJECT_NOT_FOUND) {
                        throw e;
                    }
                }
            }
        }
        Optional<SnapshotStore> store = target.storage();
        if (store.isPresent()) {
            Set<String> done = new HashSet<>();
            for (BackupRecord.VolumeEntry v : record.volumes()) {
                if (v.storageVolume().isEmpty() || v.storageSnapshot().isEmpty()
                        || !done.add(v.storageVolume() + "/" + v.storageSnapshot())) {
                    continue;
                }
                if (present(store.get(), v)) {
                    try {
                        store.get().deleteSnapshot(v.storageVolume(), v.storageSnapshot());
                    } catch (RuntimeException e) {
                        if (present(store.get(), v)) {
                            throw e;
                        } // deleted meanwhile by another job: what we wanted
                    }
                }
            }
        }
        catalog.delete(name);
    }

    private static boolean present(SnapshotStore store, BackupRecord.VolumeEntry v) {
        return store.snapshots(v.storageVolume()).stream().anyMatch(s -> s.name().equals(v.storageSnapshot()));
    }

    // ---------------------------------------------------------------- recovery

    /** Cleans up after backup processes that died: their shadows, storage snapshots and journal notes. */
    List<String> recoverDeadRuns(BackupListener listener) {
        List<String> done = new ArrayList<>();
        for (String what : target.recoverInterruptedBackups()) {
            listener.recovered(what);
            done.add(what);
        }
        for (InflightJournal.Entry e : journal.orphans()) {
            try {
                done.add(recover(e, listener));
            } catch (RuntimeException ex) {
                // e.g. a volume still fenced by the dead run's consistency-group snapshot: keep the note, retry next time
                String what = "backup " + e.name() + " (process " + e.pid() + ") died; its leftovers could not be removed"
                        + " yet (" + ex.getMessage() + "); the next backup tries again";
                listener.warning(what);
                done.add(what);
            }
        }
        return done;
    }

    private String recover(InflightJournal.Entry e, BackupListener listener) {
        {
            Optional<BackupRecord> recorded = catalog.find(e.name());
            StringBuilder what = new StringBuilder("backup " + e.name() + " (process " + e.pid() + ") died at phase "
                    + e.phase());
            if (recorded.isPresent()) {
                what.append(": its record was written; nothing to undo");
            } else if (e.setId().isPresent()) {
                VssId set = e.setId().get();
                int shadows = 0;
                for (Shadow s : target.host().shadows()) {
                    if (s.setId().equals(set)) {
                        target.deleteShadow(s.shadowId());
                        shadows++;
                    }
                }
                int snapshots = 0;
                Optional<SnapshotStore> store = target.storage();
                if (store.isPresent()) {
                    for (String vol : e.storageVolumes()) {
                        for (StorageSnapshot s : store.get().snapshots(vol)) {
                            if (s.name().equals(e.storageSnapshot()) || s.name().endsWith("__" + set.bare())) {
                                store.get().deleteSnapshot(vol, s.name());
                                snapshots++;
                            }
                        }
                    }
                }
                what.append(": deleted ").append(shadows).append(" shadow copies and ").append(snapshots)
                        .append(" ONTAP snapshots of set ").append(set);
            } else {
                what.append(": no snapshot had been started");
            }
            journal.end(e);
            listener.recovered(what.toString());
            return what.toString();
        }
    }

    private static BackupResult renamed(BackupResult r, String name) {
        return new BackupResult(name, r.status(), r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), r.message(),
                r.retentionDeleted(), r.warnings());
    }

    private static BackupResult withRetention(BackupResult r, List<String> deleted) {
        return new BackupResult(r.name(), r.status(), r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), r.message(),
                deleted, r.warnings());
    }

    private static BackupResult withStatus(BackupResult r, BackupResult.Status status) {
        return new BackupResult(r.name(), status, r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), r.message(),
                r.retentionDeleted(), r.warnings());
    }

    private static BackupResult withMessage(BackupResult r, String message) {
        return new BackupResult(r.name(), r.status(), r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), message,
                r.retentionDeleted(), r.warnings());
    }
}
