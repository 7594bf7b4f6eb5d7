package dev.vsskit.vss;

import java.util.Objects;

/**
 * A volume eligible for shadow copies: its path as users type it ({@code C:\},
 * {@code C:\ClusterStorage\Volume1\}, {@code \\svm1\hvshare\}) and its volume GUID name
 * ({@code \\?\Volume{...}\}, or the UNC path itself for a file share).
 */
public record Volume(String path, String name) {
    public Volume {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(name, "name");
    }
}
