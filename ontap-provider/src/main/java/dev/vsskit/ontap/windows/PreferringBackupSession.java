package dev.vsskit.ontap.windows;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.ForwardingBackupSession;
import dev.vsskit.vss.session.SnapshotSetResult;
import java.util.List;
import java.util.function.Function;

/**
 * The COM backup session with the Windows target's choices on top: a volume added without a provider goes to the
 * provider the target prefers for it (the registered Data ONTAP VSS Hardware Provider for a volume on ONTAP LUNs),
 * and the requester's phases and choices are reported to the progress listener (on Windows, VSS tells a requester
 * nothing while it works, so these are the calls as vsskit makes them).
 */
final class PreferringBackupSession extends ForwardingBackupSession {

    private final Function<String, java.util.Optional<dev.vsskit.vss.Provider>> preferred;
    private final BackupProgressListener listener;

    PreferringBackupSession(BackupSession session, Function<String, java.util.Optional<dev.vsskit.vss.Provider>> preferred,
            BackupProgressListener listener) {
        super(session);
        this.preferred = preferred;
        this.listener = listener;
    }

    @Override
    public VssId addToSnapshotSet(String volume, VssId providerId) {
        VssId chosen = providerId;
        if (providerId.equals(VssId.NULL)) {
            java.util.Optional<dev.vsskit.vss.Provider> p = preferred.apply(volume);
            if (p.isPresent()) {
                chosen = p.get().id();
                listener.providerSelected(inner.snapshotSetId(), volume, p.get().name());
            }
        }
        return inner.addToSnapshotSet(volume, chosen);
    }

    /** One volume at a time, so each gets its preferred provider (as BackupSession's own default does). */
    @Override
    public List<VssId> addToSnapshotSet(List<String> volumes, VssId providerId) {
        List<VssId> ids = new java.util.ArrayList<>(volumes.size());
        for (String v : volumes) {
            ids.add(addToSnapshotSet(v, providerId));
        }
        return ids;
    }

    @Override
    public void prepareForBackup() {
        listener.phase(inner.snapshotSetId(), "PrepareForBackup");
        inner.prepareForBackup();
    }

    @Override
    public SnapshotSetResult doSnapshotSet() {
        listener.phase(inner.snapshotSetId(), "DoSnapshotSet");
        return inner.doSnapshotSet();
    }

    @Override
    public List<Writer> gatherWriterStatus() {
        List<Writer> writers = inner.gatherWriterStatus();
        writers.stream().filter(w -> w.state().isFailed()).forEach(listener::writerState);
        return writers;
    }

    @Override
    public void backupComplete() {
        listener.phase(inner.snapshotSetId(), "BackupComplete");
        inner.backupComplete();
    }
}
