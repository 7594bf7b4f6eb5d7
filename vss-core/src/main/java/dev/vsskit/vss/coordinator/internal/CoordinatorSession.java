package dev.vsskit.vss.coordinator.internal;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The coordinator's {@link BackupSession}: drives writers and providers through one snapshot set under
 * the VSS rules. Not thread-safe (one requester thread per session, as with IVssBackupComponents).
 */
public final class CoordinatorSession implements BackupSession {

    private enum Stage { NEW, INITIALIZED, METADATA, SET_STARTED, PREPARED, SNAPSHOTTED, COMPLETED, ABORTED, CLOSED }

    /** A writer taking part in this session, with when it was frozen. */
    private static final class Slot {
        final VssWriter writer;
        WriterMetadata metadata;
        boolean inBackup;
        long frozenAt = -1;

        Slot(VssWriter writer) {
            this.writer = writer;
        }
    }

    private record SetVolume(VolumeTarget target, VssId shadowId, SnapshotProvider provider) {
    }

    /** A failure that ends the snapshot set: the set is aborted, then this HRESULT is thrown. */
    private static final class SetFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient HResult hresult;

        SetFailure(HResult hresult, String message, Throwable cause) {
            super(message, cause);
            this.hresult = hresult;
        }
    }

    private final VssCoordinator host;
    private final VssClock clock;
    private final BackupProgressListener listener;
    private final SetRollback rollback;
    private Stage stage = Stage.NEW;
    private SnapshotContext context = SnapshotContext.BACKUP;
    private BackupType backupType = BackupType.FULL;
    private boolean selectComponents = true;
    private final List<Slot> slots = new ArrayList<>();
    private final List<SelectedComponent> selected = new ArrayList<>();
    /** Where each component is in {@link #selected}, by {@link #key}: a fleet's 1,000 components without O(n²) scans. */
    private final Map<String, Integer> selectedIndex = new HashMap<>();
    private final List<SetVolume> volumes = new ArrayList<>();
    private final Set<SnapshotProvider> providersInSet = new LinkedHashSet<>();
    private VssId setId = VssId.NULL;
    private boolean gateHeld;
    private boolean metadataGathered;
    private SnapshotSetResult result;
    /** The shadows once the providers finished the set (before writers' PostSnapshot): deleted one by one on failure. */
    private List<Shadow> createdShadows;
    private Instant created;

    public CoordinatorSession(VssCoordinator host, BackupProgressListener listener) {
        this.host = host;
        this.clock = host.clock();
        this.listener = listener;
        this.rollback = new SetRollback(host, listener);
    }

    @Override
    public void initializeForBackup() {
        require("InitializeForBackup", Stage.NEW);
        stage = Stage.INITIALIZED;
    }

    @Override
    public void setContext(SnapshotContext newContext) {
        require("SetContext", Stage.INITIALIZED);
        context = newContext;
    }

    @Override
    public void setBackupState(boolean select, boolean bootableSystemState, BackupType type,
            boolean partialFileSupport) {
        require("SetBackupState", Stage.INITIALIZED);
        selectComponents = select;
        backupType = type;
    }

    private boolean writersInvolved() {
        return !context.attributes().has(VolumeSnapshotAttributes.NO_WRITERS);
    }

    @Override
    public List<WriterMetadata> gatherWriterMetadata() {
        require("GatherWriterMetadata", Stage.INITIALIZED);
        stage = Stage.METADATA;
        metadataGathered = true;
        List<WriterMetadata> out = new ArrayList<>();
        if (!writersInvolved()) {
            return out;
        }
        listener.phase(setId, WriterPhase.IDENTIFY.eventName());
        try {
            for (VssWriter w : host.writerImplementations()) {
                // A new backup starts every writer afresh: last time's failure no longer stands.
                state(w, WriterState.STABLE, WriterError.NO_ERROR);
                Slot slot = new Slot(w);
                try {
                    slot.metadata = w.identify(event(slot));
                    slots.add(slot);
                    out.add(slot.metadata);
                } catch (RuntimeException e) {
                    writerFailed(w, WriterPhase.IDENTIFY, e);
                }
            }
        } finally {
            host.saveWriterStatus();
        }
        return out;
    }

    @Override
    public void addComponent(VssId instanceId, VssId writerId, String logicalPath, String componentName) {
        require("AddComponent", Stage.METADATA);
        if (!selectComponents) {
            throw new VssException(HResult.VSS_E_BAD_STATE,
                    "AddComponent needs SetBackupState with selectComponents=true");
        }
        Slot slot = slots.stream()
                .filter(s -> s.writer.instanceId().equals(instanceId) && s.writer.writerId().equals(writerId))
                .findFirst()
                .orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no writer " + writerId
                        + " (instance " + instanceId + ") answered Identify in this session"));
        slot.metadata.component(logicalPath, componentName).orElseThrow(() -> new VssException(
                HResult.VSS_E_OBJECT_NOT_FOUND, "the writer '" + slot.writer.name() + "' has no component '"
                        + (logicalPath.isEmpty() ? "" : logicalPath + "\\") + componentName + "'"));
        SelectedComponent c = new SelectedComponent(writerId, instanceId, logicalPath, componentName, false);
        if (selectedIndex.putIfAbsent(key(c), selected.size()) != null) {
            throw new VssException(HResult.VSS_E_OBJECT_ALREADY_EXISTS,
                    "the component '" + componentName + "' was already added");
        }
        selected.add(c);
    }

    /** What {@link SelectedComponent#sameComponent} compares: the writer instance and id, path and name in any case. */
    private static String key(SelectedComponent c) {
        return c.instanceId() + "|" + c.writerId() + "|" + c.logicalPath().toLowerCase(java.util.Locale.ROOT) + "|"
                + c.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public VssId startSnapshotSet() {
        require("StartSnapshotSet", Stage.INITIALIZED, Stage.METADATA);
        VssId id = VssId.random();
        host.gate().enter(id);
        gateHeld = true;
        setId = id;
        stage = Stage.SET_STARTED;
        return id;
    }

    @Override
    public VssId addToSnapshotSet(String volume, VssId providerId) {
        return addToSnapshotSet(volume, providerId, Map.of());
    }

    /**
     * The providers are asked about every volume at once ({@link VssCoordinator#selectProviders}: one LUN inventory
     * for the ONTAP provider instead of two queries per volume), then each volume is added as by the single call;
     * a volume no provider took goes through {@code selectProvider}, which names the reason.
     */
    @Override
    public List<VssId> addToSnapshotSet(List<String> volumeNames, VssId providerId) {
        require("AddToSnapshotSet", Stage.SET_STARTED);
        List<VolumeTarget> targets = new ArrayList<>();
        for (String v : volumeNames) {
            host.resolveVolume(v).filter(t -> targets.stream().noneMatch(x -> x.volumeName().equals(t.volumeName())))
                    .ifPresent(targets::add);
        }
        List<Optional<SnapshotProvider>> chosen = host.selectProviders(targets, providerId, context);
        Map<String, SnapshotProvider> preselected = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            int k = i;
            chosen.get(i).ifPresent(p -> preselected.put(targets.get(k).volumeName(), p));
        }
        List<VssId> ids = new ArrayList<>(volumeNames.size());
        for (String v : volumeNames) {
            ids.add(addToSnapshotSet(v, providerId, preselected));
        }
        return ids;
    }

    private VssId addToSnapshotSet(String volume, VssId providerId, Map<String, SnapshotProvider> preselected) {
        require("AddToSnapshotSet", Stage.SET_STARTED);
        VolumeTarget target = host.resolveVolume(volume).orElseThrow(() -> new VssException(
                HResult.VSS_E_OBJECT_NOT_FOUND, "the volume '" + volume + "' does not exist on "
                        + host.computerName() + " (see 'vsskit list volumes')"));
        if (volumes.stream().anyMatch(v -> v.target().volumeName().equals(target.volumeName()))) {
            throw new VssException(HResult.VSS_E_OBJECT_ALREADY_EXISTS,
                    "the volume " + target.path() + " is already in snapshot set " + setId);
        }
        if (volumes.size() >= VssCoordinator.MAX_VOLUMES_PER_SET) {
            throw new VssException(HResult.VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED, "a snapshot set holds at most "
                    + VssCoordinator.MAX_VOLUMES_PER_SET + " volumes");
        }
        SnapshotProvider provider = preselected.get(target.volumeName());
        if (provider == null) {
            provider = host.selectProvider(target, providerId, context);
        }
        VssId shadowId = VssId.random();
        try {
            provider.beginPrepareSnapshot(setId, shadowId, target, context);
        } catch (RuntimeException e) {
            providersInSet.add(provider);
            throw providerError("BeginPrepareSnapshot", provider, e);
        }
        providersInSet.add(provider);
        volumes.add(new SetVolume(target, shadowId, provider));
        listener.providerSelected(setId, target.path(), provider.info().name());
        return shadowId;
    }

    @Override
    public void prepareForBackup() {
        require("PrepareForBackup", Stage.SET_STARTED);
        if (writersInvolved() && !metadataGathered) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "PrepareForBackup needs GatherWriterMetadata first");
        }
        listener.phase(setId, WriterPhase.PREPARE_BACKUP.eventName());
        try {
            for (Slot s : slots) {
                s.inBackup = true;
                call(s, WriterPhase.PREPARE_BACKUP, w -> w.prepareForBackup(event(s)), WriterState.STABLE);
            }
            stage = Stage.PREPARED;
        } catch (SetFailure f) {
            throw abortWith(f);
        } finally {
            host.saveWriterStatus();
        }
    }

    @Override
    public SnapshotSetResult doSnapshotSet() {
        if (stage == Stage.SET_STARTED && writersInvolved()) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "DoSnapshotSet needs PrepareForBackup first");
        }
        require("DoSnapshotSet", Stage.PREPARED, Stage.SET_STARTED);
        if (volumes.isEmpty()) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "DoSnapshotSet: the snapshot set " + setId
                    + " holds no volume (call AddToSnapshotSet first)");
        }
        try {
            result = createSet();
            stage = Stage.SNAPSHOTTED;
            if (context.isPersistent()) {
                host.registerPersistent(result.shadows());
            } else {
                host.sessionShadowsCreated(result.shadows());
            }
            return result;
        } catch (SetFailure f) {
            throw abortWith(f);
        } finally {
            leaveGate();
            host.saveWriterStatus();
        }
    }

    private SnapshotSetResult createSet() {
        phase("PrepareForSnapshot");
        for (Slot s : slots) {
            call(s, WriterPhase.PREPARE_SNAPSHOT, w -> w.prepareForSnapshot(event(s)), WriterState.WAITING_FOR_FREEZE);
        }
        for (SnapshotProvider p : providersInSet) {
            provider("EndPrepareSnapshots", p, () -> p.endPrepareSnapshots(setId));
        }
        phase("Freeze");
        long freezeStart = clock.nanoTime();
        for (Slot s : slots) {
            s.frozenAt = clock.nanoTime();
            call(s, WriterPhase.FREEZE, w -> w.freeze(event(s)), WriterState.WAITING_FOR_THAW);
            checkFreezeWindows();
        }
        for (SnapshotProvider p : providersInSet) {
            provider("PreCommitSnapshots", p, () -> p.preCommitSnapshots(setId));
        }
        checkFreezeWindows();
        phase("Commit");
        long holdStart = clock.nanoTime();
        SetFailure commitFailure = null;
        for (SnapshotProvider p : providersInSet) {
            try {
                provider("CommitSnapshots", p, () -> p.commitSnapshots(setId));
            } catch (SetFailure f) {
                commitFailure = f;
                break;
            }
        }
        Duration hold = Duration.ofNanos(clock.nanoTime() - holdStart);
        if (hold.compareTo(host.timing().holdWritesWindow()) > 0) {
            // Past the window the kernel has already released the held writes: VSS fails the set with the
            // timeout, whatever the provider returned (its own failure is kept as the cause).
            throw new SetFailure(HResult.VSS_E_HOLD_WRITES_TIMEOUT, "the providers held writes for "
                    + hold.toMillis() + " ms, longer than the " + host.timing().holdWritesWindow().toMillis()
                    + " ms flush-and-hold window; the snapshot set was aborted"
                    + (commitFailure == null ? "" : " (" + commitFailure.getMessage() + ")"), commitFailure);
        }
        if (commitFailure != null) {
            throw commitFailure;
        }
        listener.committed(setId, hold);
        for (SnapshotProvider p : providersInSet) {
            int count = (int) volumes.stream().filter(v -> v.provider() == p).count();
            provider("PostCommitSnapshots", p, () -> p.postCommitSnapshots(setId, count));
        }
        checkFreezeWindows();
        phase("Thaw");
        SetFailure thawFailure = null;
        for (Slot s : slots) {
            try {
                call(s, WriterPhase.THAW, w -> w.thaw(event(s)), WriterState.WAITING_FOR_POST_SNAPSHOT);
            } catch (SetFailure f) {
                // Every writer must be thawed even when one fails its thaw.
                thawFailure = thawFailure == null ? f : thawFailure;
            } finally {
                s.frozenAt = -1;
            }
        }
        Duration frozen = Duration.ofNanos(clock.nanoTime() - freezeStart);
        if (thawFailure != null) {
            throw thawFailure;
        }
        for (SnapshotProvider p : providersInSet) {
            provider("PreFinalCommitSnapshots", p, () -> p.preFinalCommitSnapshots(setId));
        }
        for (SnapshotProvider p : providersInSet) {
            provider("PostFinalCommitSnapshots", p, () -> p.postFinalCommitSnapshots(setId));
        }
        created = clock.now();
        List<Shadow> shadows = new ArrayList<>();
        for (SetVolume v : volumes) {
            shadows.add(shadow(v));
        }
        createdShadows = shadows;
        phase("PostSnapshot");
        for (Slot s : slots) {
            call(s, WriterPhase.POST_SNAPSHOT, w -> w.postSnapshot(event(s)), WriterState.WAITING_FOR_BACKUP_COMPLETE);
        }
        return new SnapshotSetResult(setId, shadows, hold, frozen);
    }

    private Shadow shadow(SetVolume v) {
        String device;
        try {
            device = v.provider().shadowDeviceName(v.shadowId());
        } catch (RuntimeException e) {
            throw providerFailure("GetSnapshotProperties", v.provider(), e);
        }
        VolumeSnapshotAttributes attrs = context.attributes();
        ProviderType type = v.provider().info().type();
        if (type == ProviderType.HARDWARE) {
            attrs = attrs.with(VolumeSnapshotAttributes.HARDWARE_ASSISTED).with(VolumeSnapshotAttributes.DIFFERENTIAL);
        } else if (type == ProviderType.FILESHARE) {
            attrs = attrs.with(VolumeSnapshotAttributes.FILE_SHARE);
        } else {
            attrs = attrs.with(VolumeSnapshotAttributes.DIFFERENTIAL);
        }
        return new Shadow(v.shadowId(), setId, volumes.size(), created, v.target().path(), v.target().volumeName(),
                device, host.computerName(), host.computerName(), v.provider().info().id(),
                v.provider().info().name(), context, attrs);
    }

    /** Writers whose freeze window has passed are aborted (as CVssWriter does itself) and fail with Timed out. */
    private void checkFreezeWindows() {
        long now = clock.nanoTime();
        List<Slot> late = new ArrayList<>();
        for (Slot s : slots) {
            if (s.frozenAt >= 0 && now - s.frozenAt > s.writer.freezeTimeout().toNanos()) {
                late.add(s);
            }
        }
        if (late.isEmpty()) {
            return;
        }
        StringBuilder names = new StringBuilder();
        for (Slot s : late) {
            safeAbort(s);
            s.frozenAt = -1;
            s.inBackup = false;
            state(s.writer, WriterState.FAILED_AT_FREEZE, WriterError.TIMED_OUT);
            names.append(names.length() == 0 ? "" : ", ").append('\'').append(s.writer.name()).append('\'');
        }
        throw new SetFailure(HResult.VSS_E_WRITERERROR_TIMEOUT, "the writer " + names
                + " was frozen longer than its freeze window and was aborted; the snapshot set was aborted", null);
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        if (stage == Stage.NEW || stage == Stage.CLOSED) {
            throw badState("GatherWriterStatus");
        }
        return host.writers();
    }

    /** What the writers in the backup report failed among the selected components (after DoSnapshotSet). */
    @Override
    public List<ComponentFailure> componentFailures() {
        if (stage != Stage.SNAPSHOTTED && stage != Stage.COMPLETED) {
            return List.of();
        }
        List<ComponentFailure> out = new ArrayList<>();
        for (Slot s : slots) {
            for (ComponentFailure f : s.writer.componentFailures(setId)) {
                boolean isSelected = selected.stream().anyMatch(c -> c.instanceId().equals(f.instanceId())
                        && c.logicalPath().equalsIgnoreCase(f.logicalPath()) && c.name().equalsIgnoreCase(f.name()));
                if (isSelected) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    @Override
    public void setBackupSucceeded(VssId instanceId, VssId writerId, String logicalPath, String componentName,
            boolean succeeded) {
        require("SetBackupSucceeded", Stage.SNAPSHOTTED);
        SelectedComponent key = new SelectedComponent(writerId, instanceId, logicalPath, componentName, false);
        Integer i = selectedIndex.get(key(key));
        if (i != null) {
            selected.set(i, selected.get(i).withBackupSucceeded(succeeded));
            return;
        }
        throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                "the component '" + componentName + "' was not added to this backup");
    }

    @Override
    public void backupComplete() {
        require("BackupComplete", Stage.SNAPSHOTTED);
        phase("BackupComplete");
        try {
            for (Slot s : slots) {
                try {
                    call(s, WriterPhase.BACKUP_COMPLETE, w -> w.backupComplete(event(s)), WriterState.STABLE);
                } catch (SetFailure f) {
                    // As in VSS: the backup stands; the failure shows in the writer's status.
                    listener.warning(f.getMessage());
                }
                s.inBackup = false;
            }
            stage = Stage.COMPLETED;
        } finally {
            host.saveWriterStatus();
        }
    }

    @Override
    public String saveAsXml() {
        if (stage == Stage.NEW || stage == Stage.INITIALIZED || stage == Stage.CLOSED) {
            throw badState("SaveAsXML");
        }
        List<BackupComponentsDocument.ShadowEntry> entries = new ArrayList<>();
        if (result != null) {
            for (Shadow s : result.shadows()) {
                entries.add(new BackupComponentsDocument.ShadowEntry(s.shadowId(), s.originalVolumePath(),
                        s.originalVolumeName(), s.providerId(), s.providerName(), s.shadowVolume()));
            }
        }
        return new BackupComponentsDocument(setId, context, backupType, selectComponents,
                created == null ? clock.now() : created, entries, selected).toXml();
    }

    @Override
    public void abortBackup() {
        if (stage == Stage.NEW || stage == Stage.CLOSED || stage == Stage.COMPLETED) {
            throw badState("AbortBackup");
        }
        if (stage == Stage.ABORTED) {
            return;
        }
        abortSet();
        host.saveWriterStatus();
    }

    @Override
    public VssId snapshotSetId() {
        return setId;
    }

    @Override
    public void close() {
        if (stage == Stage.CLOSED) {
            return;
        }
        boolean persistentDone = stage == Stage.SNAPSHOTTED && context.isPersistent();
        if (stage != Stage.COMPLETED && stage != Stage.ABORTED && stage != Stage.NEW && !persistentDone) {
            abortSet();
        } else if (stage == Stage.COMPLETED || persistentDone) {
            releaseNonPersistent();
        }
        leaveGate();
        host.saveWriterStatus();
        stage = Stage.CLOSED;
    }

    // ---- aborting ----

    private VssException abortWith(SetFailure f) {
        abortSet();
        return new VssException(f.hresult, f.getMessage(), f.getCause());
    }

    /** Providers abort (or release committed shadows), writers still in the backup get Abort, the gate opens. */
    private void abortSet() {
        phase("Abort");
        if (result != null) {
            releaseNonPersistent();
        } else if (createdShadows != null) {
            // The providers already finished the set: delete its shadows, as auto-release would.
            rollback.release(createdShadows);
        } else {
            rollback.abortProviders(providersInSet, setId);
        }
        for (Slot s : slots) {
            Writer now = host.writerStatus(s.writer);
            if (!now.state().isFailed() && (s.inBackup || s.frozenAt >= 0)) {
                safeAbort(s);
                state(s.writer, WriterState.STABLE, WriterError.NO_ERROR);
            } else if (now.state().isFailed() && s.frozenAt >= 0) {
                safeAbort(s); // a failed writer must not stay frozen either
            }
            s.frozenAt = -1;
            s.inBackup = false;
        }
        leaveGate();
        stage = Stage.ABORTED;
    }

    private void releaseNonPersistent() {
        rollback.releaseNonPersistent(result, context);
    }

    private void safeAbort(Slot s) {
        rollback.abortWriter(s.writer, event(s));
    }

    private void leaveGate() {
        if (gateHeld) {
            gateHeld = false;
            host.gate().leave(setId);
        }
    }

    // ---- helpers ----

    private void call(Slot s, WriterPhase phase, Consumer<VssWriter> action, WriterState next) {
        try {
            action.accept(s.writer);
        } catch (RuntimeException e) {
            HResult h = writerFailed(s.writer, phase, e);
            throw new SetFailure(h, "the writer '" + s.writer.name() + "' failed " + phase.eventName() + ": "
                    + e.getMessage(), e);
        }
        state(s.writer, next, WriterError.NO_ERROR);
    }

    /** Puts the writer in the phase's failed state; returns the HRESULT the requester sees. */
    private HResult writerFailed(VssWriter w, WriterPhase phase, RuntimeException e) {
        HResult h = e instanceof VssException v ? v.hresult() : null;
        WriterError error = WriterError.of(h);
        state(w, phase.failedState(), error);
        return error.hresult().orElse(HResult.VSS_E_UNEXPECTED_WRITER_ERROR);
    }

    private void provider(String call, SnapshotProvider p, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            throw providerFailure(call, p, e);
        } finally {
            passOnNotes(p);
        }
    }

    /** The provider's notes on the set (a call it retried) become the requester's warnings. */
    private void passOnNotes(SnapshotProvider p) {
        try {
            for (String n : p.drainNotes(setId)) {
                listener.warning(p.info().name() + ": " + n);
            }
        } catch (RuntimeException e) {
            // notes are a courtesy; a provider that fails to give them fails nothing
        }
    }

    private SetFailure providerFailure(String call, SnapshotProvider p, RuntimeException e) {
        VssException v = providerError(call, p, e);
        return new SetFailure(v.hresult(), v.getMessage(), e);
    }

    /** CommitSnapshots may return only veto or object-not-found; VSS turns anything else into an unexpected provider error. */
    private static VssException providerError(String call, SnapshotProvider p, RuntimeException e) {
        HResult h = e instanceof VssException v ? v.hresult() : HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR;
        if (h != HResult.VSS_E_PROVIDER_VETO && h != HResult.VSS_E_OBJECT_NOT_FOUND
                && h != HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER && h != HResult.VSS_E_INSUFFICIENT_STORAGE
                && h != HResult.VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED && h != HResult.VSS_E_UNSUPPORTED_CONTEXT) {
            h = HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR;
        }
        if (call.equals("CommitSnapshots") && h != HResult.VSS_E_PROVIDER_VETO && h != HResult.VSS_E_OBJECT_NOT_FOUND) {
            h = HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR;
        }
        return new VssException(h, "the provider '" + p.info().name() + "' failed " + call + ": " + e.getMessage(), e);
    }

    private void state(VssWriter w, WriterState s, WriterError e) {
        host.setWriterStatus(w, s, e);
        listener.writerState(host.writerStatus(w));
    }

    private void phase(String name) {
        listener.phase(setId, name);
    }

    private WriterEvent event(Slot s) {
        List<SelectedComponent> mine = new ArrayList<>();
        for (SelectedComponent c : selected) {
            if (c.instanceId().equals(s.writer.instanceId())) {
                mine.add(c);
            }
        }
        List<String> paths = new ArrayList<>(volumes.size());
        for (SetVolume v : volumes) {
            paths.add(v.target().path());
        }
        // from PostSnapshot on, the writers may reach the set's shadows (GetSnapshotDeviceName)
        return new WriterEvent(setId, context, backupType, paths, mine,
                createdShadows == null ? List.of() : createdShadows);
    }

    private static final String ORDER = "InitializeForBackup, SetContext, SetBackupState, GatherWriterMetadata, "
            + "AddComponent, StartSnapshotSet, AddToSnapshotSet, PrepareForBackup, DoSnapshotSet, BackupComplete";

    private void require(String call, Stage... allowed) {
        CallOrder.require(stage, call, "backup", ORDER, allowed);
    }

    private VssException badState(String call) {
        return CallOrder.badState(stage, call, "backup", ORDER);
    }
}
