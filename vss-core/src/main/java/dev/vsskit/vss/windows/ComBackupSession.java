package dev.vsskit.vss.windows;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.BackupComponentsDocument;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BackupSession} over {@code IVssBackupComponents}: each call is the COM call of the same name, on the
 * host's COM thread; VSS enforces the order and returns the HRESULTs. {@link #saveAsXml()} is vsskit's document
 * with the one VSS wrote inside it ({@link WindowsBcd}). {@code doSnapshotSet}'s commit and freeze durations are
 * not visible to a requester on Windows and are reported as zero ({@code verify} reads the provider's events).
 */
final class ComBackupSession extends ComSession implements BackupSession {

    private SnapshotContext context = SnapshotContext.BACKUP;
    private BackupType backupType = BackupType.FULL;
    private boolean selectComponents = true;
    private VssId setId = VssId.NULL;
    private final List<VssId> shadowIds = new ArrayList<>();
    private final List<SelectedComponent> selected = new ArrayList<>();
    private List<Shadow> shadows = List.of();
    private Instant created;

    ComBackupSession(WindowsVssHost host, ComThread com) {
        super(host, com, "backup", "initializeForBackup");
    }

    private void run(Runnable work) {
        on(() -> {
            work.run();
            return null;
        });
    }

    @Override
    public void initializeForBackup() {
        run(() -> {
            bc = create("InitializeForBackup");
            bc.initializeForBackup();
        });
    }

    @Override
    public void setContext(SnapshotContext newContext) {
        run(() -> {
            bc().setContext(newContext.value());
            context = newContext;
        });
    }

    @Override
    public void setBackupState(boolean select, boolean bootableSystemState, BackupType type, boolean partialFileSupport) {
        run(() -> {
            bc().setBackupState(select, bootableSystemState, type.value(), partialFileSupport);
            selectComponents = select;
            backupType = type;
        });
    }

    @Override
    public List<WriterMetadata> gatherWriterMetadata() {
        return on(() -> bc().gatherWriterMetadata());
    }

    @Override
    public void addComponent(VssId instanceId, VssId writerId, String logicalPath, String componentName) {
        run(() -> {
            bc().addComponent(instanceId, writerId, logicalPath, componentName);
            selected.add(new SelectedComponent(writerId, instanceId, logicalPath, componentName, false));
        });
    }

    @Override
    public VssId startSnapshotSet() {
        return on(() -> {
            setId = bc().startSnapshotSet();
            return setId;
        });
    }

    @Override
    public VssId addToSnapshotSet(String volume, VssId providerId) {
        return on(() -> {
            VssId id = bc().addToSnapshotSet(volume, providerId);
            shadowIds.add(id);
            return id;
        });
    }

    @Override
    public void prepareForBackup() {
        run(() -> bc().prepareForBackup());
    }

    @Override
    public SnapshotSetResult doSnapshotSet() {
        return on(() -> {
            bc().doSnapshotSet();
            created = Instant.now();
            if (context.isPersistent()) {
                bc().markCompleted(); // the shadows outlive the session, as the coordinator's do
            }
            List<Shadow> out = new ArrayList<>();
            var volumes = host.volumesOnComThread();
            var providers = host.providers();
            for (VssId id : shadowIds) {
                out.add(ComShadows.toShadow(bc().snapshotProperties(id), volumes, providers));
            }
            shadows = List.copyOf(out);
            return new SnapshotSetResult(setId, shadows, Duration.ZERO, Duration.ZERO);
        });
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        return on(() -> bc().gatherWriterStatus());
    }

    @Override
    public void setBackupSucceeded(VssId instanceId, VssId writerId, String logicalPath, String componentName,
            boolean succeeded) {
        run(() -> {
            bc().setBackupSucceeded(instanceId, writerId, logicalPath, componentName, succeeded);
            SelectedComponent key = new SelectedComponent(writerId, instanceId, logicalPath, componentName, false);
            selected.replaceAll(c -> c.sameComponent(key) ? c.withBackupSucceeded(succeeded) : c);
        });
    }

    @Override
    public void backupComplete() {
        run(() -> bc().backupComplete());
    }

    @Override
    public String saveAsXml() {
        return on(() -> {
            String vss = bc().saveAsXml();
            List<BackupComponentsDocument.ShadowEntry> entries = shadows.stream()
                    .map(s -> new BackupComponentsDocument.ShadowEntry(s.shadowId(), s.originalVolumePath(),
                            s.originalVolumeName(), s.providerId(), s.providerName(), s.shadowVolume()))
                    .toList();
            BackupComponentsDocument doc = new BackupComponentsDocument(setId, context, backupType, selectComponents,
                    created == null ? Instant.now() : created, entries, selected);
            return WindowsBcd.embed(doc, vss);
        });
    }

    @Override
    public void abortBackup() {
        run(() -> bc().abortQuietly());
    }

    @Override
    public VssId snapshotSetId() {
        return setId;
    }

    /** AbortBackup when prepared and not complete, then Release (see {@link ComBackupComponents#close()}). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (bc != null) {
                com.call(() -> {
                    bc.close();
                    return null;
                });
            }
        } finally {
            closed = true;
        }
    }
}
