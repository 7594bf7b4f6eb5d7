package dev.vsskit.lab.backup;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.internal.LabOntapRuntime;
import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.vss.LabVss;
import dev.vsskit.lab.vss.internal.LabVolumes;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.VirtualMachine;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.spi.VolumeTarget;
import dev.vsskit.vss.store.SnapshotStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The lab as a backup target: its VSS coordinator (with the ONTAP-backed providers), the VMs of lab.json
 * with their run-time state, the volumes and the ONTAP volumes behind them, and the simulator's snapshots.
 */
public final class LabBackupTarget implements BackupTarget {

    private final LabHost host;
    private final LabOntapRuntime ontap;
    private final VssCoordinator coordinator;
    private final LabVolumes volumes;
    private final LabVmStates states;

    public LabBackupTarget(LabHost host) {
        this(host, host.clock());
    }

    public LabBackupTarget(LabHost host, VssClock clock) {
        this.host = host;
        this.ontap = LabOntapRuntime.of(host);
        this.coordinator = LabVss.coordinator(host, clock);
        this.volumes = new LabVolumes(host.config());
        this.states = new LabVmStates(host.dir());
    }

    @Override
    public LabHost host() {
        return host;
    }

    public LabVmStates vmStates() {
        return states;
    }

    @Override
    public List<VirtualMachine> virtualMachines() {
        List<VirtualMachine> out = new ArrayList<>();
        for (LabConfig.LabVm vm : host.config().vms()) {
            LabConfig.LabVolume vol = host.config().volume(vm.volume()).orElseThrow(); // config() checked it
            LabVmStates.State s = states.get(vm.name());
            out.add(new VirtualMachine(vm.name(), vm.id(), List.of(vol.windowsPath(vm.vhdx()),
                    vol.windowsPath(vm.config())), s.running(), vm.backupIntegration()));
        }
        return out;
    }


    @Override
    public BackupSession openBackupSession(BackupProgressListener listener) {
        return LabVss.session(host, coordinator.openBackupSession(listener));
    }

    /**
     * A VM on the SMB 3.0 share that another node runs: only that node's Hyper-V writer reports it (the CSV writer
     * proxies VMs on CSVs only), so it is backed up application-consistent on its owner node.
     */
    @Override
    public Optional<String> cannotBackUpHere(VirtualMachine vm) {
        LabCluster cluster = host.cluster();
        if (!cluster.isMultiNode()) {
            return Optional.empty();
        }
        return host.config().vm(vm.name()).filter(labVm -> host.config().volume(labVm.volume())
                .map(v -> v.kind() == LabConfig.VolumeKind.SMB).orElse(false)).flatMap(labVm -> {
            String owner = cluster.ownerOf(labVm);
            if (owner.equalsIgnoreCase(host.node())) {
                return Optional.empty();
            }
            String where = host.config().volume(labVm.volume()).map(LabConfig.LabVolume::path).orElse(labVm.volume());
            return Optional.of("it runs on node " + owner + " from the SMB 3.0 share " + where + ", which the CSV"
                    + " writer does not proxy (only VMs on CSVs): only " + owner + "'s Hyper-V writer reports it; back"
                    + " it up on its owner node: --host lab:" + owner);
        });
    }

