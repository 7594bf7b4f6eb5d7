package dev.vsskit.cli.ontap;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * How to reach a real cluster, as options (each overrides the environment and the config file; see
 * docs/ontap.md). There is deliberately no password option: a password on a command line leaks into
 * shell history and process lists.
 */
public final class OntapOptions {

    @Option(names = "--cluster", paramLabel = "URL",
            description = "Cluster management address, e.g. https://cluster1.example.com (default: "
                    + "$VSSKIT_ONTAP_ADDRESS, the config file, else the lab's simulator).")
    String cluster;

    @Option(names = "--user", paramLabel = "NAME", description = "ONTAP user (default: $VSSKIT_ONTAP_USER or admin).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from this environment variable (default VSSKIT_ONTAP_PASSWORD).")
    String passwordEnv;

    @Option(names = "--credential-file", paramLabel = "FILE",
            description = "Read the password from this file (mode 600: 'password=...' or a single line).")
    Path credentialFile;

    @Option(names = "--ask-password", description = "Prompt for the password on the terminal.")
    boolean askPassword;

    @Option(names = "--ca-file", paramLabel = "FILE", description = "Trust the cluster certificate signed by this CA (PEM).")
    Path caFile;

    @Option(names = "--pin", paramLabel = "SHA256", description = "Trust exactly the certificate with this SHA-256 fingerprint.")
    String pin;

    @Option(names = "--insecure", description = "Do not verify the cluster's certificate (warns; for tests only).")
    boolean insecure;
}
