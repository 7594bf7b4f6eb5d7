package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.coordinator.internal.CoordinatorRestoreSession;
import dev.vsskit.vss.coordinator.internal.CoordinatorSession;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rules of the VSS service for one host: which writers and providers exist, which provider takes a
 * volume, the writer states, the freeze and flush-and-hold windows, one set in creation at a time, and
 * which shadows outlive their session. The lab runs its host on it; a requester talks to it only
 * through {@link BackupSession}.
 */
public final class VssCoordinator {

    /** The most volumes one snapshot set may hold (VSS_E_MAXIMUM_NUMBER_OF_VOLUMES_REACHED beyond). */
    public static final int MAX_VOLUMES_PER_SET = 64;

    private final String computerName;
    private final List<VssWriter> writers;
    private final List<SnapshotProvider> providers;
    private final VolumeResolver volumes;
    private final VssClock clock;
    private final CoordinatorTiming timing;
    private final SnapshotSetGate gate;
    private final ShadowRegistry shadowRegistry;
    private final WriterStatusStore writerStatusStore;
    private final Map<VssId, Writer> writerStatus = new LinkedHashMap<>();
    private final List<Shadow> sessionShadows;

    private VssCoordinator(Builder b) {
        this.computerName = Objects.requireNonNull(b.computerName, "computerName");
        this.writers = List.copyOf(b.writers);
        this.providers = List.copyOf(b.providers);
        this.volumes = Objects.requireNonNull(b.volumes, "volumes");
        this.clock = b.clock;
        this.timing = b.timing;
        this.gate = b.gate;
        this.shadowRegistry = b.shadowRegistry;
        this.writerStatusStore = b.writerStatusStore;
        this.sessionShadows = b.sessionShadows;
        Map<VssId, Writer> saved = new LinkedHashMap<>();
        for (Writer w : writerStatusStore.load()) {
            saved.put(w.instanceId(), w);
        }
        for (VssWriter w : writers) {
            Writer last = saved.get(w.instanceId());
            writerStatus.put(w.instanceId(), new Writer(w.name(), w.writerId(), w.instanceId(),
                    last == null ? WriterState.STABLE : last.state(),
                    last == null ? WriterError.NO_ERROR : last.lastError()));
        }
    }

    public static Builder builder(String computerName) {
        return new Builder(computerName);
    }

    public String computerName() {
        return computerName;
    }

    public List<VssWriter> writerImplementations() {
        return writers;
    }

    public List<SnapshotProvider> providers() {
        return providers;
    }

    public VssClock clock() {
        return clock;
    }

    public CoordinatorTiming timing() {
        return timing;
    }

    public SnapshotSetGate gate() {
        return gate;
    }

    public Optional<VolumeTarget> resolveVolume(String volume) {
        return volumes.resolve(volume);
    }

    /** Every writer with its current state and last error, as {@code list writers} shows them. */
    public synchronized List<Writer> writers() {
        return List.copyOf(writerStatus.values());
    }

    /** Persistent shadows plus the non-persistent ones of sessions still open in this process. */
    public List<Shadow> shadows() {
        List<Shadow> all = new ArrayList<>(shadowRegistry.list());
        all.addAll(sessionShadows);
        return all;
    }

    public BackupSession openBackupSession() {
        return openBackupSession(BackupProgressListener.NONE);
    }

    public BackupSession openBackupSession(BackupProgressListener listener) {
        return new CoordinatorSession(this, Objects.requireNonNull(listener, "listener"));
    }

    /** A restore session for a saved Backup Components Document (PreRestore / PostRestore to its writers). */
    public RestoreSession openRestoreSession() {
        return openRestoreSession(BackupProgressListener.NONE);
    }

    public RestoreSession openRestoreSession(BackupProgressListener listener) {
        return new CoordinatorRestoreSession(this, Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Deletes one shadow: the provider that made it deletes it, then it is forgotten. VSS_E_OBJECT_NOT_FOUND
     * when no such shadow exists.
     */
    public void deleteShadow(VssId shadowId) {
        Shadow shadow = shadows().stream().filter(s -> s.shadowId().equals(shadowId)).findFirst()
                .orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                        "no shadow copy " + shadowId + " exists on " + computerName));
        SnapshotProvider provider = providerById(shadow.providerId()).orElseThrow(() -> new VssException(
                HResult.VSS_E_PROVIDER_NOT_REGISTERED, "the provider " + shadow.providerId() + " of shadow copy "
                        + shadowId + " is not registered"));
        try {
            provider.deleteSnapshot(shadowId);
        } catch (VssException e) {
            // A provider forgets a shadow only after its storage is gone; one it no longer knows was deleted by
            // an earlier delete that died (SIGKILL) before the registry forgot it too. Leaving the registry entry
            // would keep a shadow listed that nothing can delete, after its backup's record is gone.
            if (e.hresult() != HResult.VSS_E_OBJECT_NOT_FOUND) {
                throw e;
            }
        }
        shadowRegistry.remove(shadowId);
        sessionShadows.removeIf(s -> s.shadowId().equals(shadowId));
    }