    @Override
    public Optional<VolumeTarget> volumeOf(String windowsPath) {
        String p = windowsPath.toLowerCase(Locale.ROOT);
        return host.config().volumes().stream()
                .filter(v -> p.startsWith(withSlash(v.path()).toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(v -> v.path().length()))
                .flatMap(v -> volumes.resolve(v.path()));
    }

    private static String withSlash(String path) {
        return path.endsWith("\\") ? path : path + "\\";
    }

    @Override
    public Optional<String> storageVolumeOf(VolumeTarget volume) {
        return volumes.of(volume).map(LabConfig.LabVolume::ontapVolume).filter(s -> s != null && !s.isEmpty());
    }

    @Override
    public Provider predictProvider(VolumeTarget volume, Optional<VssId> forcedProvider) {
        return coordinator.selectProvider(volume, forcedProvider.orElse(VssId.NULL), SnapshotContext.APP_ROLLBACK)
                .info();
    }

    @Override
    public List<Provider> predictProviders(List<VolumeTarget> volumes, Optional<VssId> forcedProvider) {
        List<Optional<dev.vsskit.vss.spi.SnapshotProvider>> chosen = coordinator.selectProviders(volumes,
                forcedProvider.orElse(VssId.NULL), SnapshotContext.APP_ROLLBACK);
        List<Provider> out = new java.util.ArrayList<>(volumes.size());
        for (int i = 0; i < volumes.size(); i++) {
            // none chosen: selectProvider says why (not registered, not supported) as the single prediction does
            out.add(chosen.get(i).isPresent() ? chosen.get(i).get().info() : predictProvider(volumes.get(i), forcedProvider));
        }
        return out;
    }

    @Override
    public Optional<StorageSnapshotRef> storageSnapshotOf(Shadow shadow) {
        return ontap.storageOf(shadow.shadowId()).map(a -> new StorageSnapshotRef(a[0], a[1]));
    }

    @Override
    public void deleteShadow(VssId shadowId) {
        coordinator.deleteShadow(shadowId);
    }

    @Override
    public Optional<SnapshotStore> storage() {
        return Optional.of(ontap.store());
    }

    /** FlexClones of the simulator's Snapshot copies, read from the clones' stores and deleted afterwards. */
    @Override
    public Optional<dev.vsskit.vss.verify.disk.SnapshotAccess> snapshotAccess() {
        return Optional.of(new dev.vsskit.ontap.CloneSnapshotAccess(ontap.store(),
                dev.vsskit.lab.ontap.OntapLab.cloneFiles(host.dir())));
    }

    @Override
    public void nameNextSnapshots(String backupName) {
        ontap.nameNextSnapshots(backupName);
    }

    @Override
    public Path liveFile(String windowsPath) {
        VolumeTarget v = volumeOf(windowsPath).orElseThrow(() -> new IllegalArgumentException(
                windowsPath + " is on no volume of the lab"));
        LabConfig.LabVolume vol = volumes.of(v).orElseThrow();
        String relative = windowsPath.substring(withSlash(vol.path()).length()).replace('\\', '/');
        return host.volumeData(vol.key()).resolve(relative);
    }

    /**
     * CSVs a killed backup left in backup state (redirected I/O): cleared, and said so, when no set is being
     * created on any node; left as they are (and said so) while one is.
     */
    @Override
    public List<String> recoverInterruptedBackups() {
        LabCluster cluster = host.cluster();
        List<LabCluster.CsvState> stale = cluster.stale();
        if (stale.isEmpty()) {
            return List.of();
        }
        Optional<VssId> inProgress = LabVss.setInProgress(host.dir());
        if (inProgress.isPresent()) {
            return List.of("CSV " + names(stale) + " left in backup state by a backup that died; not cleared while"
                    + " snapshot set " + inProgress.get() + " is being created");
        }
        List<String> out = new ArrayList<>();
        for (LabCluster.CsvState c : cluster.clearStale(Optional.empty())) {
            out.add("cleared the backup state of CSV " + c.volume() + " (set " + c.backupSet() + " of node "
                    + c.backupNode() + ", process " + c.backupPid() + " since " + c.backupSince()
                    + (c.redirectedSince() != null ? ", in redirected I/O since " + c.redirectedSince() : "") + ")");
        }
        return out;
    }

    private static String names(List<LabCluster.CsvState> csvs) {
        return String.join(", ", csvs.stream().map(LabCluster.CsvState::volume).toList());
    }

    /** The restore runs on the VM's owner node, whose Hyper-V writer turns it off and registers it again. */
    @Override
    public VmRestoreSequence beginRestore(VirtualMachine vm) {
        LabConfig.LabWriter hyperV = host.config().writers().stream()
                .filter(w -> w.writerId().equals(dev.vsskit.vss.backup.BackupService.HYPER_V_WRITER)).findFirst()
                .orElseThrow(() -> LabJson.corrupt(host.dir().resolve(LabInit.LAB_JSON),
                        "$.writers: no Microsoft Hyper-V VSS Writer"));
        host.config().vm(vm.name()).ifPresent(labVm -> {
            String owner = host.cluster().ownerOf(labVm);
            if (!owner.equalsIgnoreCase(host.node())) {
                throw new dev.vsskit.lab.internal.LabException("VM " + vm.name() + " runs on node " + owner + ", not "
                        + host.node() + "; restore it on its owner: --host lab:" + owner);
            }
        });
        VssId instance = host.writerInstance(hyperV);
        List<dev.vsskit.vss.session.SelectedComponent> component = List.of(new dev.vsskit.vss.session.SelectedComponent(
                hyperV.writerId(), instance, "", vm.id().toString(), true));
        return new VmRestoreSequence() {
            @Override
            public void preRestore() {
                // the Hyper-V writer turns the VM off and removes it from Hyper-V before its files are replaced;
                // a writer that fails PreRestore stops the restore before any file is touched
                coordinator.preRestore(instance, component);
                states.set(vm.name(), new LabVmStates.State(false, false));
            }

            @Override
            public void postRestore(boolean start) {
                states.set(vm.name(), new LabVmStates.State(start, true));
                coordinator.postRestore(instance, component);
            }
        };
    }
}
