package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A provider for coordinator tests: keeps the snapshots it holds (prepared, then committed), records the
 * calls in order, can veto or take time at a call.
 */
final class TestProvider implements SnapshotProvider {
    private final Provider info;
    private final Predicate<VolumeTarget> supports;
    private final VssClock clock;
    final List<String> calls = new ArrayList<>();
    /** shadow id → volume path, for snapshots prepared or committed and not yet aborted or deleted. */
    final Map<VssId, String> snapshots = new LinkedHashMap<>();
    private final Map<VssId, VssId> setOf = new HashMap<>();
    private final Map<String, HResult> failures = new HashMap<>();
    private final Map<String, Duration> delays = new HashMap<>();
    private int devices;

    TestProvider(String name, ProviderType type, VssClock clock, Predicate<VolumeTarget> supports) {
        this.info = new Provider(name, type, VssId.random(), "1.0");
        this.clock = clock;
        this.supports = supports;
    }

    TestProvider failAt(String call, HResult h) {
        failures.put(call, h);
        return this;
    }

    TestProvider delayAt(String call, Duration d) {
        delays.put(call, d);
        return this;
    }

    private void on(String call) {
        calls.add(call);
        Duration d = delays.get(call);
        if (d != null) {
            clock.sleep(d);
        }
        HResult h = failures.get(call);
        if (h != null) {
            throw new VssException(h, info.name() + " fails " + call);
        }
    }

    @Override
    public Provider info() {
        return info;
    }

    @Override
    public boolean isSupported(VolumeTarget volume, SnapshotContext context) {
        return supports.test(volume);
    }

    @Override
    public void beginPrepareSnapshot(VssId setId, VssId snapshotId, VolumeTarget volume, SnapshotContext context) {
        on("BeginPrepareSnapshot");
        snapshots.put(snapshotId, volume.path());
        setOf.put(snapshotId, setId);
    }

    @Override
    public void endPrepareSnapshots(VssId setId) {
        on("EndPrepareSnapshots");
    }

    @Override
    public void preCommitSnapshots(VssId setId) {
        on("PreCommitSnapshots");
    }

    @Override
    public void commitSnapshots(VssId setId) {
        on("CommitSnapshots");
    }

    @Override
    public void postCommitSnapshots(VssId setId, int count) {
        on("PostCommitSnapshots");
    }

    @Override
    public void preFinalCommitSnapshots(VssId setId) {
        on("PreFinalCommitSnapshots");
    }

    /** Like a real provider, forgets the set once it is final: later clean-up must go through DeleteSnapshot. */
    @Override
    public void postFinalCommitSnapshots(VssId setId) {
        on("PostFinalCommitSnapshots");
        setOf.values().removeIf(setId::equals);
    }

    @Override
    public void abortSnapshots(VssId setId) {
        calls.add("AbortSnapshots");
        Set<VssId> ids = Set.copyOf(snapshots.keySet());
        for (VssId id : ids) {
            if (setId.equals(setOf.get(id))) {
                snapshots.remove(id);
            }
        }
    }

    @Override
    public void deleteSnapshot(VssId snapshotId) {
        calls.add("DeleteSnapshot");
        if (snapshots.remove(snapshotId) == null) {
            throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no snapshot " + snapshotId);
        }
    }

    @Override
    public String shadowDeviceName(VssId snapshotId) {
        return "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy" + (++devices);
    }
}
