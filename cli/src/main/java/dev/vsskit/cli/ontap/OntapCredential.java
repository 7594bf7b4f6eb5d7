package dev.vsskit.cli.ontap;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.ontap.windows.CredentialManager;
import dev.vsskit.ontap.windows.CredentialManagerSource;
import dev.vsskit.ontap.windows.CredentialNative;
import dev.vsskit.ontap.windows.Dpapi;
import dev.vsskit.ontap.windows.DpapiCredentialFile;
import dev.vsskit.ontap.windows.PsCredentialXml;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vsskit ontap credential set|show|delete}: the ONTAP password in the Windows Credential Manager (generic
 * credential {@code vsskit:ontap/HOST}) or, with {@code --clixml}, in a DPAPI-protected Export-Clixml file. The
 * password is typed at a prompt (or piped on standard input) and never printed.
 */
@Command(name = "credential", description = "Keep the ONTAP password where Windows keeps secrets: the Credential"
        + " Manager (target vsskit:ontap/HOST), or a DPAPI-protected Export-Clixml file. Windows only.",
        subcommands = {OntapCredential.SetCmd.class, OntapCredential.ShowCmd.class, OntapCredential.DeleteCmd.class})
public final class OntapCredential {

    private OntapCredential() {
    }

    /** The cluster a credential verb is about: {@code --cluster}, else the configured address. */
    public static final class ClusterOption {
        @Option(names = "--cluster", paramLabel = "URL", description = "The cluster (default: $VSSKIT_ONTAP_ADDRESS or"
                + " the config file).")
        String cluster;

        /** Its Credential Manager target, {@code vsskit:ontap/HOST}. */
        String target(CliContext ctx) {
            Path config = OntapConfig.configFile(ctx.env(), ctx.osName(), ctx.userHome());
            URI address = OntapConfig.address(cluster, ctx.env(), config).orElseThrow(() -> new CliException(
                    ExitCode.USAGE, "no ONTAP cluster named: give --cluster https://HOST (or set VSSKIT_ONTAP_ADDRESS"
                            + " or the config file's ontap.address)"));
            return CredentialManager.target(address);
        }
    }

    static String storeName(CredentialNative nativeApi) {
        return "Windows Credential Manager of " + nativeApi.currentUser();
    }

    static String fileStoreName(CredentialNative nativeApi) {
        return "DPAPI-protected file (Export-Clixml) of " + nativeApi.currentUser() + " on this computer";
    }

