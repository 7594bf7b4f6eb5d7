package dev.vsskit.vss.windows;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderRegistrations;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.ShadowStorage;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.VmDescription;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.hyperv.WindowsHyperV;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.RestoreSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The real Windows machine through the VSS COM binding: providers from the registry, writers, shadows, backup
 * and restore sessions through {@code IVssBackupComponents}, volumes and shadow storage through
 * {@code IVssSnapshotMgmt}. Every native call goes through one {@link VssNative} (on Windows,
 * {@link WindowsNative}), and every COM call runs on one multithreaded-apartment thread ({@link ComThread}).
 * Loaded by name only on Windows ({@code Class.forName}); tests on Linux construct it over a seam that serves
 * the lab as native COM objects.
 */
public final class WindowsVssHost implements VssHost {

    private final VssNative nat;
    private final ComTiming timing;
    private final ComThread com;
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private volatile Consumer<String> warningListener = w -> { };
    private List<Provider> providers;

    /** On Windows: the real VssApi, Ole32 and OleAut32. */
    public WindowsVssHost() {
        this(new WindowsNative(), ComTiming.DEFAULT);
    }

    public WindowsVssHost(VssNative nat, ComTiming timing) {
        this.nat = Objects.requireNonNull(nat, "nat");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.com = new ComThread(nat);
    }

    ComTiming timing() {
        return timing;
    }

    /** Non-fatal problems (a failed AbortBackup or Cancel, COM security set by someone else), in order. */
    @Override
    public List<String> warnings() {
        List<String> out = new ArrayList<>();
        if (!com.securityNote().isEmpty()) {
            out.add(com.securityNote());
        }
        out.addAll(warnings);
        return out;
    }

    /** Where warnings go as they happen (the CLI shows them on stderr); engines never print. */
    public void onWarning(Consumer<String> listener) {
        this.warningListener = Objects.requireNonNull(listener, "listener");
    }

    void warn(String message) {
        warnings.add(message);
        warningListener.accept(message);
    }

    @Override
    public String computerName() {
        return nat.computerName();
    }

    @Override
    public synchronized List<Provider> providers() {
        if (providers == null) {
            ProviderRegistrations.Result r;
            try {
                r = nat.providerRegistrations();
            } catch (RuntimeException e) {
                throw new VssException(HResult.VSS_E_UNEXPECTED, "cannot read the VSS provider registrations under HKLM\\"
                        + ProviderRegistrations.KEY + ": " + e.getMessage(), e);
            }
            providers = r.providers();
        }
        return providers;
    }

