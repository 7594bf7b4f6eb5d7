package dev.vsskit.ontap.client;

import java.util.List;

/** A consistency group and its member volumes (name, uuid pairs). */
public record ConsistencyGroupInfo(String uuid, String name, String svmName, List<VolumeRef> volumes) {
    public ConsistencyGroupInfo {
        volumes = List.copyOf(volumes);
    }

    public record VolumeRef(String name, String uuid) {
    }
}
