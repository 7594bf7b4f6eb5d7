package dev.vsskit.cli.shell;

import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * diskshadow's component selection for a backup with {@code writer exclude}: every component of a writer
 * not excluded whose files all lie on volumes of the shadow copy set is selected (AddComponent, and later
 * SetBackupSucceeded, so a restore finds it); the others are left out, each with diskshadow's line saying
 * why. Also how diskshadow names a writer or component on its command line ({@link #matches}).
 */
final class ComponentSelection {

    /** A component to add with AddComponent. */
    record Selected(VssId instanceId, VssId writerId, String logicalPath, String name) {
    }

    /** The components selected, and diskshadow's lines about those left out, in its order. */
    record Result(List<Selected> selected, List<String> lines) {
    }

    private ComponentSelection() {
    }

    /**
     * @param excluded what {@code writer exclude} named: writers (name or id) and component paths
     * @param inSet the paths of the set's volumes, lower case
     * @param volumes the host's volumes, to find each file's volume
     */
    static Result select(List<WriterMetadata> writers, Collection<String> excluded, Set<String> inSet,
            List<Volume> volumes) {
        List<Selected> selected = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        for (WriterMetadata m : writers) {
            if (excluded.stream().anyMatch(x -> matches(m, x) && !x.startsWith("\\"))) {
                lines.add("Excluding writer \"" + m.name() + "\", because all of its components have been excluded.");
                continue;
            }
            for (WriterComponent c : m.components()) {
                if (excluded.stream().anyMatch(x -> componentPath(c).equalsIgnoreCase(x))) {
                    lines.add("Component \"" + componentPath(c) + "\" from writer \"" + m.name()
                            + "\" is excluded from backup.");
                    continue;
                }
                Optional<String> missing = c.files().stream().map(f -> volumeOfFile(volumes, f))
                        .filter(v -> !inSet.contains(v.toLowerCase(Locale.ROOT))).findFirst();
                if (missing.isPresent()) {
                    lines.add("Component \"" + componentPath(c) + "\" from writer \"" + m.name()
                            + "\" is excluded from backup,");
                    lines.add("because it requires volume " + missing.get() + " which is not in the shadow copy set.");
                    continue;
                }
                selected.add(new Selected(m.instanceId(), m.writerId(), c.logicalPath(), c.name()));
            }
        }
        return new Result(selected, lines);
    }

    /** Whether {@code what} (a writer's name or id, or one of its components' paths) names this writer. */
    static boolean matches(WriterMetadata m, String what) {
        if (what.equalsIgnoreCase(m.name())) {
            return true;
        }
        if (VssId.isValid(what) && VssId.parse(what).equals(m.writerId())) {
            return true;
        }
        return m.components().stream().anyMatch(c -> componentPath(c).equalsIgnoreCase(what));
    }

    /** diskshadow's component path: {@code \LOGICAL\PATH\NAME}. */
    static String componentPath(WriterComponent c) {
        String lp = c.logicalPath().isEmpty() ? "" : "\\" + c.logicalPath();
        return lp + "\\" + c.name();
    }

    /** The volume a file lies on: the longest volume path that prefixes it. */
    private static String volumeOfFile(List<Volume> volumes, String file) {
        return volumes.stream().map(Volume::path)
                .filter(p -> file.toLowerCase(Locale.ROOT).startsWith(p.toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(String::length)).orElse(file);
    }
}
