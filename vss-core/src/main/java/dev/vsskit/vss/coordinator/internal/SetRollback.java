package dev.vsskit.vss.coordinator.internal;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.spi.SnapshotProvider;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The undo steps of a backup session, each best effort: a provider or writer that fails its part is reported
 * to the listener as a warning and the roll-back goes on, so one failure never leaves the rest frozen or
 * half made. Which steps a session takes depends on how far it got ({@link CoordinatorSession}'s abort).
 */
final class SetRollback {

    private final VssCoordinator host;
    private final BackupProgressListener listener;

    SetRollback(VssCoordinator host, BackupProgressListener listener) {
        this.host = host;
        this.listener = listener;
    }

    /** Before the providers finished the set: AbortSnapshots to each provider that took part. */
    void abortProviders(Collection<SnapshotProvider> providers, VssId setId) {
        for (SnapshotProvider p : providers) {
            try {
                p.abortSnapshots(setId);
            } catch (RuntimeException e) {
                listener.warning("provider '" + p.info().name() + "' failed AbortSnapshots: " + e.getMessage());
            }
        }
    }

    /** Deletes these shadows through their providers, as auto-release would. */
    void release(List<Shadow> shadows) {
        for (Shadow s : shadows) {
            try {
                host.providerById(s.providerId()).ifPresent(p -> p.deleteSnapshot(s.shadowId()));
            } catch (RuntimeException e) {
                listener.warning("cannot release shadow copy " + s.shadowId() + ": " + e.getMessage());
            }
        }
    }

    /** A finished set of non-persistent shadows: those still there are released; persistent ones stay. */
    void releaseNonPersistent(SnapshotSetResult result, SnapshotContext context) {
        if (result == null || context.isPersistent()) {
            return;
        }
        // a shadow of the set may have been deleted already (delete shadows while the session was open)
        Set<VssId> live = host.shadows().stream().map(Shadow::shadowId).collect(Collectors.toSet());
        release(result.shadows().stream().filter(s -> live.contains(s.shadowId())).toList());
        host.sessionShadowsReleased(result.shadows());
    }

    /** Abort to one writer (it thaws if frozen). */
    void abortWriter(VssWriter writer, WriterEvent event) {
        try {
            writer.abort(event);
        } catch (RuntimeException e) {
            listener.warning("writer '" + writer.name() + "' failed Abort: " + e.getMessage());
        }
    }
}
