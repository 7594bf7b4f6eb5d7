package dev.vsskit.vss;

import java.time.Instant;
import java.util.Objects;

/** One shadow copy, as {@code vssadmin list shadows} shows it. */
public record Shadow(
        VssId shadowId,
        VssId setId,
        int shadowsInSet,
        Instant created,
        String originalVolumePath,
        String originalVolumeName,
        String shadowVolume,
        String originatingMachine,
        String serviceMachine,
        VssId providerId,
        String providerName,
        SnapshotContext context,
        VolumeSnapshotAttributes attributes) {
    public Shadow {
        Objects.requireNonNull(shadowId, "shadowId");
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(originalVolumePath, "originalVolumePath");
        Objects.requireNonNull(originalVolumeName, "originalVolumeName");
        Objects.requireNonNull(shadowVolume, "shadowVolume");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(attributes, "attributes");
    }
}
