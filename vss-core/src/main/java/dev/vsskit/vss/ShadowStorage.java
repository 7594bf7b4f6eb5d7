package dev.vsskit.vss;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A shadow copy storage (diff area) association. Sizes are bytes; {@code maximumBytes} empty means
 * UNBOUNDED. {@code volumeCapacityBytes} of the storage volume is what vssadmin's percentages are of.
 */
public record ShadowStorage(
        String forVolumePath,
        String forVolumeName,
        String storageVolumePath,
        String storageVolumeName,
        long usedBytes,
        long allocatedBytes,
        OptionalLong maximumBytes,
        long volumeCapacityBytes) {
    public ShadowStorage {
        Objects.requireNonNull(forVolumePath, "forVolumePath");
        Objects.requireNonNull(forVolumeName, "forVolumeName");
        Objects.requireNonNull(storageVolumePath, "storageVolumePath");
        Objects.requireNonNull(storageVolumeName, "storageVolumeName");
        Objects.requireNonNull(maximumBytes, "maximumBytes");
    }
}
