package dev.vsskit.cli.ontap;

import dev.vsskit.cli.CliContext;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.OntapConnection;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The real ONTAP cluster configured for this user ({@code VSSKIT_ONTAP_*}, the config file's {@code "ontap"}
 * section, the Credential Manager; see docs/ontap.md), for the Windows backup target. Empty when none is.
 */
public final class ConfiguredCluster {

    private ConfiguredCluster() {
    }

    public static Optional<OntapClient> client(CliContext ctx) {
        Path configFile = OntapConfig.configFile(ctx.env(), ctx.osName(), ctx.userHome());
        Optional<OntapConnection> c = OntapConfig.resolve(new OntapOptions(), ctx.env(), configFile, ctx.osName(),
                ctx::credentialNative);
        return c.map(connection -> new OntapClient(connection, new OntapClientListener() {
            @Override
            public void warning(String message) {
                ctx.note("warning: " + message);
            }
        }));
    }
}
