package dev.vsskit.vss.spi;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One volume added to a snapshot set, as the coordinator describes it to providers: the path users
 * type, the volume GUID name, and what lies beneath it. A hardware provider looks at {@code luns}
 * (VDS_LUN_INFORMATION, all-or-nothing per volume); a file-share provider at {@code shareUnc}.
 */
public record VolumeTarget(String path, String volumeName, List<LunInfo> luns, Optional<String> shareUnc) {
    public VolumeTarget {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(volumeName, "volumeName");
        luns = List.copyOf(luns);
        Objects.requireNonNull(shareUnc, "shareUnc");
    }

    public boolean isShare() {
        return shareUnc.isPresent();
    }
}