    public Optional<SnapshotProvider> providerById(VssId id) {
        return providers.stream().filter(p -> p.info().id().equals(id)).findFirst();
    }

    /**
     * The provider for a volume (§4.3): the one named, if it supports the volume; else a hardware
     * provider that supports it, else a software provider for it, else the system provider (and for a
     * share, the file-share provider).
     */
    public SnapshotProvider selectProvider(VolumeTarget volume, VssId providerId, SnapshotContext context) {
        if (!providerId.isNull()) {
            SnapshotProvider p = providerById(providerId).orElseThrow(() -> new VssException(
                    HResult.VSS_E_PROVIDER_NOT_REGISTERED, "the provider " + providerId
                            + " is not registered on " + computerName + " (see 'vsskit list providers')"));
            if (!p.isSupported(volume, context)) {
                throw new VssException(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, "the provider '"
                        + p.info().name() + "' does not support shadow copies of " + volume.path());
            }
            return p;
        }
        for (ProviderType type : new ProviderType[] {ProviderType.HARDWARE, ProviderType.SOFTWARE,
            ProviderType.SYSTEM, ProviderType.FILESHARE}) {
            for (SnapshotProvider p : providers) {
                if (p.info().type() == type && p.isSupported(volume, context)) {
                    return p;
                }
            }
        }
        throw new VssException(HResult.VSS_E_VOLUME_NOT_SUPPORTED,
                "no registered provider supports shadow copies of " + volume.path());
    }

    /**
     * {@link #selectProvider} for several volumes at once, in their order: each provider is asked about all the
     * volumes still without one in a single {@link SnapshotProvider#areSupported} call, in the same order of
     * preference, so the choice is the one {@code selectProvider} makes for each volume. Empty where no provider
     * (or not the one named) supports the volume: {@code selectProvider} on that volume says why.
     */
    public List<Optional<SnapshotProvider>> selectProviders(List<VolumeTarget> volumes, VssId providerId,
            SnapshotContext context) {
        List<Optional<SnapshotProvider>> chosen = new ArrayList<>(java.util.Collections.nCopies(volumes.size(),
                Optional.empty()));
        if (!providerId.isNull()) {
            Optional<SnapshotProvider> named = providerById(providerId);
            if (named.isPresent()) {
                List<Boolean> ok = named.get().areSupported(volumes, context);
                for (int i = 0; i < volumes.size(); i++) {
                    if (ok.get(i)) {
                        chosen.set(i, named);
                    }
                }
            }
            return chosen;
        }
        for (ProviderType type : new ProviderType[] {ProviderType.HARDWARE, ProviderType.SOFTWARE,
            ProviderType.SYSTEM, ProviderType.FILESHARE}) {
            for (SnapshotProvider p : providers) {
                if (p.info().type() != type) {
                    continue;
                }
                List<Integer> open = new ArrayList<>();
                for (int i = 0; i < volumes.size(); i++) {
                    if (chosen.get(i).isEmpty()) {
                        open.add(i);
                    }
                }
                if (open.isEmpty()) {
                    return chosen;
                }
                List<Boolean> ok = p.areSupported(open.stream().map(volumes::get).toList(), context);
                for (int k = 0; k < open.size(); k++) {
                    if (ok.get(k)) {
                        chosen.set(open.get(k), Optional.of(p));
                    }
                }
            }
        }
        return chosen;
    }

    /**
     * The writer's PreRestore for the given components (the Hyper-V writer turns the VMs off and removes
     * them). On failure the writer shows {@code FAILED_AT_PRE_RESTORE} and the writer's HRESULT is thrown.
     */
    public void preRestore(VssId writerInstanceId, List<SelectedComponent> components) {
        restoreEvent(writerInstanceId, components, WriterPhase.PRE_RESTORE);
    }

    /** The writer's PostRestore (the Hyper-V writer registers the VMs again); {@code FAILED_AT_POST_RESTORE} on failure. */
    public void postRestore(VssId writerInstanceId, List<SelectedComponent> components) {
        restoreEvent(writerInstanceId, components, WriterPhase.POST_RESTORE);
    }

