package dev.vsskit.vss.session;

import dev.vsskit.vss.VssId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a writer says about itself at Identify (IVssExamineWriterMetadata): identity and components. */
public record WriterMetadata(String name, VssId writerId, VssId instanceId, List<WriterComponent> components) {
    public WriterMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writerId, "writerId");
        Objects.requireNonNull(instanceId, "instanceId");
        components = List.copyOf(components);
    }

    public Optional<WriterComponent> component(String logicalPath, String componentName) {
        return components.stream()
                .filter(c -> c.logicalPath().equalsIgnoreCase(logicalPath) && c.name().equalsIgnoreCase(componentName))
                .findFirst();
    }
}
