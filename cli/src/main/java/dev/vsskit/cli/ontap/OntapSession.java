package dev.vsskit.cli.ontap;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;
import dev.vsskit.ontap.OntapSnapshotStore;
import dev.vsskit.ontap.SnapshotFileAccess;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The cluster an {@code ontap} command talks to: a configured real cluster, or the lab's simulator (the
 * one {@code vsskit lab ontap serve} runs, else one started in this process for the command).
 */
final class OntapSession implements AutoCloseable {

    private final OntapClient client;
    private final OntapSnapshotStore store;
    private final OntapSimulator ownSimulator;
    private final String where;

    private OntapSession(OntapClient client, SnapshotFileAccess files, OntapSimulator ownSimulator, String where) {
        this.client = client;
        this.store = new OntapSnapshotStore(client, files);
        this.ownSimulator = ownSimulator;
        this.where = where;
    }

    static OntapSession open(CliContext ctx, OntapOptions options) {
        OntapClientListener listener = new OntapClientListener() {
            @Override
            public void warning(String message) {
                ctx.err().println("vsskit: warning: " + message);
                ctx.err().flush();
            }

            @Override
            public void retrying(String request, int attempt, long delayMillis, OntapException cause) {
                if (ctx.options().verbose()) {
                    ctx.note("retrying " + request + " in " + delayMillis + " ms (attempt " + attempt + " failed: "
                            + cause.kind() + ")");
                }
            }
        };
        Path configFile = OntapConfig.configFile(ctx.env(), ctx.osName(), ctx.userHome());
        Optional<OntapConnection> real = OntapConfig.resolve(options, ctx.env(), configFile, ctx.osName(),
                ctx::credentialNative);
        if (real.isPresent()) {
            OntapConnection c = real.get();
            return new OntapSession(new OntapClient(c, listener), SnapshotFileAccess.UNSUPPORTED, null,
                    c.address().toString());
        }
        LabHost lab = ctx.labHost();
        Path dir = lab.dir();
        if (!OntapLab.initialized(dir)) {
            throw new CliException(ExitCode.ERROR, "the lab " + dir + " has no ONTAP simulator state; recreate it"
                    + " with `vsskit lab init --force`");
        }
        try {
            if (Files.exists(OntapLab.addressFile(dir))) {
                URI running = OntapLab.runningAddress(dir);
                OntapClient c = new OntapClient(OntapLab.connection(dir, running)
                        .withRetry(dev.vsskit.ontap.client.RetryPolicy.NONE), listener);
                try {
                    c.cluster();
                    return new OntapSession(new OntapClient(OntapLab.connection(dir, running), listener),
                            OntapLab.snapshotFileAccess(dir), null, running + " (lab simulator)");
                } catch (OntapException e) {
                    if (e.kind() != OntapErrorKind.CONNECTION_REFUSED) {
                        throw e;
                    }
                    // a stale address file: the simulator that wrote it is gone
                }
            }
            OntapSimulator sim = OntapSimulator.start(dir, 0);
            return new OntapSession(new OntapClient(OntapLab.connection(dir, sim.address()), listener),
                    OntapLab.snapshotFileAccess(dir), sim, sim.address() + " (lab simulator)");
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot reach the lab's ONTAP simulator: " + e.getMessage(), e);
        }
    }

    OntapClient client() {
        return client;
    }

    OntapSnapshotStore store() {
        return store;
    }

    String where() {
        return where;
    }

    @Override
    public void close() {
        store.close();
        if (ownSimulator != null) {
            ownSimulator.close();
        }
    }

    /** Runs an ONTAP call, turning its failures into one-line CLI errors (transient ones exit 4). */
    static <T> T call(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (OntapException e) {
            boolean transientFault = switch (e.kind()) {
                case CONNECTION_REFUSED, CONNECTION_RESET, TIMEOUT, SERVER_ERROR, JOB_TIMEOUT -> true;
                default -> false;
            };
            throw new CliException(transientFault ? ExitCode.TRANSIENT : ExitCode.ERROR, e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.ERROR, e.getMessage(), e);
        }
    }

    static boolean isWindows(CliContext ctx) {
        return Hosts.isWindows(ctx.osName());
    }
}
