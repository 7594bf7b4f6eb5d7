package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.List;
import java.util.Map;

/** An in-guest writer (e.g. sql01's SqlServerWriter): runs inside the guest's VSS during an online VM backup. */
final class GuestWriter implements VssWriter {

    /** Writer class ids of in-guest writers the lab knows (reference/vss.md §5.3). */
    static final Map<String, VssId> KNOWN = Map.of(
            "SqlServerWriter", VssId.parse("{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}"),
            "Microsoft Exchange Writer", VssId.parse("{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}"));

    private final String name;
    private final VssId writerId;
    private final VssId instanceId;

    GuestWriter(String name, VssId instanceId) {
        this.name = name;
        this.writerId = KNOWN.getOrDefault(name, VssId.NULL);
        this.instanceId = instanceId;
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
}
