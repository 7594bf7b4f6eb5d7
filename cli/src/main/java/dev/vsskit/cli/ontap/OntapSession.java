package dev.vsskit.cli.ontap;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.cli.host.StorageEndpoint;
import dev.vsskit.ontap.OntapSnapshotStore;
import dev.vsskit.ontap.SnapshotFileAccess;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.OntapException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The cluster an {@code ontap} command talks to: a configured real cluster, or the lab's simulator (the
 * one {@code vsskit lab ontap serve} runs, else one started in this process for the command).
 */
final class OntapSession implements AutoCloseable {

    private final OntapClient client;
    private final OntapSnapshotStore store;
    private final Runnable stopSimulator;
    private final String where;

    private OntapSession(OntapClient client, SnapshotFileAccess files, Runnable stopSimulator, String where) {
        this.client = client;
        this.store = new OntapSnapshotStore(client, files);
        this.stopSimulator = stopSimulator;
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
        StorageEndpoint lab = Hosts.labStorage(ctx, listener);
        return new OntapSession(lab.client(), lab.files(), lab.stop().orElse(null), lab.where());
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
        if (stopSimulator != null) {
            stopSimulator.run();
        }
    }

    /** Runs an ONTAP call, turning its failures into one-line CLI errors (transient ones exit 4). */
    static <T> T call(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (OntapException e) {
            throw new CliException(dev.vsskit.vss.FailureClasses.retryable(e) ? ExitCode.TRANSIENT : ExitCode.ERROR,
                    e.getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException(ExitCode.ERROR, e.getMessage(), e);
        }
    }

    static boolean isWindows(CliContext ctx) {
        return Hosts.isWindows(ctx.osName());
    }
}
