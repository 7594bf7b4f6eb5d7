package dev.vsskit.vss.coordinator.internal;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.spi.VolumeTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@link RestoreSession} on the coordinator: the writers' PreRestore and PostRestore for a saved backup. */
public final class CoordinatorRestoreSession implements RestoreSession {

    private enum Stage { NEW, INITIALIZED, METADATA, RESTORING, COMPLETED, FAILED, CLOSED }

    private final VssCoordinator host;
    private final BackupProgressListener listener;
    private Stage stage = Stage.NEW;
    private BackupComponentsDocument document;
    private final Map<VssId, WriterMetadata> answered = new LinkedHashMap<>();
    private final List<SelectedComponent> components = new ArrayList<>();
    /** Writers that got PreRestore and still owe a PostRestore. */
    private final List<VssId> inRestore = new ArrayList<>();

    public CoordinatorRestoreSession(VssCoordinator host, BackupProgressListener listener) {
        this.host = host;
        this.listener = listener;
    }

    @Override
    public void initializeForRestore(String backupComponentsXml) {
        require("InitializeForRestore", Stage.NEW);
        document = BackupComponentsDocument.parse(backupComponentsXml);
        stage = Stage.INITIALIZED;
    }

    @Override
    public BackupComponentsDocument document() {
        if (document == null) {
            throw badState("document");
        }
        return document;
    }

    @Override
    public List<WriterMetadata> gatherWriterMetadata() {
        require("GatherWriterMetadata", Stage.INITIALIZED);
        if (document.context().attributes().has(VolumeSnapshotAttributes.NO_WRITERS)) {
            stage = Stage.METADATA; // no writer took part in the backup: none takes part in its restore
            return List.of();
        }
        phase(WriterPhase.IDENTIFY);
        try {
            for (VssWriter w : host.writerImplementations()) {
                host.setWriterStatus(w, WriterState.STABLE, WriterError.NO_ERROR);
                try {
                    answered.put(w.instanceId(), w.identify(event(List.of())));
                } catch (RuntimeException e) {
                    WriterError error = WriterError.of(e instanceof VssException v ? v.hresult() : null);
                    host.setWriterStatus(w, WriterState.FAILED_AT_IDENTIFY, error);
                }
                listener.writerState(host.writerStatus(w));
            }
        } finally {
            host.saveWriterStatus();
        }
        components.addAll(document.selectComponents() && !document.components().isEmpty()
                ? recordedComponents() : componentsOnSetVolumes());
        stage = Stage.METADATA;
        return List.copyOf(answered.values());
    }

