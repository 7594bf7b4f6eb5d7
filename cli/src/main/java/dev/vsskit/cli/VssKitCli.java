package dev.vsskit.cli;

import dev.vsskit.cli.completion.CompletionCommand;
import dev.vsskit.cli.lab.LabCommand;
import dev.vsskit.cli.list.ListCommand;
import dev.vsskit.cli.ontap.OntapCommand;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The root command {@code vsskit} and the one factory that wires the command tree for {@link Main} and for
 * tests. Verbs are registered in {@link #VERBS}; the hyphenated spellings ({@code list-providers}, ...) are
 * added as hidden top-level aliases of the {@code list} verbs. To start fast, {@link #run} builds only the
 * verb the arguments name (picocli builds a command's whole subtree when it is added); help, completion and
 * unknown words get the whole tree.
 */
@Command(name = "vsskit",
        versionProvider = VssKitCli.VersionProvider.class,
        usageHelpAutoWidth = true,
        description = {"Volume Shadow Copy toolkit for Hyper-V on NetApp ONTAP: what vssadmin does, plus backup, "
                + "restore and verify. Runs on the embedded lab wherever there is no Windows VSS."})
public final class VssKitCli extends VsskitCommand {

    /** The verbs of {@code vsskit}, in help order. Register a new verb with one line here. */
    public static final List<Class<?>> VERBS = List.of(
            ListCommand.class,
            LabCommand.class,
            CompletionCommand.class,
            dev.vsskit.cli.shadow.CreateCommand.class,
            dev.vsskit.cli.shadow.DeleteCommand.class,
            dev.vsskit.cli.backup.BackupCommand.class,
            dev.vsskit.cli.backup.RestoreCommand.class,
            dev.vsskit.cli.backup.VerifyCommand.class,
            dev.vsskit.cli.backup.DatasetCommand.class,
            dev.vsskit.cli.backup.DoctorCommand.class,
            dev.vsskit.cli.backup.CleanupCommand.class,
            dev.vsskit.cli.backup.TimelineCommand.class,
            OntapCommand.class,
            dev.vsskit.cli.events.EventsCommand.class,
            dev.vsskit.cli.shell.ShellCommand.class);

    /** What {@link #verbOf} returns when the arguments need no verb (only {@code --version}). */
    static final String NO_VERB = "";

    /** Global options that take a value: skipped when looking for the verb in the arguments. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--host", "--lab", "-o", "--output");

    @Mixin
    GlobalOptions options;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    private CliContext context;

    public CliContext context() {
        return context;
    }

    @Override
    protected int run() {
        ctx().error(ExitCode.USAGE, "missing command; see `vsskit --help`");
        return ExitCode.USAGE;
    }

    /** Runs vsskit under picocli with the process's streams and environment and returns the exit code. */
    static int run(String[] args, Launch launch) {
        CommandLine cmd = commandLine(launch.out(), launch.err(), launch.env(), launch.osName(), launch.userHome(),
                verbOf(args));
        ((VssKitCli) cmd.getCommand()).context.stdoutBytes(launch.stdoutBytes());
        return execute(cmd, args);
    }

    /** The command tree, writing to {@code out}/{@code err}, seeing {@code env} as its environment. */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env) {
        return commandLine(out, err, env, System.getProperty("os.name", ""), Launch.userHome(env));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, String osName,
            Path userHome) {
        return commandLine(out, err, env, osName, userHome, null);
    }

    /** With {@code onlyVerb} non-null, the tree holds just that verb (a name or alias from {@link #VERBS}). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, Map<String, String> env, String osName,
            Path userHome, String onlyVerb) {
        VssKitCli root = new VssKitCli();
        CommandLine cmd = new CommandLine(root);
        root.context = new CliContext(out, err, env, osName, userHome, root.options);
        addVerbs(cmd, onlyVerb);
        cmd.setSubcommandsCaseInsensitive(true); // vssadmin takes verbs in any case: vsskit List Shadows
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setUsageHelpLongOptionsMaxWidth(24);
        applyExitCodeList(cmd);
        cmd.setParameterExceptionHandler((ex, args) -> {
            CliContext ctx = root.context;
            String message = usageMessage(ex);
            String path = String.join(" ", commandPath(ex.getCommandLine()));
            String help = path.isEmpty() ? "vsskit --help" : "vsskit " + path + " --help";
            ctx.error(ExitCode.USAGE, message + "; see `" + help + "`");
            return ExitCode.USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, c, parseResult) -> root.context.fail(ex));
        return cmd;
    }

    /** Executes {@code args}: colour from {@code --no-color}/{@code NO_COLOR}, JSON errors, host closed after. */
    public static int execute(CommandLine cmd, String... args) {
        VssKitCli root = cmd.getCommand();
        boolean noColor = root.context.env().containsKey("NO_COLOR") || List.of(args).contains("--no-color");
        cmd.setColorScheme(Help.defaultColorScheme(noColor ? Help.Ansi.OFF : Help.Ansi.AUTO));
        root.context.jsonErrors(ArgScan.wantsJson(args)); // so parse errors are JSON too
        try {
            return cmd.execute(args);
        } finally {
            root.context.closeHost();
        }
    }

    static String usageMessage(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            String what = arg.startsWith("-") ? "unknown option '" + arg + "'" : "unknown command or argument '" + arg + "'";
            List<String> suggestions = u.getSuggestions();
            return suggestions.isEmpty() ? what : what + " (did you mean " + String.join(" or ", suggestions) + "?)";
        }
        return ex.getMessage().replaceAll("\\s+", " ").trim();
    }

    private static List<String> commandPath(CommandLine c) {
        List<String> path = new ArrayList<>();
        for (CommandLine p = c; p != null && p.getParent() != null; p = p.getParent()) {
            path.add(0, p.getCommandName());
        }
        return path;
    }

    /**
     * The verb the arguments name, if it is one of {@link #VERBS} (or a hyphenated {@code list-...} alias) and
     * not a request for help; null means "build the whole tree".
     */
    static String verbOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-V") || a.equals("--version")) {
                return NO_VERB; // the version needs no verb at all
            }
            if (a.equals("-h") || a.equals("--help") || a.equals("/?") || a.equals("--")) {
                return null;
            }
            if (a.startsWith("-")) {
                if (OPTIONS_WITH_VALUE.contains(a)) {
                    i++;
                }
                continue;
            }
            if (a.equals("completion")) {
                return null; // completion scripts describe the whole tree
            }
            for (Class<?> verb : VERBS) {
                Command c = verb.getAnnotation(Command.class);
                String word = a.toLowerCase(java.util.Locale.ROOT);
                if (c.name().equals(word) || List.of(c.aliases()).contains(word)) {
                    return word;
                }
                if (word.startsWith(c.name() + "-") && leafClass(verb, word.substring(c.name().length() + 1)) != null) {
                    return word;
                }
            }
            return null;
        }
        return null;
    }

    private static void addVerbs(CommandLine cmd, String onlyVerb) {
        for (Class<?> verb : VERBS) {
            Command c = verb.getAnnotation(Command.class);
            boolean wanted = onlyVerb == null || c.name().equals(onlyVerb) || List.of(c.aliases()).contains(onlyVerb);
            if (wanted) {
                cmd.addSubcommand(newCommandLine(verb));
            }
        }
        // Hyphenated spellings users type at a prompt: vsskit list-providers == vsskit list providers.
        Command list = ListCommand.class.getAnnotation(Command.class);
        for (Class<?> leaf : list.subcommands()) {
            String name = "list-" + leaf.getAnnotation(Command.class).name();
            if (onlyVerb == null || onlyVerb.equals(name)) {
                CommandLine alias = newCommandLine(leaf);
                alias.getCommandSpec().usageMessage().hidden(true);
                alias.getCommandSpec().aliases(new String[0]); // its own aliases (shadowcopies) stay under list
                cmd.addSubcommand(name, alias);
            }
        }
    }

    private static Class<?> leafClass(Class<?> verb, String name) {
        for (Class<?> leaf : verb.getAnnotation(Command.class).subcommands()) {
            Command c = leaf.getAnnotation(Command.class);
            if (c.name().equals(name)) {
                return leaf;
            }
        }
        return null;
    }

    private static CommandLine newCommandLine(Class<?> commandClass) {
        try {
            return new CommandLine(commandClass.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create command " + commandClass.getName(), e);
        }
    }

    private static void applyExitCodeList(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.table());
        for (CommandLine sub : cmd.getSubcommands().values()) {
            applyExitCodeList(sub);
        }
    }

    /** {@code --version}: vsskit's version, the commit and date of the build, and the Java it runs on. */
    public static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vsskit " + Version.get(),
                "Commit: " + Version.commit(),
                "Built: " + Version.built(),
                "Java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                        + System.getProperty("java.vendor") + ", " + System.getProperty("os.arch") + ") at "
                        + System.getProperty("java.home")};
        }
    }
}
