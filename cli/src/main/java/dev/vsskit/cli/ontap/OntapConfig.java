package dev.vsskit.cli.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.PasswordSource;
import dev.vsskit.ontap.client.TlsTrust;
import dev.vsskit.ontap.windows.CredentialManager;
import dev.vsskit.ontap.windows.CredentialManagerSource;
import dev.vsskit.ontap.windows.CredentialNative;
import dev.vsskit.ontap.windows.WindowsCredentials;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a real cluster is and where its password comes from: options first, then the environment
 * ({@code VSSKIT_ONTAP_*}), then the {@code "ontap"} section of the config file, then (on Windows) the
 * Credential Manager entry {@code vsskit:ontap/HOST}; see docs/ontap.md. The config file is {@code $VSSKIT_CONFIG}, else
 * {@code $XDG_CONFIG_HOME/vsskit/config.json} or {@code ~/.config/vsskit/config.json}; on Windows
 * {@code %APPDATA%\vsskit\config.json}. Empty when no address is configured: the lab is used then.
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

    /**
     * The configured cluster, or empty for the lab. On Windows ({@code osName}) the password may also come from
     * the Credential Manager or a DPAPI-protected Export-Clixml file, read through {@code nativeApi}.
     */
    static Optional<OntapConnection> resolve(OntapOptions o, Map<String, String> env, Path configFile, String osName,
            Supplier<CredentialNative> nativeApi) {
        JsonNode section = readSection(configFile);
        Optional<URI> address = address(o.cluster, env, section);
        if (address.isEmpty()) {
            return Optional.empty();
        }
        URI uri = address.get();
        PasswordSource password = password(o, env, section, uri, osName, nativeApi);
        String user = first(o.user, env.get("VSSKIT_ONTAP_USER"), text(section, "user"));
        if (user == null) {
            user = storedUser(password);
        }
        TlsTrust trust = trust(o, env, section);
        try {
            return Optional.of(OntapConnection.of(uri, user == null ? "admin" : user, password, trust));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /** The cluster's address from {@code option}, {@code VSSKIT_ONTAP_ADDRESS} or the config file. */
    static Optional<URI> address(String option, Map<String, String> env, Path configFile) {
        return address(option, env, readSection(configFile));
    }

    /** The ONTAP user from {@code option}, {@code VSSKIT_ONTAP_USER} or the config file; null when none is set. */
    static String user(String option, Map<String, String> env, Path configFile) {
        return first(option, env.get("VSSKIT_ONTAP_USER"), text(readSection(configFile), "user"));
    }

    private static Optional<URI> address(String option, Map<String, String> env, JsonNode section) {
        String address = first(option, env.get("VSSKIT_ONTAP_ADDRESS"), text(section, "address"));
        if (address == null) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(address.contains("://") ? address : "https://" + address);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
            return Optional.of(uri);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "invalid ONTAP address '" + address + "': use https://host[:port]");
        }
    }

    /** The user stored with the password (Credential Manager, Export-Clixml, user= line), null when none. */
    private static String storedUser(PasswordSource password) {
        try {
            String u = password.user();
            return u == null || u.isBlank() ? null : u;
        } catch (IllegalStateException e) {
            return null; // reading the password reports the same problem, in its place
        }
    }

    private static PasswordSource password(OntapOptions o, Map<String, String> env, JsonNode section, URI address,
            String osName, Supplier<CredentialNative> nativeApi) {
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
            return fileSource(o.credentialFile, osName, nativeApi);
        }
        if (o.passwordEnv != null) {
            return new PasswordSource.EnvironmentVariable(o.passwordEnv, env);
        }
        String file = first(env.get("VSSKIT_ONTAP_CREDENTIALS"), text(section, "credentialFile"));
        if (file != null) {
            return fileSource(Path.of(file), osName, nativeApi);
        }
        String configured = text(section, "passwordEnv");
        if (configured != null) {
            return new PasswordSource.EnvironmentVariable(configured, env);
        }
        if (WindowsCredentials.isWindows(osName)) {
            // the Windows way first: the Credential Manager entry of this cluster, unless only the variable is set
            CredentialManagerSource stored = new CredentialManagerSource(CredentialManager.target(address),
                    nativeApi.get());
            boolean variableSet = env.get("VSSKIT_ONTAP_PASSWORD") != null && !env.get("VSSKIT_ONTAP_PASSWORD").isEmpty();
            if (!variableSet || holds(stored)) {
                return stored;
            }
        }
        return new PasswordSource.EnvironmentVariable("VSSKIT_ONTAP_PASSWORD", env);
    }

    /** Whether the Credential Manager holds the entry; one that cannot be read leaves the variable to be used. */
    private static boolean holds(CredentialManagerSource stored) {
        try {
            return new CredentialManager(stored.nativeApi()).find(stored.target()).isPresent();
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static PasswordSource fileSource(Path file, String osName, Supplier<CredentialNative> nativeApi) {
        try {
            return WindowsCredentials.fileSource(file, nativeApi, osName);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
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