    /** InitializeForBackup, SetBackupState, GatherWriterMetadata, GatherWriterStatus: as vssadmin lists writers. */
    @Override
    public List<Writer> writers() {
        return com.call(() -> {
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setBackupState(true, false, BackupType.FULL.value(), false);
                bc.gatherWriterMetadata();
                return bc.gatherWriterStatus();
            }
        });
    }

    /** The volumes the system provider can shadow (IVssSnapshotMgmt::QueryVolumesSupportedForSnapshots). */
    @Override
    public List<Volume> volumes() {
        return com.call(this::volumesOnComThread);
    }

    List<Volume> volumesOnComThread() {
        try (ComSnapshotMgmt mgmt = new ComSnapshotMgmt(nat)) {
            return mgmt.volumes().stream().map(v -> new Volume(v[1], v[0])).toList();
        }
    }

    /** Query(VSS_OBJECT_SNAPSHOT) in VSS_CTX_ALL: every shadow copy on the host, of every context. */
    @Override
    public List<Shadow> shadows() {
        List<Provider> known = providers();
        return com.call(() -> {
            List<Volume> volumes = volumesOnComThread();
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setContext(SnapshotContext.ALL);
                return bc.querySnapshots().stream().map(p -> ComShadows.toShadow(p, volumes, known)).toList();
            }
        });
    }

    /** Every diff-area association of the system provider, volume by volume. */
    @Override
    public List<ShadowStorage> shadowStorage() {
        return com.call(() -> {
            List<ShadowStorage> out = new ArrayList<>();
            List<Volume> volumes = volumesOnComThread();
            try (ComSnapshotMgmt mgmt = new ComSnapshotMgmt(nat)) {
                for (Volume v : volumes) {
                    for (ComSnapshotMgmt.DiffArea d : mgmt.diffAreasForVolume(v.name())) {
                        String storagePath = volumes.stream().filter(x -> x.name().equalsIgnoreCase(d.diffAreaVolumeName()))
                                .map(Volume::path).findFirst().orElse(d.diffAreaVolumeName());
                        out.add(new ShadowStorage(v.path(), d.volumeName(), storagePath, d.diffAreaVolumeName(),
                                d.used(), d.allocated(), d.maximumBytes(), nat.volumeCapacityBytes(d.diffAreaVolumeName())));
                    }
                }
            }
            return out;
        });
    }

    /**
     * WMI in {@code namespace} ({@code ROOT\\virtualization\\v2} for Hyper-V) through this host's seam and COM thread.
     */
    public Wmi wmi(String namespace) {
        return new Wmi(nat, com, namespace);
    }

    /**
     * Every writer's metadata as a backup sees it (InitializeForBackup, SetBackupState(select components, FULL),
     * GatherWriterMetadata): the Hyper-V writer's components are its VMs, with their files.
     */
    public List<WriterMetadata> writerMetadata() {
        return com.call(() -> {
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setBackupState(true, false, BackupType.FULL.value(), false);
                return bc.gatherWriterMetadata();
            }
        });
    }

    /**
     * The failover cluster's CSVs with owner node and I/O mode ({@link WindowsCluster}, WMI {@code ROOT\\MSCluster}).
     * No cluster node (no such namespace, or the cluster service not running): none. A failure (access denied, ...):
     * a host warning, and empty (not reported).
     */
    @Override
    public java.util.Optional<List<dev.vsskit.vss.ClusterSharedVolume>> clusterSharedVolumes() {
        try {
            return java.util.Optional.of(new WindowsCluster(wmi(WindowsCluster.NAMESPACE)).sharedVolumes());
        } catch (WmiException e) {
            if (WindowsCluster.notACluster(e.hresult())) {
                return java.util.Optional.of(List.of());
            }
            clusterUnreadable(e);
            return java.util.Optional.empty();
        }
    }

    /**
     * The VMs the failover cluster runs, on any node ({@link WindowsCluster#virtualMachines}); none when this host is
     * no cluster node; a host warning and none when the cluster cannot be read.
     */
    public List<WindowsCluster.ClusteredVm> clusteredVirtualMachines() {
        try {
            return new WindowsCluster(wmi(WindowsCluster.NAMESPACE)).virtualMachines();
        } catch (WmiException e) {
            if (!WindowsCluster.notACluster(e.hresult())) {
                clusterUnreadable(e);
            }
            return List.of();
        }
    }

    /** One warning however many calls met it: what cannot be shown, and why. */
    private void clusterUnreadable(WmiException e) {
        String message = "cannot read the failover cluster (CSV states, VM owner nodes): " + e.getMessage();
        if (!warnings.contains(message)) {
            warn(message);
        }
    }

    /** The Hyper-V VMs: the Hyper-V writer's components joined with WMI ({@link WindowsHyperV}). */
    @Override
    public List<VmDescription> virtualMachineDescriptions() {
        return new WindowsHyperV(this).describe();
    }

    @Override
    public List<String> virtualMachineNames() {
        try {
            return new WindowsHyperV(this).names();
        } catch (RuntimeException | LinkageError e) {
            return List.of(); // completion only: a host without Hyper-V (or not elevated) completes nothing
        }
    }

    @Override
    public BackupSession openBackupSession() {
        return new ComBackupSession(this, com);
    }

    @Override
    public RestoreSession openRestoreSession() {
        return new ComRestoreSession(this, com);
    }

    /** DeleteSnapshots(id, VSS_OBJECT_SNAPSHOT, force) in VSS_CTX_ALL. */
    @Override
    public void deleteShadow(VssId shadowId) {
        com.call(() -> {
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setContext(SnapshotContext.ALL);
                bc.deleteSnapshots(shadowId, ComBackupComponents.VSS_OBJECT_SNAPSHOT);
                return null;
            }
        });
    }

    /** ExposeSnapshot(id, NULL, VSS_VOLSNAP_ATTR_EXPOSED_LOCALLY, at): the name VSS exposed it as. */
    @Override
    public String exposeShadow(VssId shadowId, java.nio.file.Path at) {
        return com.call(() -> {
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setContext(SnapshotContext.ALL);
                return bc.exposeSnapshot(shadowId, null, VolumeSnapshotAttributes.EXPOSED_LOCALLY, at.toString());
            }
        });
    }

    /** The shadow exposed at {@code at} (its exposed name, from Query), unexposed with IVssBackupComponentsEx2. */
    @Override
    public void unexposeShadow(java.nio.file.Path at) {
        com.call(() -> {
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setContext(SnapshotContext.ALL);
                String where = at.toString();
                ComShadows.Props exposed = bc.querySnapshots().stream()
                        .filter(p -> sameLocation(p.exposedName(), where) || sameLocation(p.exposedPath(), where))
                        .findFirst().orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                                "no shadow copy is exposed at " + where + " (see `vsskit list shadows`)"));
                bc.unexposeSnapshot(exposed.shadowId());
                return null;
            }
        });
    }

    private static boolean sameLocation(String exposed, String at) {
        return !exposed.isEmpty() && strip(exposed).equalsIgnoreCase(strip(at));
    }

    private static String strip(String path) {
        return path.endsWith("\\") || path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /**
     * RevertToSnapshot(id, bForceDismount TRUE), then QueryRevertStatus on the shadow's original volume until the
     * revert is done. The volume is dismounted: whatever has it open loses its handles.
     */
    @Override
    public void revertToShadow(VssId shadowId) {
        com.call(() -> {
            try (ComBackupComponents bc = components()) {
                bc.initializeForBackup();
                bc.setContext(SnapshotContext.ALL);
                ComShadows.Props shadow = bc.querySnapshots().stream().filter(p -> p.shadowId().equals(shadowId))
                        .findFirst().orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                                "no shadow copy " + shadowId + " on this host"));
                bc.revertToSnapshot(shadowId, shadow.originalVolumeName(), true);
                return null;
            }
        });
    }

    private ComBackupComponents components() {
        ComBackupComponents bc = new ComBackupComponents(nat, timing);
        bc.onWarning(this::warn);
        return bc;
    }

    @Override
    public void close() {
        com.close();
    }
}
