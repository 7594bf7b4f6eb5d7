package dev.vsskit.vss;

import java.util.Objects;

/**
 * A Cluster Shared Volume as the failover cluster reports it: its path, the node that owns it, and its I/O
 * mode. A CSV left in redirected I/O after a failed backup slows every VM on it until the cluster clears it
 * (about 30 minutes, or ClusterClearBackupStateForSharedVolume). {@code reason} is the cluster's words for
 * why it is redirected, or for what else it reports of the CSV (on Windows, a FaultState such as No Access, or a
 * BackupState In Progress); empty when it reports nothing.
 */
public record ClusterSharedVolume(String path, String ownerNode, IoMode ioMode, String reason) {

    /** CLUSTER_SHARED_VOLUME_STATE_INFO's fault state, as Get-ClusterSharedVolumeState shows it. */
    public enum IoMode {
        DIRECT("Direct"),
        FILE_SYSTEM_REDIRECTED("File system redirected"),
        BLOCK_REDIRECTED("Block redirected");

        private final String text;

        IoMode(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public ClusterSharedVolume {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(ownerNode, "ownerNode");
        Objects.requireNonNull(ioMode, "ioMode");
        Objects.requireNonNull(reason, "reason");
    }
}
