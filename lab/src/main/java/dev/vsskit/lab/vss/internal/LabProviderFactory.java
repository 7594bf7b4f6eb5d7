package dev.vsskit.lab.vss.internal;

import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.spi.SnapshotProvider;
import java.util.Optional;

/**
 * How a provider implemented outside this package (the Data ONTAP VSS Hardware Provider) joins the lab's
 * coordinator: a {@link java.util.ServiceLoader} service. For each provider registered in lab.json that
 * the lab's Microsoft providers do not cover, every factory is asked in turn.
 */
public interface LabProviderFactory {
    Optional<SnapshotProvider> create(LabHost host, Provider registered, VssClock clock);

    /** Where the bytes of a shadow this factory's provider made are (for auto-recovery), if it made it. */
    default Optional<dev.vsskit.lab.storage.StoreSnapshot> storeSnapshotOf(LabHost host, dev.vsskit.vss.Shadow shadow) {
        return Optional.empty();
    }
}