    /** The components the backup selected and reported backed up, each checked against its writer now. */
    private List<SelectedComponent> recordedComponents() {
        List<SelectedComponent> out = new ArrayList<>();
        for (SelectedComponent c : document.components()) {
            if (!c.backupSucceeded()) {
                listener.warning("component '" + fullPath(c) + "' was not backed up successfully; it is not restored");
                continue;
            }
            WriterMetadata m = answered.get(c.instanceId());
            if (m == null) {
                throw new VssException(HResult.VSS_E_WRITER_NOT_RESPONDING, "the writer " + c.writerId()
                        + " (instance " + c.instanceId() + ") of component '" + fullPath(c)
                        + "' did not answer Identify; see `list writers status`");
            }
            if (m.component(c.logicalPath(), c.name()).isEmpty()) {
                throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "the writer '" + m.name()
                        + "' no longer has the component '" + fullPath(c) + "' of the backup");
            }
            out.add(c);
        }
        return out;
    }

    /** A backup without selected components covered what its writers had on the set's volumes. */
    private List<SelectedComponent> componentsOnSetVolumes() {
        List<String> volumes = document.shadows().stream().map(s -> folderKey(s.volume())).toList();
        List<SelectedComponent> out = new ArrayList<>();
        for (WriterMetadata m : answered.values()) {
            for (WriterComponent c : m.components()) {
                boolean onSet = !c.files().isEmpty() && c.files().stream()
                        .allMatch(f -> volumeOfFile(f).filter(volumes::contains).isPresent());
                if (onSet) {
                    out.add(new SelectedComponent(m.writerId(), m.instanceId(), c.logicalPath(), c.name(), true));
                }
            }
        }
        return out;
    }

    /**
     * The volume a file lies on, found as Windows finds a file's volume mount point: its nearest folder that is a
     * volume. A prefix test would put every file under {@code C:\\ClusterStorage\\Volume1\\} on {@code C:\\}.
     */
    private Optional<String> volumeOfFile(String file) {
        for (int end = file.lastIndexOf('\\'); end > 0; end = file.lastIndexOf('\\', end - 1)) {
            Optional<VolumeTarget> volume = host.resolveVolume(file.substring(0, end + 1));
            if (volume.isPresent()) {
                return Optional.of(folderKey(volume.get().path()));
            }
        }
        return Optional.empty();
    }

    private static String folderKey(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        return p.endsWith("\\") ? p : p + "\\";
    }

    @Override
    public List<SelectedComponent> components() {
        if (stage == Stage.NEW || stage == Stage.INITIALIZED) {
            throw badState("components");
        }
        return List.copyOf(components);
    }

    @Override
    public void preRestore() {
        require("PreRestore", Stage.METADATA);
        phase(WriterPhase.PRE_RESTORE);
        for (Map.Entry<VssId, List<SelectedComponent>> e : byWriter().entrySet()) {
            try {
                host.preRestore(e.getKey(), e.getValue());
            } catch (RuntimeException failure) {
                listener.writerState(statusOf(e.getKey()));
                // the writers already in the restore leave it again; the failing writer keeps its failure
                stage = Stage.FAILED;
                finishRestore(false);
                throw failure;
            }
            inRestore.add(e.getKey());
            listener.writerState(statusOf(e.getKey()));
        }
        stage = Stage.RESTORING;
    }

    @Override
    public void postRestore() {
        require("PostRestore", Stage.RESTORING);
        stage = Stage.COMPLETED;
        finishRestore(true).ifPresent(e -> {
            throw e;
        });
    }

    /**
     * PostRestore to every writer in the restore; returns the first failure. When {@code report} is false
     * (abandoning or undoing), failures are warnings only.
     */
    private Optional<RuntimeException> finishRestore(boolean report) {
        phase(WriterPhase.POST_RESTORE);
        Map<VssId, List<SelectedComponent>> byWriter = byWriter();
        RuntimeException first = null;
        for (VssId instanceId : List.copyOf(inRestore)) {
            try {
                host.postRestore(instanceId, byWriter.get(instanceId));
            } catch (RuntimeException e) {
                if (report && first == null) {
                    first = e;
                } else {
                    listener.warning(e.getMessage());
                }
            }
            inRestore.remove(instanceId);
            listener.writerState(statusOf(instanceId));
        }
        return Optional.ofNullable(first);
    }

    @Override
    public boolean restoreInProgress() {
        return stage == Stage.RESTORING;
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        if (stage == Stage.NEW || stage == Stage.CLOSED) {
            throw badState("GatherWriterStatus");
        }
        return host.writers();
    }

    @Override
    public void close() {
        if (stage == Stage.CLOSED) {
            return;
        }
        if (stage == Stage.RESTORING) {
            listener.warning("the restore was abandoned before PostRestore; the writers got PostRestore now");
            finishRestore(false);
        }
        stage = Stage.CLOSED;
    }

    // ---- helpers ----

    private Map<VssId, List<SelectedComponent>> byWriter() {
        Map<VssId, List<SelectedComponent>> out = new LinkedHashMap<>();
        for (SelectedComponent c : components) {
            out.computeIfAbsent(c.instanceId(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    private Writer statusOf(VssId instanceId) {
        return host.writers().stream().filter(w -> w.instanceId().equals(instanceId)).findFirst().orElseThrow();
    }

    private WriterEvent event(List<SelectedComponent> selected) {
        return new WriterEvent(document.snapshotSetId(), document.context(), BackupType.UNDEFINED, List.of(), selected);
    }

    private void phase(WriterPhase p) {
        listener.phase(document.snapshotSetId(), p.eventName());
    }

    private static String fullPath(SelectedComponent c) {
        return c.logicalPath().isEmpty() ? c.name() : c.logicalPath() + "\\" + c.name();
    }

    private static final String ORDER = "InitializeForRestore, GatherWriterMetadata, PreRestore, PostRestore";

    private void require(String call, Stage... allowed) {
        CallOrder.require(stage, call, "restore", ORDER, allowed);
    }

    private VssException badState(String call) {
        return CallOrder.badState(stage, call, "restore", ORDER);
    }
}
