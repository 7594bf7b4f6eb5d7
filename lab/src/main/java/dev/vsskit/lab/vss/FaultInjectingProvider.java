package dev.vsskit.lab.vss;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.time.Duration;

/**
 * A provider under the fault plan: CommitSnapshots first takes the planned time (through the lab
 * clock), then vetoes if planned; otherwise the real provider commits.
 */
final class FaultInjectingProvider implements SnapshotProvider {
    private final SnapshotProvider inner;
    private final FaultPlan plan;
    private final VssClock clock;

    FaultInjectingProvider(SnapshotProvider inner, FaultPlan plan, VssClock clock) {
        this.inner = inner;
        this.plan = plan;
        this.clock = clock;
    }

    @Override
    public Provider info() {
        return inner.info();
    }

    @Override
    public boolean isSupported(VolumeTarget volume, SnapshotContext context) {
        return inner.isSupported(volume, context);
    }

    @Override
    public java.util.List<Boolean> areSupported(java.util.List<VolumeTarget> volumes, SnapshotContext context) {
        return inner.areSupported(volumes, context);
    }

    @Override
    public void beginPrepareSnapshot(VssId setId, VssId snapshotId, VolumeTarget volume, SnapshotContext context) {
        inner.beginPrepareSnapshot(setId, snapshotId, volume, context);
    }

    @Override
    public void endPrepareSnapshots(VssId setId) {
        inner.endPrepareSnapshots(setId);
    }

    @Override
    public void preCommitSnapshots(VssId setId) {
        inner.preCommitSnapshots(setId);
    }

    @Override
    public void commitSnapshots(VssId setId) {
        var fault = plan.providerFault(inner.info().name(), inner.info().id().toString());
        if (fault.isPresent()) {
            if (fault.get().commitDelayMillis() > 0) {
                clock.sleep(Duration.ofMillis(fault.get().commitDelayMillis()));
            }
            if (fault.get().veto()) {
                throw new VssException(HResult.VSS_E_PROVIDER_VETO,
                        "lab fault plan: '" + inner.info().name() + "' vetoes CommitSnapshots");
            }
        }
        inner.commitSnapshots(setId);
    }

    @Override
    public void postCommitSnapshots(VssId setId, int count) {
        inner.postCommitSnapshots(setId, count);
    }

    @Override
    public void preFinalCommitSnapshots(VssId setId) {
        inner.preFinalCommitSnapshots(setId);
    }

    @Override
    public void postFinalCommitSnapshots(VssId setId) {
        inner.postFinalCommitSnapshots(setId);
    }

    @Override
    public void abortSnapshots(VssId setId) {
        inner.abortSnapshots(setId);
    }

    @Override
    public void deleteSnapshot(VssId snapshotId) {
        inner.deleteSnapshot(snapshotId);
    }

    @Override
    public String shadowDeviceName(VssId snapshotId) {
        return inner.shadowDeviceName(snapshotId);
    }

    @Override
    public java.util.List<String> drainNotes(VssId setId) {
        return inner.drainNotes(setId);
    }
}
