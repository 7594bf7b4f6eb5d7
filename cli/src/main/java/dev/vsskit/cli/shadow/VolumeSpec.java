package dev.vsskit.cli.shadow;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssHost;
import java.util.Locale;
import java.util.Optional;

/**
 * A volume as users type it after {@code --for} ({@code C:}, {@code C:\}, {@code C:\ClusterStorage\Volume1},
 * a volume GUID name or a share), resolved against the host's volumes.
 */
public final class VolumeSpec {

    private VolumeSpec() {
    }

    static Volume resolve(VssHost host, String spec) {
        return find(host, spec).orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                "Either the specified volume '" + spec + "' was not found or it is not a local volume "
                        + "(see `vsskit list volumes`)"));
    }

    /** The host's volume {@code spec} names (path with or without the trailing backslash, or GUID name). */
    public static Optional<Volume> find(VssHost host, String spec) {
        String want = normalise(spec);
        for (Volume v : host.volumes()) {
            if (normalise(v.path()).equals(want) || normalise(v.name()).equals(want)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    static boolean isOn(Shadow s, Volume v) {
        return normalise(s.originalVolumeName()).equals(normalise(v.name()))
                || normalise(s.originalVolumePath()).equals(normalise(v.path()));
    }

    static String normalise(String s) {
        String t = s.trim().replace('/', '\\').toLowerCase(Locale.ROOT);
        if (t.length() == 2 && t.charAt(1) == ':') {
            t += "\\";
        }
        return t.endsWith("\\") ? t : t + "\\";
    }
}
