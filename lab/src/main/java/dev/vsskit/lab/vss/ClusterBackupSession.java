package dev.vsskit.lab.vss;

import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.List;
import java.util.function.Consumer;

/**
 * A lab backup session that, once closed, ends its set's cluster state ({@link LabVss#session}): whatever path
 * the session took (a writer that failed before Abort reached the CSV writer), no CSV stays in backup state or
 * redirected I/O after its requester is done. Only a process that dies leaves it so.
 */
final class ClusterBackupSession implements BackupSession {

    private final BackupSession inner;
    private final Consumer<VssId> ended;

    ClusterBackupSession(BackupSession inner, Consumer<VssId> ended) {
        this.inner = inner;
        this.ended = ended;
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
        try {
            inner.close();
        } finally {
            VssId set = inner.snapshotSetId();
            if (!set.isNull()) {
                ended.accept(set);
            }
        }
    }
}
