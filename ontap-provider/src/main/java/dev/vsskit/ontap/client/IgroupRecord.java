package dev.vsskit.ontap.client;

import java.util.List;

/** An initiator group. */
public record IgroupRecord(String uuid, String name, String svmName, String osType, String protocol,
        List<String> initiators) {
    public IgroupRecord {
        initiators = List.copyOf(initiators);
    }
}
