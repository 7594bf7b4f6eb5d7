package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VssKitCli;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * Runs shell lines: diskshadow's session commands go to {@link DiskShadow}; everything else is a vsskit verb,
 * run through the same factory as the one-shot command ({@link VssKitCli#commandLine}) with the shell's
 * global options, so its output is the same.
 */
final class ShellSession implements AutoCloseable {

    /** What a line asks of the loop. */
    static final int EXIT = Integer.MIN_VALUE;

    /** diskshadow's commands that the shell runs itself (in the order Tab offers them). */
    static final List<String> DISKSHADOW = List.of("set", "add", "writer", "load", "begin", "create", "end",
            "expose", "unexpose", "revert", "reset", "exec");

    /** diskshadow's commands for transportable shadow copies: refused in one line. */
    private static final Set<String> UNSUPPORTED = Set.of("import", "mask", "break");

    /** One line per diskshadow command, as {@code help} lists them (diskshadow's own help does the same). */
    static final Map<String, String> DISKSHADOW_HELP = new java.util.LinkedHashMap<>();

    static {
        DISKSHADOW_HELP.put("set", "set context, options, verbose mode and the metadata file");
        DISKSHADOW_HELP.put("add", "add volumes to the shadow copy set, or aliases");
        DISKSHADOW_HELP.put("writer", "verify that writers are included, or exclude them");
        DISKSHADOW_HELP.put("load", "load a metadata .cab (Backup Components Document) for a restore");
        DISKSHADOW_HELP.put("begin", "begin a full backup or a restore");
        DISKSHADOW_HELP.put("create", "create the shadow copies of the volumes added");
        DISKSHADOW_HELP.put("end", "end the full backup or the restore");
        DISKSHADOW_HELP.put("expose", "expose a persistent shadow copy as a folder");
        DISKSHADOW_HELP.put("unexpose", "remove an exposure");
        DISKSHADOW_HELP.put("revert", "revert a volume to a shadow copy");
        DISKSHADOW_HELP.put("reset", "reset the session (context, volumes, aliases)");
        DISKSHADOW_HELP.put("exec", "run a script file");
        DISKSHADOW_HELP.put("list", "list writers, shadows or providers (also every vsskit list verb)");
        DISKSHADOW_HELP.put("delete", "delete shadows all | volume V | oldest V | set ID | id ID | exposed P");
        DISKSHADOW_HELP.put("help", "this list (also ?); help COMMAND shows a vsskit verb's options");
        DISKSHADOW_HELP.put("exit", "leave the shell (exit code 0, or exit N)");
    }

    private final CliContext ctx;
    private final Map<String, String> aliases = new HashMap<>();
    private final DiskShadow diskShadow;
    /** The code {@code exit} asked for: 0, or N of {@code exit N}. */
    private int exitCode = ExitCode.OK;

    ShellSession(CliContext ctx) {
        this.ctx = ctx;
        this.diskShadow = new DiskShadow(ctx, aliases);
    }

    Map<String, String> aliases() {
        return aliases;
    }

    /** Runs one line; returns its exit code, or {@link #EXIT} for {@code exit}. Blank lines and # comments: OK. */
    int execute(String line) {
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return ExitCode.OK;
        }
        try {
            List<String> words = ShellWords.split(ShellWords.expand(trimmed, aliases));
            if (words.isEmpty()) {
                return ExitCode.OK;
            }
            String first = words.get(0).toLowerCase(Locale.ROOT);
            if (first.equals("vsskit")) {
                words = words.subList(1, words.size());
                if (words.isEmpty()) {
                    return ExitCode.OK;
                }
                first = words.get(0).toLowerCase(Locale.ROOT);
            }
            if (first.equals("exit") || first.equals("quit")) {
                exitCode = exitCode(words);
                return EXIT;
            }
            if (first.equals("help") || first.equals("?") || first.equals("/?")) {
                return help(words.subList(1, words.size()));
            }
            if (isDiskShadowLine(first, words.size())) {
                return diskShadow(first, lower(words));
            }
            if (first.equals("list") && words.size() >= 2) {
                Integer code = diskShadowList(words);
                if (code != null) {
                    return code;
                }
            }
            if (first.equals("delete") && words.size() >= 3 && words.get(1).equalsIgnoreCase("shadows")
                    && !words.get(2).startsWith("-") && !words.get(2).startsWith("/")) {
                Optional<Path> exposure = exposurePath(words);
                int code = runVerb(deleteShadowsArgs(words));
                if (code == ExitCode.OK) {
                    exposure.ifPresent(diskShadow::forgetExposure);
                }
                return code;
            }
            if (first.equals("shell")) {
                throw new CliException(ExitCode.USAGE, "already in the shell; run a script with `exec FILE`");
            }
            if (UNSUPPORTED.contains(first)) {
                throw new CliException(ExitCode.USAGE, first + " is not supported by vsskit (it works on "
                        + "transportable hardware shadow copies, which vsskit does not import); leave it out");
            }
            return runVerb(words);
        } catch (RuntimeException e) {
            // as the one-shot verbs report it: the same one line and exit code (4 for a retryable HRESULT)
            return ctx.fail(e);
        }
    }

    /** The code {@code exit} leaves with: an explicit exit is a success unless it names a code. */
    int exitCode() {
        return exitCode;
    }

    private static int exitCode(List<String> words) {
        if (words.size() == 1) {
            return ExitCode.OK;
        }
        if (words.size() == 2 && words.get(1).matches("\\d{1,3}")) {
            return Integer.parseInt(words.get(1));
        }
        throw new CliException(ExitCode.USAGE, "use `exit` or `exit N` (N a number 0-255)");
    }

    /** {@code help}: diskshadow's commands and vsskit's verbs, one line each; {@code help VERB}: its --help. */
    private int help(List<String> topic) {
        if (!topic.isEmpty()) {
            String t = topic.get(0).toLowerCase(Locale.ROOT);
            if (DISKSHADOW_HELP.containsKey(t) && !t.equals("list") && !t.equals("delete")) {
                ctx.out().println(t + ": " + DISKSHADOW_HELP.get(t));
                ctx.out().flush();
                return ExitCode.OK;
            }
            List<String> args = new ArrayList<>(topic);
            args.add("--help");
            return runVerb(args);
        }
        java.io.PrintWriter out = ctx.out();
        out.println("diskshadow commands:");
        DISKSHADOW_HELP.forEach((k, v) -> out.println(String.format(Locale.ROOT, "   %-10s %s", k, v)));
        out.println();
        out.println("vsskit verbs (the same as on the command line, without `vsskit`):");
        for (Class<?> verb : VssKitCli.VERBS) {
            CommandLine.Command c = verb.getAnnotation(CommandLine.Command.class);
            if (c.name().equals("shell")) {
                continue;
            }
            String d = c.description().length == 0 ? "" : c.description()[0];
            int dot = d.indexOf(". ");
            d = dot > 0 ? d.substring(0, dot + 1) : d;
            out.println(String.format(Locale.ROOT, "   %-10s %s", c.name(), d.length() > 100 ? d.substring(0, 97) + "..." : d));
        }
        out.println();
        out.println("help COMMAND (or COMMAND --help) shows a verb's options; Tab completes.");
        out.flush();
        return ExitCode.OK;
    }

    /** diskshadow keywords are case-insensitive; values (paths, aliases) keep their case. */
    private static List<String> lower(List<String> words) {
        List<String> out = new ArrayList<>(words);
        out.set(0, out.get(0).toLowerCase(Locale.ROOT));
        return out;
    }

    private int diskShadow(String command, List<String> w) {
        switch (command) {
            case "set" -> diskShadow.set(w);
            case "add" -> diskShadow.add(w);
            case "writer" -> diskShadow.writer(w);
            case "begin" -> diskShadow.begin(w);
            case "create" -> diskShadow.create(w);
            case "end" -> diskShadow.end(w);
            case "load" -> diskShadow.load(w);
            case "revert" -> diskShadow.revert(w);
            case "expose" -> diskShadow.expose(w);
            case "unexpose" -> diskShadow.unexpose(w);
            case "reset" -> {
                if (w.size() != 1) {
                    throw new CliException(ExitCode.USAGE, "reset takes no arguments");
                }
                diskShadow.reset();
                aliases.clear();
            }
            case "exec" -> {
                return ExecScript.run(ctx, w, aliases);
            }
            default -> throw new IllegalStateException(command);
        }
        ctx.out().flush();
        return ExitCode.OK;
    }

    /** diskshadow's list forms; null when the line is a vsskit {@code list} verb. */
    private Integer diskShadowList(List<String> w) {
        String what = w.get(1).toLowerCase(Locale.ROOT);
        String arg = w.size() > 2 ? w.get(2).toLowerCase(Locale.ROOT) : "";
        if (what.equals("writers") && (arg.equals("metadata") || arg.equals("detailed"))) {
            checkArgs(w, 3, "list writers [metadata|detailed|status]");
            diskShadow.listWriterMetadata(arg.equals("detailed"));
            return ExitCode.OK;
        }
        if (what.equals("writers") && arg.equals("status")) {
            checkArgs(w, 3, "list writers [metadata|detailed|status]");
            return runVerb(List.of("list", "writers"));
        }
        if (what.equals("shadows") && !arg.isEmpty() && !arg.startsWith("-") && !arg.startsWith("/")) {
            return switch (arg) {
                case "all" -> {
                    checkArgs(w, 3, "list shadows all");
                    yield runVerb(List.of("list", "shadows"));
                }
                case "set" -> {
                    checkArgs(w, 4, "list shadows set SETID");
                    yield runVerb(List.of("list", "shadows", "--set", w.get(3)));
                }
                case "id" -> {
                    checkArgs(w, 4, "list shadows id SHADOWID");
                    yield runVerb(List.of("list", "shadows", "--shadow", w.get(3)));
                }
                default -> throw new CliException(ExitCode.USAGE, "use list shadows all | set SETID | id SHADOWID");
            };
        }
        return null;
    }

    private static void checkArgs(List<String> w, int size, String form) {
        if (w.size() != size) {
            throw new CliException(ExitCode.USAGE, "use `" + form + "`");
        }
    }

    /** diskshadow's {@code delete shadows all|volume V|oldest V|set ID|id ID|exposed PATH} as vsskit's options. */
    private List<String> deleteShadowsArgs(List<String> w) {
        String how = w.get(2).toLowerCase(Locale.ROOT);
        List<String> args = new ArrayList<>(List.of("delete", "shadows"));
        if (how.equals("all")) {
            checkArgs(w, 3, "delete shadows all");
            args.add("--all");
        } else {
            checkArgs(w, 4, "delete shadows all | volume V | oldest V | set SETID | id SHADOWID | exposed PATH");
            String value = w.get(3);
            switch (how) {
                case "volume" -> args.addAll(List.of("--for", value));
                case "oldest" -> args.addAll(List.of("--for", value, "--oldest"));
                case "set" -> args.addAll(List.of("--set", value));
                case "id" -> args.addAll(List.of("--shadow", value));
                case "exposed" -> {
                    String id = diskShadow.exposedAt(Path.of(value)).orElseThrow(() -> new CliException(
                            ExitCode.ERROR, "no shadow copy is exposed at " + value + " in this session")).toString();
                    args.addAll(List.of("--shadow", id)); // the exposure goes once the delete has worked
                }
                default -> throw new CliException(ExitCode.USAGE, "unknown delete shadows '" + w.get(2)
                        + "'; use all, volume, oldest, set, id or exposed");
            }
        }
        args.add("--quiet"); // diskshadow does not ask
        return args;
    }

    /** Whether a line starting with {@code first} (lower case) is diskshadow's: `create shadow` is vsskit's verb. */
    static boolean isDiskShadowLine(String first, int words) {
        return DISKSHADOW.contains(first) && !(first.equals("create") && words > 1);
    }

    /** The folder of {@code delete shadows exposed PATH}, if that is the line. */
    private static Optional<Path> exposurePath(List<String> w) {
        return w.size() == 4 && w.get(2).equalsIgnoreCase("exposed") ? Optional.of(Path.of(w.get(3))) : Optional.empty();
    }

    /**
     * A vsskit verb, as `vsskit <global options of the shell> WORDS` would run it, on the shell's host unless the
     * line names its own {@code --host} or {@code --lab}, or is a {@code lab} verb (which may recreate the lab).
     */
    int runVerb(List<String> words) {
        List<String> args = new ArrayList<>();
        var o = ctx.options();
        o.hostOption().ifPresent(h -> addUnless(args, words, h.text(), "--host"));
        o.lab().ifPresent(l -> addUnless(args, words, l.toString(), "--lab"));
        if (o.output() != null && !has(words, "-o") && !has(words, "--output")) {
            args.add("--output");
            args.add(o.output().name());
        }
        if (o.noColor() && !words.contains("--no-color")) {
            args.add("--no-color");
        }
        if (o.verbose() && !words.contains("-v") && !words.contains("--verbose")) {
            args.add("--verbose");
        }
        if (o.quiet() && !words.contains("-q") && !words.contains("--quiet")) {
            args.add("--quiet");
        }
        args.addAll(words);
        CommandLine cmd = VssKitCli.commandLine(ctx.out(), ctx.err(), ctx.env(), ctx.osName(), ctx.userHome());
        boolean ownHost = has(words, "--host") || has(words, "--lab") || words.get(0).equalsIgnoreCase("lab");
        if (!ownHost) {
            ((VssKitCli) cmd.getCommand()).context().shareHost(ctx::chosenHost);
        }
        int code = VssKitCli.execute(cmd, args.toArray(String[]::new));
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    private static void addUnless(List<String> args, List<String> words, String value, String option) {
        if (!has(words, option)) {
            args.add(option);
            args.add(value);
        }
    }

    /** Whether the line gives {@code option} itself ({@code --lab DIR}, {@code --lab=DIR}, {@code -ojson}). */
    private static boolean has(List<String> words, String option) {
        for (String w : words) {
            if (w.equals(option) || w.startsWith(option + "=") || (option.equals("-o") && w.startsWith("-o"))) {
                return true;
            }
        }
        return false;
    }

    /** Script mode: stops at the first failing line, naming it. */
    int runScript(Path file, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            int code = execute(lines.get(i));
            if (code == EXIT) {
                return exitCode;
            }
            if (code != ExitCode.OK) {
                ctx.error(code, file + " line " + (i + 1) + " failed: " + lines.get(i).strip());
                return code;
            }
        }
        return ExitCode.OK;
    }

    @Override
    public void close() {
        diskShadow.close();
    }
}
