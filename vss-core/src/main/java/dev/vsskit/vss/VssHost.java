package dev.vsskit.vss;

import java.util.List;

/**
 * The machine vsskit works on: the real Windows VSS service, or the embedded lab. Every command goes
 * through this interface, so the same code runs against both.
 */
public interface VssHost extends AutoCloseable {

    /** The computer name, as VSS prints it for originating and service machine. */
    String computerName();

    List<Provider> providers();

    /** The registered provider a user names: by its name (any case) or by its id. */
    default java.util.Optional<Provider> provider(String nameOrId) {
        String text = nameOrId.trim();
        boolean isId = VssId.isValid(text);
        for (Provider p : providers()) {
            if (p.name().equalsIgnoreCase(text) || (isId && p.id().equals(VssId.parse(text)))) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }

    List<Writer> writers();

    List<Volume> volumes();

    List<Shadow> shadows();

    List<ShadowStorage> shadowStorage();

    /**
     * Non-fatal problems this host met so far, oldest first (on Windows: COM security already set by someone
     * else, RPC_E_TOO_LATE; a failed IVssAsync::Cancel or AbortBackup). The CLI shows each new one as a warning
     * when a command ends; engines never print.
     */
    default List<String> warnings() {
        return List.of();
    }

    /**
     * A requester's backup session on this host (IVssBackupComponents). Hosts that cannot create shadow
     * copies fail with VSS_E_NOT_SUPPORTED.
     */
    default dev.vsskit.vss.session.BackupSession openBackupSession() {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "creating shadow copies is not supported on " + computerName() + " by this vsskit build");
    }

    /**
     * A requester's restore session on this host (IVssBackupComponents initialised for restore from a saved
     * Backup Components Document). Hosts that cannot run writers' restore events fail with VSS_E_NOT_SUPPORTED.
     */
    default dev.vsskit.vss.session.RestoreSession openRestoreSession() {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "restore sessions are not supported on " + computerName() + " by this vsskit build");
    }

    /**
     * Deletes one shadow copy (IVssBackupComponents::DeleteSnapshots with VSS_OBJECT_SNAPSHOT);
     * VSS_E_OBJECT_NOT_FOUND when there is none with that id.
     */
    default void deleteShadow(VssId shadowId) {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "deleting shadow copies is not supported on " + computerName() + " by this vsskit build");
    }

    /**
     * Makes a shadow copy's files readable at {@code at}, an empty or absent folder (diskshadow's {@code expose},
     * IVssBackupComponents::ExposeSnapshot, locally); returns the name it is exposed as. The exposure lasts until
     * {@link #unexposeShadow} or the shadow is deleted. Hosts that cannot fail with VSS_E_NOT_SUPPORTED.
     */
    default String exposeShadow(VssId shadowId, java.nio.file.Path at) {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "exposing shadow copies is not supported on " + computerName() + " by this vsskit build");
    }

    /** Removes an exposure {@link #exposeShadow} made at {@code at} (diskshadow's {@code unexpose}). */
    default void unexposeShadow(java.nio.file.Path at) {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "exposing shadow copies is not supported on " + computerName() + " by this vsskit build");
    }

    /**
     * Reverts the shadow's original volume to it, byte for byte (IVssBackupComponents::RevertToSnapshot). The
     * caller has checked that the shadow is persistent; a host refuses shadows whose provider cannot revert.
     */
    default void revertToShadow(VssId shadowId) {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "reverting volumes is not supported on " + computerName() + " by this vsskit build");
    }

    /**
     * Where this host keeps vsskit's backup catalog unless {@code VSSKIT_CATALOG} says otherwise (the lab: its
     * {@code catalog/} folder). Empty: the machine's, {@code %ProgramData%\vsskit\catalog}.
     */
    default java.util.Optional<java.nio.file.Path> catalogFolder() {
        return java.util.Optional.empty();
    }

    /**
     * The .evtx file this host keeps a Windows event log in ({@code "Application"}: the one the ONTAP provider
     * writes its Navssprv events into), whether or not anything was logged yet. Empty: the log is the live
     * Windows one, read through the event log service.
     */
    default java.util.Optional<java.nio.file.Path> eventLogFile(String logName) {
        return java.util.Optional.empty();
    }

    /**
     * The Cluster Shared Volumes of the failover cluster this host is a node of, with owner node and I/O mode (the
     * lab: its cluster's state; Windows: WMI {@code ROOT\\MSCluster}). An empty list: no CSVs (on Windows also a host
     * that is no cluster node). Empty: this host cannot tell (on Windows, the cluster could not be read; the host
     * keeps a warning saying why).
     */
    default java.util.Optional<List<ClusterSharedVolume>> clusterSharedVolumes() {
        return java.util.Optional.empty();
    }

    /** The host's clock, for comparing with the storage's (the lab's may be virtual). */
    default java.time.Instant now() {
        return java.time.Instant.now();
    }

    /**
     * The Hyper-V VMs this host knows, with state, owner node, files and volumes ({@code vsskit list vms}). Hosts
     * that cannot list them fail with VSS_E_NOT_SUPPORTED.
     */
    default List<VmDescription> virtualMachineDescriptions() {
        throw new VssException(HResult.VSS_E_NOT_SUPPORTED,
                "listing virtual machines is not supported on " + computerName() + " by this vsskit build");
    }

    /** The names of the virtual machines this host runs, for completion; empty where it does not know them. */
    default List<String> virtualMachineNames() {
        return List.of();
    }

    @Override
    default void close() {
    }
}
