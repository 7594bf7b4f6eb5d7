package dev.vsskit.cli;

import dev.vsskit.cli.host.ChosenHost;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.cli.render.Banner;
import dev.vsskit.vss.io.Json;
import dev.vsskit.cli.render.OutputFormat;
import dev.vsskit.cli.render.Renderer;
import dev.vsskit.ontap.windows.CredentialNative;
import dev.vsskit.ontap.windows.WindowsCredentials;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.backup.BackupTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a command needs from its surroundings: stdout/stderr, the environment, the global options, the host.
 * One per {@code CommandLine}; commands reach it through {@link VsskitCommand#ctx()}. The host is opened on
 * first use and closed by {@link VssKitCli#execute}.
 */
public final class CliContext {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Map<String, String> env;
    private final String osName;
    private final Path userHome;
    private final GlobalOptions options;
    private ChosenHost host;
    /** The host of the shell this context runs a line for: used, not closed (see {@link #shareHost}). */
    private Supplier<ChosenHost> sharedHost;
    private boolean jsonErrors;
    private List<String> shownWarnings = new ArrayList<>();
    private java.io.InputStream in = System.in;
    private CredentialNative credentialNative;

    CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, String osName, Path userHome,
            GlobalOptions options) {
        this.out = out;
        this.err = err;
        this.env = Collections.unmodifiableMap(env); // a view: copying would walk the environment at start-up
        this.osName = osName;
        this.userHome = userHome;
        this.options = options;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    private StdoutBytes stdoutBytes;

    /** Stdout as bytes when vsskit runs as a process (empty in-process: tests, the shell). */
    public java.util.Optional<StdoutBytes> stdoutBytes() {
        return java.util.Optional.ofNullable(stdoutBytes);
    }

    void stdoutBytes(StdoutBytes bytes) {
        this.stdoutBytes = bytes;
    }

    /** Standard input, for answers to prompts (tests give their own; an empty stream means no answer). */
    public java.io.InputStream in() {
        return in;
    }

    public void in(java.io.InputStream input) {
        this.in = java.util.Objects.requireNonNull(input, "input");
    }

    /**
     * The Windows credential seam (Credential Manager, DPAPI): the real one on Windows, loaded on first use; a usage
     * error elsewhere. Tests give a double with {@link #credentialNative(CredentialNative)}.
     */
    public CredentialNative credentialNative() {
        if (credentialNative == null) {
            if (!Hosts.isWindows(osName)) {
                throw new CliException(ExitCode.USAGE, "the Windows Credential Manager and DPAPI exist only on Windows"
                        + " (this is " + osName + "); use a credential file (mode 600) or VSSKIT_ONTAP_PASSWORD"
                        + " (docs/ontap.md)");
            }
            credentialNative = WindowsCredentials.nativeApi();
        }
        return credentialNative;
    }

    public void credentialNative(CredentialNative nativeApi) {
        this.credentialNative = java.util.Objects.requireNonNull(nativeApi, "nativeApi");
    }

    public Map<String, String> env() {
        return env;
    }

    public String osName() {
        return osName;
    }

    public Path userHome() {
        return userHome;
    }

    public GlobalOptions options() {
        return options;
    }

    /** The time zone text output uses: {@code TZ} from the environment if valid, else the system's. */
    public ZoneId zone() {
        String tz = env.get("TZ");
        if (tz != null && !tz.isBlank()) {
            try {
                return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
            } catch (DateTimeException e) {
                // not a zone id Java knows (e.g. a POSIX rule string): fall back
            }
        }
        return ZoneId.systemDefault();
    }

    /** The host of {@code --host}, opened once (the lab is created on first use of the default folder). */
    public VssHost host() {
        return chosenHost().host();
    }

    /** The host with what goes with it ({@link Hosts#open}), opened once. */
    public ChosenHost chosenHost() {
        if (host == null) {
            host = sharedHost != null ? sharedHost.get() : Hosts.open(this);
            // a shared host's earlier warnings were shown by the commands that met them
            shownWarnings = sharedHost != null ? hostWarnings(host) : new ArrayList<>();
        }
        return host;
    }

    private static List<String> hostWarnings(ChosenHost h) {
        try {
            return new ArrayList<>(h.host().warnings());
        } catch (RuntimeException e) {
            return new ArrayList<>(); // a host that cannot list its warnings has none to show
        }
    }

    /**
     * The host's warnings that came up during this command (a shared host's older ones were shown by the command
     * that met them), on stderr: {@code vsskit: warning: ...}, or in JSON mode one {@code {"warning":{"message":
     * ...}}} object per line (stdout stays pure data). Shown with {@code -q} too: they are not chatter.
     */
    private void showNewWarnings(ChosenHost h) {
        List<String> fresh = hostWarnings(h);
        for (String old : shownWarnings) {
            fresh.remove(old);
        }
        for (String w : fresh) {
            String message = TerminalText.safe(w);
            if (jsonErrors || options.output() == OutputFormat.json) {
                err.println(Json.compact(Map.of("warning", Map.of("message", message))));
            } else {
                err.println("vsskit: warning: " + message);
            }
        }
        err.flush();
    }

    /** A new backup target on the host; empty where this vsskit cannot back up on it. */
    public Optional<BackupTarget> backupTarget() {
        return chosenHost().backupTargets().get();
    }

    /**
     * Makes the commands of this context work on a host the caller keeps open (the shell's, so that a line sees
     * what the session made, non-persistent shadows included); {@link #closeHost} then leaves it open.
     */
    public void shareHost(Supplier<ChosenHost> shellHost) {
        this.sharedHost = java.util.Objects.requireNonNull(shellHost, "shellHost");
    }

    /** A renderer for {@code --output} on stdout, with the banner naming the host. */
    public Renderer renderer() {
        OutputFormat format = options.output();
        Banner banner = new Banner(Version.get(), format == OutputFormat.text ? describeHost() : "");
        return format.renderer(out, banner);
    }

    /**
     * A renderer whose banner names {@code hostDescription} instead of the chosen host: for a command that does
     * not work on it (lab init of another folder, events from a file), so that printing does not open, or on
     * first use create, the default lab.
     */
    public Renderer renderer(String hostDescription) {
        return options.output().renderer(out, new Banner(Version.get(), hostDescription));
    }

    private String describeHost() {
        ChosenHost h = chosenHost();
        return h.host().computerName() + " (" + h.kind() + ")";
    }

    /** A note for people on stderr ("created the default lab ..."); silent with {@code -q}. */
    public void note(String message) {
        if (!options.quiet()) {
            err.println("vsskit: " + TerminalText.safe(message));
            err.flush();
        }
    }

    void jsonErrors(boolean on) {
        jsonErrors = on;
    }

    /**
     * An error on stderr: one line of text, or one JSON object in JSON mode; what it echoes of user input is
     * escaped and cut ({@link TerminalText}).
     */
    public void error(int exitCode, String raw) {
        String message = TerminalText.safe(raw);
        if (jsonErrors || options.output() == OutputFormat.json) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("exitCode", exitCode);
            e.put("exitName", ExitCode.name(exitCode));
            e.put("message", message);
            err.println(Json.compact(Map.of("error", e)));
        } else {
            err.println("vsskit: " + message);
        }
        err.flush();
    }

    /**
     * Reports a failed command as every entry point does (one line, or JSON; the stack trace with {@code -v})
     * and returns its exit code.
     */
    public int fail(Throwable e) {
        int code = Failures.exitCode(e);
        error(code, Failures.message(e));
        if (options.verbose()) {
            e.printStackTrace(err);
            err.flush();
        }
        return code;
    }

    /** Closes the host if this context opened one; a failure to close is reported, not thrown. */
    void closeHost() {
        if (sharedHost != null) {
            if (host != null) {
                showNewWarnings(host);
            }
            host = null; // the shell's: it closes it
        } else if (host != null) {
            try {
                host.host().close();
            } catch (RuntimeException e) {
                error(ExitCode.ERROR, "cannot close the host: " + e.getMessage());
            } finally {
                showNewWarnings(host);
                host = null;
            }
        }
    }
}
