package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.SelectedComponent;
import java.util.List;
import java.util.Objects;

/**
 * What a writer is told with each event: the set (NULL before StartSnapshotSet), context, backup type,
 * the volumes in the set, and this writer's selected components (empty when the requester does not
 * select components).
 */
public record WriterEvent(VssId snapshotSetId, SnapshotContext context, BackupType backupType,
        List<String> volumes, List<SelectedComponent> selectedComponents) {
    public WriterEvent {
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(backupType, "backupType");
        volumes = List.copyOf(volumes);
        selectedComponents = List.copyOf(selectedComponents);
    }
}
