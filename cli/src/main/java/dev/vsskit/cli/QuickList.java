package dev.vsskit.cli;

import dev.vsskit.cli.list.ListProviders;
import dev.vsskit.cli.list.ListShadowStorage;
import dev.vsskit.cli.list.ListShadows;
import dev.vsskit.cli.list.ListVolumes;
import dev.vsskit.cli.list.ListWriters;
import dev.vsskit.cli.render.OutputFormat;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Start-up fast path: runs the plain {@code list} verbs ({@code vsskit list providers}, {@code list-writers -o
 * json}, {@code list backups}, ...) without building picocli's command model, which costs several times the JVM's own start.
 *
 * <p>It runs the same picocli command classes, and accepts only a small grammar whose meaning under picocli
 * is certain: the verb, its leaf, and the global options {@code --host}, {@code --lab}, {@code -o/--output}
 * (as {@code --x VALUE} or {@code --x=VALUE}), {@code --no-color}, {@code -v}, {@code -q}, each at most once.
 * Anything else (help, a leaf's own options, a repeated option, a value picocli would refuse) returns
 * {@link #NOT_HANDLED} and goes to picocli, which then parses, explains errors and prints help as always.
 * {@code QuickListTest} runs every accepted form both ways and requires the same output and exit code.
 */
final class QuickList {

    /** What {@link #run} returns when the arguments are not in its grammar. */
    static final int NOT_HANDLED = -1;

    private QuickList() {
    }

    /** Runs {@code args} if they are in the grammar and returns the exit code, else {@link #NOT_HANDLED}. */
    static int run(String[] args, Launch launch) {
        GlobalOptions options = new GlobalOptions();
        String leaf = parse(args, options);
        if (leaf == null) {
            return NOT_HANDLED;
        }
        CliContext ctx = new CliContext(launch.out(), launch.err(), launch.env(), launch.osName(), launch.userHome(),
                options);
        int code;
        try {
            code = ((VsskitCommand) command(leaf)).bind(ctx).run();
        } catch (Exception e) {
            code = ctx.fail(e);
        } finally {
            ctx.closeHost();
        }
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    /** The leaf the arguments name with the options filled in, or null when picocli must handle them. */
    static String parse(String[] args, GlobalOptions options) {
        String leaf = null;
        boolean sawList = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String name = eq > 0 ? a.substring(0, eq) : a;
            String option = canonical(name);
            if (option != null) {
                if (!seen.add(option)) {
                    return null; // picocli: "should be specified only once"
                }
                String value = eq > 0 ? a.substring(eq + 1) : null;
                if (takesValue(option)) {
                    if (value == null && i + 1 < args.length) {
                        value = args[++i];
                    }
                    if (!set(options, option, value)) {
                        return null;
                    }
                } else if (value != null) {
                    return null;
                } else {
                    setFlag(options, option);
                }
            } else if (leaf != null || a.startsWith("-")) {
                return null;
            } else if (sawList) {
                leaf = leaf(a, true);
                if (leaf == null) {
                    return null;
                }
            } else if (a.equals("list")) {
                sawList = true;
            } else if (a.startsWith("list-") && (leaf = leaf(a.substring("list-".length()), false)) != null) {
                sawList = true;
            } else {
                return null;
            }
        }
        return leaf;
    }

    /** The long name of a global option this grammar accepts, or null. */
    private static String canonical(String name) {
        return switch (name) {
            case "--host" -> "--host";
            case "--lab" -> "--lab";
            case "-o", "--output" -> "--output";
            case "--no-color" -> "--no-color";
            case "-v", "--verbose" -> "--verbose";
            case "-q", "--quiet" -> "--quiet";
            default -> null;
        };
    }

    private static boolean takesValue(String option) {
        return option.equals("--host") || option.equals("--lab") || option.equals("--output");
    }

    private static void setFlag(GlobalOptions options, String option) {
        switch (option) {
            case "--no-color" -> options.noColor = true;
            case "--verbose" -> options.verbose = true;
            default -> options.quiet = true;
        }
    }

    /** Sets a valued option; false (picocli's turn, with its error message) for a value it would refuse. */
    private static boolean set(GlobalOptions options, String option, String value) {
        if (value == null || value.isEmpty() || value.startsWith("-")) {
            return false;
        }
        return switch (option) {
            case "--host" -> setHost(options, value);
            case "--lab" -> setLab(options, value);
            default -> setOutput(options, value);
        };
    }

    /** The leaf's name if it is one of the plain list leaves ({@link #command} knows them), else null. */
    private static String leaf(String name, boolean underList) {
        if (underList && name.equals("shadowcopies")) {
            return "shadows"; // an alias of `list shadows`, not spelled list-shadowcopies
        }
        return command(name) != null ? name : null;
    }

    /**
     * The command of a plain list leaf, or null: one that takes no options of its own when given none (its own
     * options go to picocli). A string switch, not an enum or constructor references: each costs a class or a
     * method handle at start-up. Typed as {@link Callable}, an interface, so that verifying this method loads
     * none of the five classes (a class return type would make the verifier load each to check its
     * superclass); only the named one is loaded.
     */
    static Callable<Integer> command(String leaf) {
        return switch (leaf) {
            case "providers" -> new ListProviders();
            case "writers" -> new ListWriters();
            case "shadows" -> new ListShadows();
            case "volumes" -> new ListVolumes();
            case "shadowstorage" -> new ListShadowStorage();
            case "backups" -> new dev.vsskit.cli.backup.ListBackups(); // without --dataset/--vm (picocli's)
            default -> null;
        };
    }

    private static boolean setHost(GlobalOptions options, String value) {
        HostOption h = HostOption.parse(value);
        options.host = h;
        return h != null;
    }

    private static boolean setLab(GlobalOptions options, String value) {
        try {
            options.lab = Path.of(value);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static boolean setOutput(GlobalOptions options, String value) {
        String v = value.toLowerCase(Locale.ROOT);
        // xml is only for `events`: picocli's path says so
        if (v.equals("text") || v.equals("json") || v.equals("csv")) {
            options.output = OutputFormat.valueOf(v);
            return true;
        }
        return false;
    }
}
