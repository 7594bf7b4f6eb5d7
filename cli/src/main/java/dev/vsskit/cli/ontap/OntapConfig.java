package dev.vsskit.cli.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.PasswordSource;
import dev.vsskit.ontap.client.TlsTrust;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a real cluster is: options first, then the environment ({@code VSSKIT_ONTAP_*}), then the
 * {@code "ontap"} section of the config file ({@code $VSSKIT_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/vsskit/config.json} or {@code ~/.config/vsskit/config.json}; on Windows
 * {@code %APPDATA%\vsskit\config.json}). Empty when no address is configured: the lab is used then.
 */
final class OntapConfig {

    private OntapConfig() {
    }

    static Path configFile(Map<String, String> env, String osName, Path home) {
        if (env.containsKey("VSSKIT_CONFIG")) {
            return Path.of(env.get("VSSKIT_CONFIG"));
        }
        if (osName.toLowerCase(java.util.Locale.ROOT).startsWith("windows") && env.containsKey("APPDATA")) {
            return Path.of(env.get("APPDATA"), "vsskit", "config.json");
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("vsskit")
                .resolve("config.json");
    }

    static Optional<OntapConnection> resolve(OntapOptions o, Map<String, String> env, Path configFile) {
        JsonNode section = readSection(configFile);
        String address = first(o.cluster, env.get("VSSKIT_ONTAP_ADDRESS"), text(section, "address"));
        if (address == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(address.contains("://") ? address : "https://" + address);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "invalid ONTAP address '" + address + "': use https://host[:port]");
        }
        String user = first(o.user, env.get("VSSKIT_ONTAP_USER"), text(section, "user"));
        PasswordSource password = password(o, env, section);
        TlsTrust trust = trust(o, env, section);
        try {
            return Optional.of(OntapConnection.of(uri, user == null ? "admin" : user, password, trust));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    private static PasswordSource password(OntapOptions o, Map<String, String> env, JsonNode section) {
        if (o.askPassword) {
            return new PasswordSource.Prompt(() -> {
                Console c = System.console();
                if (c == null) {
                    throw new CliException(ExitCode.USAGE, "--ask-password needs a terminal; use --password-env"
                            + " or --credential-file");
                }
                return c.readPassword("ONTAP password: ");
            });
        }
        if (o.credentialFile != null) {
            return new PasswordSource.CredentialFile(o.credentialFile);
        }
        if (o.passwordEnv != null) {
            return new PasswordSource.EnvironmentVariable(o.passwordEnv, env);
        }
        String file = first(env.get("VSSKIT_ONTAP_CREDENTIALS"), text(section, "credentialFile"));
        if (file != null) {
            return new PasswordSource.CredentialFile(Path.of(file));
        }
        String var = first(text(section, "passwordEnv"), "VSSKIT_ONTAP_PASSWORD");
        return new PasswordSource.EnvironmentVariable(var, env);
    }

    private static TlsTrust trust(OntapOptions o, Map<String, String> env, JsonNode section) {
        boolean insecure = o.insecure || "1".equals(env.get("VSSKIT_ONTAP_INSECURE"))
                || "true".equalsIgnoreCase(env.get("VSSKIT_ONTAP_INSECURE")) || section.path("insecure").asBoolean(false);
        if (insecure) {
            return new TlsTrust.Insecure();
        }
        String pin = first(o.pin, env.get("VSSKIT_ONTAP_PIN"), text(section, "pinnedSha256"));
        if (pin != null) {
            try {
                return new TlsTrust.PinnedCertificate(pin);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
        }
        String ca = first(o.caFile == null ? null : o.caFile.toString(), env.get("VSSKIT_ONTAP_CA"),
                text(section, "caFile"));
        return ca != null ? new TlsTrust.CaCertificate(Path.of(ca)) : new TlsTrust.SystemTrustStore();
    }

    private static JsonNode readSection(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return new ObjectMapper().createObjectNode();
        }
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root.has("ontap") && root.path("ontap").has("password")) {
                throw new CliException(ExitCode.USAGE, "the config file " + file + " holds an ONTAP password; remove"
                        + " it and use passwordEnv or credentialFile (see docs/ontap.md)");
            }
            return root.path("ontap");
        } catch (IOException e) {
            throw new CliException(ExitCode.USAGE, "cannot read the config file " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
