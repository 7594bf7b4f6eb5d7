package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.WriterMetadata;
import java.time.Duration;
import java.util.Objects;

/** A lab writer under the fault plan: before each event, waits and/or fails as the plan says. Abort never fails. */
final class FaultInjectingWriter implements VssWriter {
    private final VssWriter inner;
    private final FaultPlan plan;
    private final VssClock clock;

    FaultInjectingWriter(VssWriter inner, FaultPlan plan, VssClock clock) {
        this.inner = Objects.requireNonNull(inner);
        this.plan = plan;
        this.clock = clock;
    }

    VssWriter inner() {
        return inner;
    }

    private void inject(WriterPhase phase) {
        plan.writerFault(inner.name(), phase).ifPresent(f -> {
            if (f.delayMillis() > 0) {
                clock.sleep(Duration.ofMillis(f.delayMillis()));
            }
            if (f.hresult() != null) {
                throw new VssException(f.hresult(), "lab fault plan: '" + inner.name() + "' fails "
                        + phase.eventName() + " with " + f.hresult().name());
            }
        });
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public VssId writerId() {
        return inner.writerId();
    }

    @Override
    public VssId instanceId() {
        return inner.instanceId();
    }

    @Override
    public Duration freezeTimeout() {
        return inner.freezeTimeout();
    }

    @Override
    public WriterMetadata identify(WriterEvent e) {
        inject(WriterPhase.IDENTIFY);
        return inner.identify(e);
    }

    @Override
    public void prepareForBackup(WriterEvent e) {
        inject(WriterPhase.PREPARE_BACKUP);
        inner.prepareForBackup(e);
    }

    @Override
    public void prepareForSnapshot(WriterEvent e) {
        inject(WriterPhase.PREPARE_SNAPSHOT);
        inner.prepareForSnapshot(e);
    }

    @Override
    public void freeze(WriterEvent e) {
        inner.freeze(e); // frozen first: a writer failing Freeze must still be thawed by Abort
        inject(WriterPhase.FREEZE);
    }

    @Override
    public void thaw(WriterEvent e) {
        inner.thaw(e);
        inject(WriterPhase.THAW);
    }

    @Override
    public void postSnapshot(WriterEvent e) {
        inject(WriterPhase.POST_SNAPSHOT);
        inner.postSnapshot(e);
    }

    @Override
    public void abort(WriterEvent e) {
        inner.abort(e);
    }

    @Override
    public void backupComplete(WriterEvent e) {
        inject(WriterPhase.BACKUP_COMPLETE);
        inner.backupComplete(e);
    }

    @Override
    public java.util.List<dev.vsskit.vss.session.ComponentFailure> componentFailures(VssId snapshotSetId) {
        return inner.componentFailures(snapshotSetId);
    }

    @Override
    public void preRestore(WriterEvent e) {
        inject(WriterPhase.PRE_RESTORE);
        inner.preRestore(e);
    }

    @Override
    public void postRestore(WriterEvent e) {
        inject(WriterPhase.POST_RESTORE);
        inner.postRestore(e);
    }
}
