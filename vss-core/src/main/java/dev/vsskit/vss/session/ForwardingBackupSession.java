package dev.vsskit.vss.session;

import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import java.util.List;

/**
 * A backup session that passes every call to another one; a wrapper overrides only the calls it adds to (the
 * lab's cluster clean-up at close, the Windows target's provider preference and progress).
 */
public abstract class ForwardingBackupSession implements BackupSession {

    protected final BackupSession inner;

    protected ForwardingBackupSession(BackupSession inner) {
        this.inner = inner;
    }

    @Override
    public void initializeForBackup() {
        inner.initializeForBackup();
    }

    @Override
    public void setContext(SnapshotContext context) {
        inner.setContext(context);
    }

    @Override
    public void setBackupState(boolean selectComponents, boolean bootableSystemState, BackupType backupType,
            boolean partialFileSupport) {
        inner.setBackupState(selectComponents, bootableSystemState, backupType, partialFileSupport);
    }

    @Override
    public List<WriterMetadata> gatherWriterMetadata() {
        return inner.gatherWriterMetadata();
    }

    @Override
    public void addComponent(VssId instanceId, VssId writerId, String logicalPath, String componentName) {
        inner.addComponent(instanceId, writerId, logicalPath, componentName);
    }

    @Override
    public VssId startSnapshotSet() {
        return inner.startSnapshotSet();
    }

    @Override
    public VssId addToSnapshotSet(String volume, VssId providerId) {
        return inner.addToSnapshotSet(volume, providerId);
    }

    @Override
    public List<VssId> addToSnapshotSet(List<String> volumes, VssId providerId) {
        return inner.addToSnapshotSet(volumes, providerId);
    }

    @Override
    public void prepareForBackup() {
        inner.prepareForBackup();
    }

    @Override
    public SnapshotSetResult doSnapshotSet() {
        return inner.doSnapshotSet();
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        return inner.gatherWriterStatus();
    }

    @Override
    public List<ComponentFailure> componentFailures() {
        return inner.componentFailures();
    }

    @Override
    public void setBackupSucceeded(VssId instanceId, VssId writerId, String logicalPath, String componentName,
            boolean succeeded) {
        inner.setBackupSucceeded(instanceId, writerId, logicalPath, componentName, succeeded);
    }

    @Override
    public void backupComplete() {
        inner.backupComplete();
    }

    @Override
    public String saveAsXml() {
        return inner.saveAsXml();
    }

    @Override
    public void abortBackup() {
        inner.abortBackup();
    }

    @Override
    public VssId snapshotSetId() {
        return inner.snapshotSetId();
    }

    @Override
    public void close() {
        inner.close();
    }
}
