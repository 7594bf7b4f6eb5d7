package dev.vsskit.vss.session;

import dev.vsskit.vss.VssId;
import java.util.Objects;

/** A component the requester added to the backup (AddComponent), and whether it reported it backed up. */
public record SelectedComponent(VssId writerId, VssId instanceId, String logicalPath, String name,
        boolean backupSucceeded) {
    public SelectedComponent {
        Objects.requireNonNull(writerId, "writerId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(name, "name");
    }

    public SelectedComponent withBackupSucceeded(boolean succeeded) {
        return new SelectedComponent(writerId, instanceId, logicalPath, name, succeeded);
    }

    public boolean sameComponent(SelectedComponent o) {
        return instanceId.equals(o.instanceId) && writerId.equals(o.writerId)
                && logicalPath.equalsIgnoreCase(o.logicalPath) && name.equalsIgnoreCase(o.name);
    }
}