    /** Runs a credential call, turning its refusals into one-line errors. */
    static <T> T refusing(java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new CliException(ExitCode.ERROR, e.getMessage(), e);
        }
    }

    @Command(name = "set", description = "Store the ONTAP user and password (asked for at the prompt, or read from"
            + " standard input when it is not a terminal) in the Windows Credential Manager of the current user, or"
            + " with --clixml in an Export-Clixml file only this user on this computer can decrypt.")
    public static final class SetCmd extends VsskitCommand {
        @Mixin
        ClusterOption cluster;

        @Option(names = "--user", paramLabel = "NAME", description = "ONTAP user (default: $VSSKIT_ONTAP_USER, the"
                + " config file, else admin).")
        String user;

        @Option(names = "--clixml", paramLabel = "FILE", description = "Write a DPAPI-protected PSCredential file"
                + " (what Get-Credential | Export-Clixml writes) instead of using the Credential Manager.")
        Path clixml;

        @Override
        protected int run() {
            CliContext ctx = ctx();
            CredentialNative nativeApi = ctx.credentialNative();
            String target = cluster.target(ctx);
            String name = OntapConfig.user(user, ctx.env(), OntapConfig.configFile(ctx.env(), ctx.osName(),
                    ctx.userHome()));
            String who = name == null ? "admin" : name;
            char[] password = readPassword(ctx, who + "@" + target.substring(CredentialManager.TARGET_PREFIX.length()));
            try {
                if (clixml != null) {
                    byte[] plain = Dpapi.utf16leBytes(password);
                    byte[] blob;
                    try {
                        blob = refusing(() -> new Dpapi(nativeApi).protect(plain));
                    } finally {
                        Dpapi.wipe(plain);
                    }
                    try {
                        Files.write(clixml, PsCredentialXml.write(who, blob));
                    } catch (IOException e) {
                        throw new CliException(ExitCode.ERROR, "cannot write " + clixml + ": " + e.getMessage(), e);
                    }
                    ctx.renderer().single(CredentialViews.CREDENTIAL, new CredentialViews.Credential(
                            clixml.toString(), fileStoreName(nativeApi), who, "stored"));
                } else {
                    refusing(() -> {
                        new CredentialManager(nativeApi).store(target, who, password);
                        return null;
                    });
                    ctx.renderer().single(CredentialViews.CREDENTIAL, new CredentialViews.Credential(target,
                            storeName(nativeApi), who, "stored"));
                }
            } finally {
                Arrays.fill(password, '\0');
            }
            return ExitCode.OK;
        }

        /** At a terminal: asked twice, without echo. Otherwise: the first line of standard input. */
        private static char[] readPassword(CliContext ctx, String forWhom) {
            Console console = System.console();
            if (ctx.in() == System.in && console != null) {
                char[] first = console.readPassword("ONTAP password for %s: ", forWhom);
                char[] again = console.readPassword("Again: ");
                try {
                    if (first == null || again == null || !Arrays.equals(first, again)) {
                        throw new CliException(ExitCode.USAGE, "the two passwords differ; nothing was stored");
                    }
                    if (first.length == 0) {
                        throw new CliException(ExitCode.USAGE, "no password was entered; nothing was stored");
                    }
                    return first.clone();
                } finally {
                    if (first != null) {
                        Arrays.fill(first, '\0');
                    }
                    if (again != null) {
                        Arrays.fill(again, '\0');
                    }
                }
            }
            char[] buf = new char[512];
            int n = 0;
            try {
                Reader r = new InputStreamReader(ctx.in(), StandardCharsets.UTF_8);
                int c;
                while ((c = r.read()) >= 0 && c != '\n' && n < buf.length) {
                    buf[n++] = (char) c;
                }
            } catch (IOException e) {
                throw new CliException(ExitCode.ERROR, "cannot read the password from standard input: " + e.getMessage());
            }
            if (n > 0 && buf[n - 1] == '\r') {
                n--;
            }
            char[] p = Arrays.copyOf(buf, n);
            Arrays.fill(buf, '\0');
            if (p.length == 0) {
                throw new CliException(ExitCode.USAGE, "no password given: run `vsskit ontap credential set` at a"
                        + " terminal, or pipe the password into it; nothing was stored");
            }
            return p;
        }
    }

    @Command(name = "show", description = "Say whether the Credential Manager (or --clixml FILE) holds the ONTAP"
            + " password of the cluster, and for which user; never shows the password.")
    public static final class ShowCmd extends VsskitCommand {
        @Mixin
        ClusterOption cluster;

        @Option(names = "--clixml", paramLabel = "FILE", description = "Check this Export-Clixml file instead: its"
                + " user, and that this account can decrypt it.")
        Path clixml;

        @Override
        protected int run() {
            CliContext ctx = ctx();
            CredentialNative nativeApi = ctx.credentialNative();
            if (clixml != null) {
                DpapiCredentialFile file = new DpapiCredentialFile(clixml, nativeApi);
                String who = refusing(() -> {
                    Arrays.fill(file.password(), '\0'); // proves this account can decrypt it
                    return file.user();
                });
                ctx.renderer().single(CredentialViews.CREDENTIAL, new CredentialViews.Credential(clixml.toString(),
                        fileStoreName(nativeApi), who, "stored"));
                return ExitCode.OK;
            }
            String target = cluster.target(ctx);
            String who = refusing(() -> new CredentialManagerSource(target, nativeApi).user());
            ctx.renderer().single(CredentialViews.CREDENTIAL, new CredentialViews.Credential(target, storeName(nativeApi),
                    who, "stored"));
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete the cluster's ONTAP password from the Windows Credential Manager.")
    public static final class DeleteCmd extends VsskitCommand {
        @Mixin
        ClusterOption cluster;

        @Override
        protected int run() {
            CliContext ctx = ctx();
            CredentialNative nativeApi = ctx.credentialNative();
            String target = cluster.target(ctx);
            CredentialManager vault = new CredentialManager(nativeApi);
            CredentialManager.Entry e = refusing(() -> vault.find(target)).orElseThrow(() -> new CliException(
                    ExitCode.ERROR, "the " + storeName(nativeApi) + " holds no " + target + "; nothing was deleted"));
            refusing(() -> vault.delete(target));
            ctx.renderer().single(CredentialViews.CREDENTIAL, new CredentialViews.Credential(target, storeName(nativeApi),
                    e.user(), "deleted"));
            return ExitCode.OK;
        }
    }
}
