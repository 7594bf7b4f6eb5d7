package dev.vsskit.vss.session;

import java.util.List;
import java.util.Objects;

/**
 * One component in a writer's metadata (IVssWMComponent): where it sits ({@code logicalPath}), its
 * name and caption, the files it owns (absolute Windows paths), and a note on how the writer backs it
 * up (for the Hyper-V writer: "Online" or "Saved State").
 */
public record WriterComponent(String logicalPath, String name, String caption, List<String> files,
        String backupMethod) {
    public WriterComponent {
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(caption, "caption");
        files = List.copyOf(files);
        Objects.requireNonNull(backupMethod, "backupMethod");
    }

    /** The key requesters use: logical path and name, as AddComponent takes them. */
    public String fullPath() {
        return logicalPath.isEmpty() ? name : logicalPath + "\\" + name;
    }
}
