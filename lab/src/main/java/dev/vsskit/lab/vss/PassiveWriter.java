package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.List;

/**
 * A host writer that takes part in every backup but owns nothing on the lab's volumes (System, Registry,
 * WMI, COM+ REGDB, Cluster Shared Volume writers): it answers every event and reports no components.
 */
final class PassiveWriter implements VssWriter {
    private final String name;
    private final VssId writerId;
    private final VssId instanceId;
    private volatile boolean frozen;

    PassiveWriter(String name, VssId writerId, VssId instanceId) {
        this.name = name;
        this.writerId = writerId;
        this.instanceId = instanceId;
    }

    boolean frozen() {
        return frozen;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public VssId writerId() {
        return writerId;
    }

    @Override
    public VssId instanceId() {
        return instanceId;
    }

    @Override
    public WriterMetadata identify(WriterEvent e) {
        return new WriterMetadata(name, writerId, instanceId, List.of());
    }

    @Override
    public void freeze(WriterEvent e) {
        frozen = true;
    }

    @Override
    public void thaw(WriterEvent e) {
        frozen = false;
    }

    @Override
    public void abort(WriterEvent e) {
        frozen = false;
    }
}
