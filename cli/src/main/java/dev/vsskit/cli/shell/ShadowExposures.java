package dev.vsskit.cli.shell;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The exposures a diskshadow session made ({@code expose}): where each shadow is exposed, which of them are
 * of volatile shadows (removed at reset or exit with their shadows; persistent ones stay, as mount points do on
 * Windows). The storage work is the host's ({@link VssHost#exposeShadow}, {@link VssHost#unexposeShadow}).
 */
final class ShadowExposures {

    private final Supplier<VssHost> host;
    private final Map<Path, VssId> exposed = new LinkedHashMap<>();
    private final Set<Path> volatileExposures = new LinkedHashSet<>();

    ShadowExposures(Supplier<VssHost> host) {
        this.host = host;
    }

    /** Whether {@code at} is a place to expose a shadow: an absent or empty folder. */
    static boolean canExposeAt(Path at) {
        return !Files.exists(at) || isEmptyDir(at);
    }

    /**
     * Exposes {@code shadow} at {@code at} (absolute, normalized; see {@link #canExposeAt}); returns the name
     * the host exposed it as.
     */
    String expose(Shadow shadow, Path at) {
        String exposedAs = host.get().exposeShadow(shadow.shadowId(), at);
        exposed.put(at, shadow.shadowId());
        if (!shadow.context().isPersistent()) {
            volatileExposures.add(at);
        }
        return exposedAs;
    }

    /** The shadow this session exposed at {@code at} (absolute, normalized), if any. */
    Optional<VssId> at(Path at) {
        return Optional.ofNullable(exposed.get(at));
    }

    /** Where this session exposed the shadow, if it did. */
    Optional<Path> pathOf(VssId shadowId) {
        return exposed.entrySet().stream().filter(e -> e.getValue().equals(shadowId)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** Removes the exposure at {@code at} (absolute, normalized) and forgets it. */
    void unexpose(Path at) {
        host.get().unexposeShadow(at);
        exposed.remove(at);
        volatileExposures.remove(at);
    }

    /** At reset: the volatile shadows' exposures are removed, the persistent ones stay but are forgotten. */
    void reset() {
        for (Path p : List.copyOf(volatileExposures)) {
            unexpose(p);
        }
        exposed.clear();
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
