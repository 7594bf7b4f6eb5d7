package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.SelectedComponent;
import java.util.List;
import java.util.Objects;

/**
 * What a writer is told with each event: the set (NULL before StartSnapshotSet), context, backup type,
 * the volumes in the set, and this writer's selected components (empty when the requester does not
 * select components). From PostSnapshot on, {@code shadows} holds the set's shadow copies, which a writer
 * reaches as {@code CVssWriter::GetSnapshotDeviceName} gives them (its auto-recovery writes into them);
 * empty before.
 */
public record WriterEvent(VssId snapshotSetId, SnapshotContext context, BackupType backupType,
        List<String> volumes, List<SelectedComponent> selectedComponents, List<Shadow> shadows) {
    public WriterEvent {
        Objects.requireNonNull(snapshotSetId, "snapshotSetId");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(backupType, "backupType");
        volumes = List.copyOf(volumes);
        selectedComponents = List.copyOf(selectedComponents);
        shadows = shadows == null ? List.of() : List.copyOf(shadows);
    }

    /** An event before the set's shadow copies exist. */
    public WriterEvent(VssId snapshotSetId, SnapshotContext context, BackupType backupType, List<String> volumes,
            List<SelectedComponent> selectedComponents) {
        this(snapshotSetId, context, backupType, volumes, selectedComponents, List.of());
    }

    /** The same event for other selected components (a writer that forwards it to another). */
    public WriterEvent withComponents(List<SelectedComponent> components) {
        return new WriterEvent(snapshotSetId, context, backupType, volumes, components, shadows);
    }
}
