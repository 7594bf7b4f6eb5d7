package dev.vsskit.vss.backup;

import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.spi.VolumeTarget;
import dev.vsskit.vss.store.SnapshotStore;
import java.util.List;
import java.util.Optional;

/**
 * What a backup needs from the machine and its storage: the VSS host with its backup sessions, the VM
 * inventory, volume resolution, which storage volume holds a Windows volume, and the storage itself.
 * The lab and a real Windows host each provide one.
 */
public interface BackupTarget {

    VssHost host();

    List<VirtualMachine> virtualMachines();

    BackupSession openBackupSession(BackupProgressListener listener);

    /** The volume that holds a path ({@code C:\ClusterStorage\Volume1\}, {@code \\svm1\hvshare\}). */
    Optional<VolumeTarget> volumeOf(String windowsPath);

    /** The storage (ONTAP) volume that holds a Windows volume, when it is on ONTAP. */
    Optional<String> storageVolumeOf(VolumeTarget volume);

    /** The provider VSS would choose for a volume (or the forced one), for the plan. */
    Provider predictProvider(VolumeTarget volume, Optional<VssId> forcedProvider);

    /**
     * {@link #predictProvider} for several volumes, in their order, failing as it would on the first volume it
     * fails on. A target whose providers can answer for many volumes in one round trip overrides it.
     */
    default List<Provider> predictProviders(List<VolumeTarget> volumes, Optional<VssId> forcedProvider) {
        List<Provider> out = new java.util.ArrayList<>(volumes.size());
        for (VolumeTarget v : volumes) {
            out.add(predictProvider(v, forcedProvider));
        }
        return out;
    }

    /** The storage snapshot that holds a committed shadow, when the shadow is on ONTAP. */
    Optional<StorageSnapshotRef> storageSnapshotOf(Shadow shadow);

    /** The live file behind a Windows path of this host (on the lab: the file in the volume's folder). */
    java.nio.file.Path liveFile(String windowsPath);

    /** Deletes a shadow copy (and with it the storage snapshot its provider made). */
    void deleteShadow(VssId shadowId);

    Optional<SnapshotStore> storage();

    /**
     * How deep verify reads a VM's disks inside a backup's storage snapshots without copying them (a FlexClone
     * on ONTAP, an exposed shadow or a mounted LUN clone on Windows); empty where this host has no such path yet.
     */
    default Optional<dev.vsskit.vss.verify.disk.SnapshotAccess> snapshotAccess() {
        return Optional.empty();
    }

    /**
     * How files of a storage volume come back from its snapshots on this host, in words for the restore's output
     * ({@code inPlace}: over the live files, else read for a copy to another folder), when this host has its own
     * way (on Windows: an ONTAP file clone on a share, a copy through the exposed shadow or a LUN clone on a LUN).
     * Empty: the storage's own single-file or whole-volume restore, as the lab does.
     */
    default Optional<String> restoreRoute(String storageVolume, boolean inPlace) {
        return Optional.empty();
    }

    /**
     * {@link #restoreRoute(String, boolean)} for the files of one snapshot: where the route depends on the snapshot
     * (on Windows, a LUN's Snapshot copy with a shadow copy is read through the exposed shadow, one without through a
     * LUN clone mapped to the host).
     */
    default Optional<String> restoreRoute(String storageVolume, String snapshot, boolean inPlace) {
        return restoreRoute(storageVolume, inPlace);
    }

    /**
     * What this host's restores left behind (on Windows, a LUN clone a killed restore mapped to the host), for
     * {@code vsskit cleanup}: kind {@link Leftovers.Kind#RESTORE_CLONE}. Nothing a running restore still uses.
     */
    default List<Leftovers.Leftover> restoreLeftovers() {
        return List.of();
    }

    /** Removes one of {@link #restoreLeftovers()}; returns what was done ("deleted", "already gone"). */
    default String removeRestoreLeftover(Leftovers.Leftover leftover) {
        throw new UnsupportedOperationException("this host makes no restore clones");
    }

    /**
     * Why this host cannot back a VM up application-consistent, though it sees it (the plan leaves it out, named):
     * on a cluster node, a VM that another node runs from an SMB 3.0 share is reported only by its owner node's
     * Hyper-V writer (the CSV writer proxies only VMs on CSVs, and the share's shadow copy is asked by the node that
     * runs the VM, through the File Share Shadow Copy provider). Empty: nothing stops it here.
     */
    default Optional<String> cannotBackUpHere(VirtualMachine vm) {
        return Optional.empty();
    }

    /**
     * Tells the providers the backup's name before the snapshot set is created, so that the storage
     * snapshots they make carry it. A no-op where providers name their own snapshots (real Windows).
     */
    default void nameNextSnapshots(String backupName) {
    }

    /**
     * Undoes what a backup that died left on the host outside VSS's own clean-up (a Cluster Shared Volume left in
     * "backup in progress", in redirected I/O: ClusterClearBackupStateForSharedVolume), but only while no
     * snapshot set is being created on any node. One line per thing found, for the backup's message.
     */
    default List<String> recoverInterruptedBackups() {
        return List.of();
    }

    /**
     * The Hyper-V writer's restore sequence for one VM: PreRestore (the VM is turned off and unregistered)
     * before its files come back, PostRestore (registered again, started when asked) after.
     */
    VmRestoreSequence beginRestore(VirtualMachine vm);

    /**
     * The restore sequence with the Backup Components Document the backup kept (empty for a crash-consistent
     * backup), for hosts whose Hyper-V writer needs it (Windows: InitializeForRestore before PreRestore).
     */
    default VmRestoreSequence beginRestore(VirtualMachine vm, Optional<String> backupComponentsDocument) {
        return beginRestore(vm);
    }

    /** The two halves of a VM's restore, as the Hyper-V writer performs them. */
    interface VmRestoreSequence {
        void preRestore();

        void postRestore(boolean start);
    }

    /** A storage snapshot: its volume and name. */
    record StorageSnapshotRef(String volume, String name) {
    }
}
