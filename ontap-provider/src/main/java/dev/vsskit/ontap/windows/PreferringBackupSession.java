package dev.vsskit.ontap.windows;

import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.List;
import java.util.function.Function;

/**
 * The COM backup session with the Windows target's choices on top: a volume added without a provider goes to the
 * provider the target prefers for it (the registered Data ONTAP VSS Hardware Provider for a volume on ONTAP LUNs),
 * and the requester's phases and choices are reported to the progress listener (on Windows, VSS tells a requester
 * nothing while it works, so these are the calls as vsskit makes them).
 */
final class PreferringBackupSession implements BackupSession {

    private final BackupSession session;
    private final Function<String, java.util.Optional<dev.vsskit.vss.Provider>> preferred;
    private final BackupProgressListener listener;

    PreferringBackupSession(BackupSession session, Function<String, java.util.Optional<dev.vsskit.vss.Provider>> preferred,
            BackupProgressListener listener) {
        this.session = session;
        this.preferred = preferred;
        this.listener = listener;
    }

    @Override
    public void initializeForBackup() {
        session.initializeForBackup();
    }

    @Override
    public void setContext(SnapshotContext context) {
        session.setContext(context);
    }

    @Override
    public void setBackupState(boolean selectComponents, boolean bootableSystemState, BackupType backupType,
            boolean partialFileSupport) {
        session.setBackupState(selectComponents, bootableSystemState, backupType, partialFileSupport);
    }

    @Override
    public List<WriterMetadata> gatherWriterMetadata() {
        return session.gatherWriterMetadata();
    }

    @Override
    public void addComponent(VssId instanceId, VssId writerId, String logicalPath, String componentName) {
        session.addComponent(instanceId, writerId, logicalPath, componentName);
    }

    @Override
    public VssId startSnapshotSet() {
        return session.startSnapshotSet();
    }

    @Override
    public VssId addToSnapshotSet(String volume, VssId providerId) {
        VssId chosen = providerId;
        if (providerId.equals(VssId.NULL)) {
            java.util.Optional<dev.vsskit.vss.Provider> p = preferred.apply(volume);
            if (p.isPresent()) {
                chosen = p.get().id();
                listener.providerSelected(session.snapshotSetId(), volume, p.get().name());
            }
        }
        return session.addToSnapshotSet(volume, chosen);
    }

    @Override
    public void prepareForBackup() {
        listener.phase(session.snapshotSetId(), "PrepareForBackup");
        session.prepareForBackup();
    }

    @Override
    public SnapshotSetResult doSnapshotSet() {
        listener.phase(session.snapshotSetId(), "DoSnapshotSet");
        return session.doSnapshotSet();
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        List<Writer> writers = session.gatherWriterStatus();
        writers.stream().filter(w -> w.state().isFailed()).forEach(listener::writerState);
        return writers;
    }

    @Override
    public List<ComponentFailure> componentFailures() {
        return session.componentFailures();
    }

    @Override
    public void setBackupSucceeded(VssId instanceId, VssId writerId, String logicalPath, String componentName,
            boolean succeeded) {
        session.setBackupSucceeded(instanceId, writerId, logicalPath, componentName, succeeded);
    }

    @Override
    public void backupComplete() {
        listener.phase(session.snapshotSetId(), "BackupComplete");
        session.backupComplete();
    }

    @Override
    public String saveAsXml() {
        return session.saveAsXml();
    }

    @Override
    public void abortBackup() {
        session.abortBackup();
    }

    @Override
    public VssId snapshotSetId() {
        return session.snapshotSetId();
    }

    @Override
    public void close() {
        session.close();
    }
}
