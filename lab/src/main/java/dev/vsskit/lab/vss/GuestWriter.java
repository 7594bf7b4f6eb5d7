package dev.vsskit.lab.vss;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.List;
import java.util.Map;

/**
 * An in-guest writer (e.g. sql01's SqlServerWriter): runs inside the guest's VSS during an online VM backup.
 * It reports no components to the host's requester and keeps every phase's default (nothing to hold).
 */
record GuestWriter(String name, VssId writerId, VssId instanceId) implements VssWriter {

    /** Writer class ids of in-guest writers the lab knows (reference/vss.md §5.3). */
    static final Map<String, VssId> KNOWN = Map.of(
            "SqlServerWriter", VssId.parse("{a65faa63-5ea8-4ebc-9dbd-a0c4db26912a}"),
            "Microsoft Exchange Writer", VssId.parse("{76fe1ac4-15f7-4bcd-987e-8e1acb462fb7}"));

    GuestWriter(String name, VssId instanceId) {
        this(name, KNOWN.getOrDefault(name, VssId.NULL), instanceId);
    }

    @Override
    public WriterMetadata identify(WriterEvent e) {
        return new WriterMetadata(name, writerId, instanceId, List.of());
    }
}
