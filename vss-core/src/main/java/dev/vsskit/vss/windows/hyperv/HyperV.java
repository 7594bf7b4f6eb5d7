package dev.vsskit.vss.windows.hyperv;

import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.VirtualMachine;
import java.util.List;

/**
 * What the Windows backup target needs from Hyper-V: the VMs (the Hyper-V writer's components joined with WMI
 * {@code root\virtualization\v2} for names and state) and a VM's restore sequence (the writer's PreRestore and
 * PostRestore, the VM turned off and on through WMI {@code RequestStateChange}).
 */
public interface HyperV {

    List<VirtualMachine> virtualMachines();

    /**
     * Why this host cannot back the VM up, though it lists it (a clustered VM another node runs that no writer here
     * reports): {@link BackupTarget#cannotBackUpHere}. Empty: nothing stops it here.
     */
    default java.util.Optional<String> cannotBackUpHere(VirtualMachine vm) {
        return java.util.Optional.empty();
    }

    BackupTarget.VmRestoreSequence beginRestore(VirtualMachine vm);

    /**
     * The restore sequence with the Hyper-V writer taking part: the backup's Backup Components Document handed to
     * InitializeForRestore before PreRestore. Without an implementation of its own, the plain sequence.
     */
    default BackupTarget.VmRestoreSequence beginRestore(VirtualMachine vm, String backupComponentsXml) {
        return beginRestore(vm);
    }
}
