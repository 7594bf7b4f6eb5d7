package dev.vsskit.cli;

import dev.vsskit.cli.render.OutputFormat;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the verb ({@code vsskit --output json list providers} and
 * {@code vsskit list providers --output json} are the same). Declared once on the root command as an
 * inherited mixin, so every subcommand shares these fields.
 */
public final class GlobalOptions {

    /** Which machine to work on. */
    public enum HostKind { lab, windows }

    @Option(names = {"-h", "--help", "/?"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--host", scope = ScopeType.INHERIT, paramLabel = "lab|windows",
            converter = HostOption.Converter.class, completionCandidates = HostOption.Candidates.class,
            description = "Host to work on: lab (the embedded lab; lab:NODE for a node of its cluster, e.g. "
                    + "lab:HV-LAB-02) or windows (this machine's VSS). Default: windows on Windows, lab elsewhere.")
    HostOption host;

    @Option(names = "--lab", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Lab folder (default: $VSSKIT_LAB, else the user's data folder).")
    Path lab;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "text|json|csv",
            description = "Output format: text (vssadmin layout), json or csv (and xml for `events`). Default: text.")
    OutputFormat output = OutputFormat.text;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colour (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail on stderr (stack traces of errors).")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "No notes on stderr; only data and errors.")
    boolean quiet;

    public Optional<HostKind> host() {
        return Optional.ofNullable(host).map(HostOption::kind);
    }

    /** {@code --host} as given ({@code lab:HV-LAB-02}), to pass on. */
    public Optional<HostOption> hostOption() {
        return Optional.ofNullable(host);
    }

    /** The lab node of {@code --host lab:NODE}. */
    public Optional<String> labNode() {
        return Optional.ofNullable(host).flatMap(HostOption::node);
    }

    public Optional<Path> lab() {
        return Optional.ofNullable(lab);
    }

    public OutputFormat output() {
        return output;
    }

    public boolean noColor() {
        return noColor;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }
}
