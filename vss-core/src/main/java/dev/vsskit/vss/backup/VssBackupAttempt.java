package dev.vsskit.vss.backup;

import static dev.vsskit.vss.backup.BackupOutcomes.failed;
import static dev.vsskit.vss.backup.BackupOutcomes.problems;
import static dev.vsskit.vss.backup.BackupOutcomes.vmOutcomes;

import dev.vsskit.vss.FailureClasses;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Words;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One application-consistent attempt: one {@link BackupSession} from InitializeForBackup to BackupComplete,
 * the VMs as components of the Hyper-V writer (or, on a cluster node, of the CSV writer for the VMs other
 * nodes own), and the result per VM and per volume. A failure aborts the session (its close) and comes back
 * as a FAILED or TRANSIENT result, never as an exception.
 */
final class VssBackupAttempt {

    private final BackupTarget target;
    private final dev.vsskit.vss.catalog.BackupCatalog catalog;
    private final InflightJournal journal;
    private final Clock clock;

    VssBackupAttempt(BackupTarget target, dev.vsskit.vss.catalog.BackupCatalog catalog, InflightJournal journal,
            Clock clock) {
        this.target = target;
        this.catalog = catalog;
        this.journal = journal;
        this.clock = clock;
    }

    BackupResult run(BackupPlan plan, BackupRequest request, Instant started, int attempt,
            InflightJournal.Entry note, BackupListener listener) {
        List<BackupPlan.PlannedVm> included = BackupOutcomes.included(plan);
        if (included.isEmpty()) {
            return failed(plan, started, clock.instant(), attempt, Optional.empty(), Optional.empty(),
                    "no VM can be backed up: " + problems(plan));
        }
        Optional<VssId> setId = Optional.empty();
        try (BackupSession session = target.openBackupSession(listener)) {
            session.initializeForBackup();
            // persistent, writer-involving shadows: the backup's storage snapshots outlive this process
            session.setContext(SnapshotContext.APP_ROLLBACK);
            session.setBackupState(true, false, BackupType.FULL, false);
            List<WriterMetadata> metadata = session.gatherWriterMetadata();
            WriterMetadata hyperV = metadata.stream().filter(m -> m.writerId().equals(BackupService.HYPER_V_WRITER))
                    .findFirst()
                    .orElseThrow(() -> new VssException(HResult.VSS_E_WRITER_NOT_RESPONDING,
                            "the Microsoft Hyper-V VSS Writer did not answer (see `vsskit list writers`;"
                                    + " restart the vmms service on a real host)"));
            // on a cluster node, the VMs other nodes own come through the CSV writer, which proxies their Hyper-V writers
            Optional<WriterMetadata> csv = metadata.stream().filter(m -> m.writerId().equals(BackupService.CSV_WRITER))
                    .findFirst();
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
                return failed(plan, started, clock.instant(), attempt, Optional.empty(),
                        Optional.of(HResult.VSS_E_OBJECT_NOT_FOUND),
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
            // the Backup Components Document, as the writers will want it at restore (on Windows, Hyper-V's
            // PreRestore needs the one VSS wrote); kept beside the catalog by snapshot set
            catalog.writeDocument(set.snapshotSetId(), session.saveAsXml());
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
     * either way, found in one look-up per VM instead of a scan of every component (O(n²) over a fleet).
     */
    private static final class ComponentIndex {
        private final List<WriterComponent> components;
        private final Map<String, Integer> first = new java.util.HashMap<>();

        ComponentIndex(WriterMetadata writer) {
            components = writer.components();
            for (int i = 0; i < components.size(); i++) {
                first.putIfAbsent(components.get(i).name().toLowerCase(java.util.Locale.ROOT), i);
            }
        }

        Optional<WriterComponent> of(BackupPlan.PlannedVm vm) {
            Integer a = first.get(vm.id().toString().toLowerCase(java.util.Locale.ROOT));
            Integer b = first.get(vm.id().bare().toLowerCase(java.util.Locale.ROOT));
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
}
