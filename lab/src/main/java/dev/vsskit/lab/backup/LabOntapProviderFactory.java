package dev.vsskit.lab.backup;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.internal.LabOntapRuntime;
import dev.vsskit.lab.vss.internal.LabProviderFactory;
import dev.vsskit.ontap.OntapHardwareProvider;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.spi.SnapshotProvider;
import java.util.Optional;

/**
 * Joins the ONTAP-backed providers to the lab's coordinator: the Data ONTAP VSS Hardware Provider for
 * CSV LUNs, and the File Share Shadow Copy provider whose remote VSS agent is the ONTAP simulator.
 */
public final class LabOntapProviderFactory implements LabProviderFactory {

    @Override
    public Optional<SnapshotProvider> create(LabHost host, Provider registered, VssClock clock) {
        if (registered.id().equals(OntapHardwareProvider.INFO.id())) {
            // each node runs its own provider: its events name the node that asked
            return Optional.of(LabOntapRuntime.of(host).hardwareProvider(host.computerName()));
        }
        if (registered.type() == ProviderType.FILESHARE) {
            return Optional.of(LabOntapRuntime.of(host).fileShareProvider());
        }
        return Optional.empty();
    }

    /** The simulator's Snapshot copy behind a shadow of the hardware or file-share provider. */
    @Override
    public Optional<dev.vsskit.lab.storage.StoreSnapshot> storeSnapshotOf(LabHost host, dev.vsskit.vss.Shadow shadow) {
        return LabOntapRuntime.of(host).storageOf(shadow.shadowId())
                .flatMap(a -> dev.vsskit.lab.ontap.OntapLab.storeSnapshot(host.dir(), a[0], a[1]));
    }
}
