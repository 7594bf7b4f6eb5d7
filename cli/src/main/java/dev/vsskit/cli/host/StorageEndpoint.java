package dev.vsskit.cli.host;

import dev.vsskit.ontap.SnapshotFileAccess;
import dev.vsskit.ontap.client.OntapClient;
import java.util.Optional;

/**
 * An ONTAP cluster to talk to: its client, how snapshot files are read, what to stop when done (a simulator
 * started for one command) and how to name it in messages.
 */
public record StorageEndpoint(OntapClient client, SnapshotFileAccess files, Optional<Runnable> stop,
        String where) {
}
