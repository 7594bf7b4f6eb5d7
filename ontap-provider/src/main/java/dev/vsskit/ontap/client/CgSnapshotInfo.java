package dev.vsskit.ontap.client;

import java.time.Instant;
import java.util.List;

/** A consistency-group Snapshot copy and the member volume snapshots it made. */
public record CgSnapshotInfo(String uuid, String name, String consistencyGroupUuid, String comment, Instant created,
        List<Member> members) {
    public CgSnapshotInfo {
        members = List.copyOf(members);
    }

    public record Member(String volumeName, String volumeUuid, String snapshotName, String snapshotUuid) {
    }
}
