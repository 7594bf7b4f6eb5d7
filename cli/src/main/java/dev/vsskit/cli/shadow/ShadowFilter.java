package dev.vsskit.cli.shadow;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The {@code --for}, {@code --shadow} and {@code --set} filters shared by {@code list shadows} and {@code delete shadows}. */
public record ShadowFilter(Optional<String> forVolume, Optional<VssId> shadowId, Optional<VssId> setId) {

    public static final ShadowFilter ALL = new ShadowFilter(Optional.empty(), Optional.empty(), Optional.empty());

    /** The host's shadows that pass every filter given, in the host's order. */
    public List<Shadow> apply(VssHost host) {
        Optional<Volume> volume = forVolume.map(v -> VolumeSpec.resolve(host, v));
        return host.shadows().stream()
                .filter(s -> volume.map(v -> VolumeSpec.isOn(s, v)).orElse(true))
                .filter(s -> shadowId.map(id -> id.equals(s.shadowId())).orElse(true))
                .filter(s -> setId.map(id -> id.equals(s.setId())).orElse(true))
                .toList();
    }

    /** The {@code list shadows} options: {@code [--for=VOLUME] [--shadow=ID | --set=ID]} (also {@code /for=C:}). */
    public static final class Options {
        @Option(names = {"--for", "/for", "/For", "/FOR"}, paramLabel = "VOLUME",
                description = "Only shadow copies of this volume (C:, C:\\ClusterStorage\\Volume1, a GUID name or share).")
        String forVolume;

        @ArgGroup(exclusive = true)
        Which which;

        static final class Which {
            @Option(names = {"--shadow", "/shadow", "/Shadow", "/SHADOW"}, paramLabel = "ID",
                    description = "Only this shadow copy.")
            String shadow;

            @Option(names = {"--set", "/set", "/Set", "/SET"}, paramLabel = "ID",
                    description = "Only the shadow copies of this set.")
            String set;
        }

        public ShadowFilter filter() {
            return new ShadowFilter(Optional.ofNullable(forVolume),
                    Optional.ofNullable(which == null ? null : which.shadow).map(s -> Ids.parse("--shadow", s)),
                    Optional.ofNullable(which == null ? null : which.set).map(s -> Ids.parse("--set", s)));
        }
    }
}