    private void restoreEvent(VssId instanceId, List<SelectedComponent> components, WriterPhase phase) {
        VssWriter w = writers.stream().filter(x -> x.instanceId().equals(instanceId)).findFirst()
                .orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                        "no writer with instance id " + instanceId + " on " + computerName));
        WriterEvent event = new WriterEvent(VssId.NULL, SnapshotContext.BACKUP,
                dev.vsskit.vss.session.BackupType.UNDEFINED, List.of(), components);
        try {
            if (phase == WriterPhase.PRE_RESTORE) {
                w.preRestore(event);
            } else {
                w.postRestore(event);
            }
            setWriterStatus(w, WriterState.STABLE, WriterError.NO_ERROR);
        } catch (RuntimeException e) {
            WriterError error = WriterError.of(e instanceof VssException v ? v.hresult() : null);
            setWriterStatus(w, phase.failedState(), error);
            throw new VssException(error.hresult().orElse(HResult.VSS_E_UNEXPECTED_WRITER_ERROR),
                    "the writer '" + w.name() + "' failed " + phase.eventName() + ": " + e.getMessage(), e);
        } finally {
            saveWriterStatus();
        }
    }

    // ---- used by the session implementation ----

    public synchronized void setWriterStatus(VssWriter writer, WriterState state, WriterError error) {
        writerStatus.put(writer.instanceId(),
                new Writer(writer.name(), writer.writerId(), writer.instanceId(), state, error));
    }

    public synchronized Writer writerStatus(VssWriter writer) {
        return writerStatus.get(writer.instanceId());
    }

    /** Writes the writers' states through the status store (once per session call, not per event). */
    public void saveWriterStatus() {
        writerStatusStore.save(writers());
    }

    public void registerPersistent(List<Shadow> shadows) {
        shadowRegistry.add(shadows);
    }

    public void sessionShadowsCreated(List<Shadow> shadows) {
        sessionShadows.addAll(shadows);
    }

    public void sessionShadowsReleased(List<Shadow> shadows) {
        for (Shadow s : shadows) {
            sessionShadows.removeIf(x -> x.shadowId().equals(s.shadowId()));
        }
    }

    /** Builds a coordinator; writers, providers and volumes are required, the rest has VSS defaults. */
    public static final class Builder {
        private final String computerName;
        private final List<VssWriter> writers = new ArrayList<>();
        private final List<SnapshotProvider> providers = new ArrayList<>();
        private VolumeResolver volumes;
        private VssClock clock = VssClock.SYSTEM;
        private CoordinatorTiming timing = CoordinatorTiming.VSS;
        private SnapshotSetGate gate = SnapshotSetGate.inProcess();
        private ShadowRegistry shadowRegistry = ShadowRegistry.inMemory();
        private WriterStatusStore writerStatusStore = WriterStatusStore.inMemory();
        private List<Shadow> sessionShadows = new CopyOnWriteArrayList<>();

        private Builder(String computerName) {
            this.computerName = computerName;
        }

        public Builder writers(List<? extends VssWriter> w) {
            writers.addAll(w);
            return this;
        }

        public Builder providers(List<? extends SnapshotProvider> p) {
            providers.addAll(p);
            return this;
        }

        public Builder volumes(VolumeResolver v) {
            volumes = v;
            return this;
        }

        public Builder clock(VssClock c) {
            clock = Objects.requireNonNull(c);
            return this;
        }

        public Builder timing(CoordinatorTiming t) {
            timing = Objects.requireNonNull(t);
            return this;
        }

        public Builder gate(SnapshotSetGate g) {
            gate = Objects.requireNonNull(g);
            return this;
        }

        public Builder shadowRegistry(ShadowRegistry r) {
            shadowRegistry = Objects.requireNonNull(r);
            return this;
        }

        public Builder writerStatusStore(WriterStatusStore s) {
            writerStatusStore = Objects.requireNonNull(s);
            return this;
        }

        /**
         * Where the non-persistent shadows of this process's open sessions are listed (a thread-safe list). A host
         * that builds a coordinator per operation gives each the same list, so every one sees, and may delete, the
         * shadows a session of another made; by default each coordinator has its own.
         */
        public Builder sessionShadows(List<Shadow> shared) {
            sessionShadows = Objects.requireNonNull(shared);
            return this;
        }

        public VssCoordinator build() {
            return new VssCoordinator(this);
        }
    }
}
