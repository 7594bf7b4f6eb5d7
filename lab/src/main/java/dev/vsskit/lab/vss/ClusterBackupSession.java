package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.ForwardingBackupSession;
import java.util.function.Consumer;

/**
 * A lab backup session that, once closed, ends its set's cluster state ({@link LabVss#session}): whatever path
 * the session took (a writer that failed before Abort reached the CSV writer), no CSV stays in backup state or
 * redirected I/O after its requester is done. Only a process that dies leaves it so.
 */
final class ClusterBackupSession extends ForwardingBackupSession {

    private final Consumer<VssId> ended;

    ClusterBackupSession(BackupSession inner, Consumer<VssId> ended) {
        super(inner);
        this.ended = ended;
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
