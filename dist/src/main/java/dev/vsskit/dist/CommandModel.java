package dev.vsskit.dist;

import dev.vsskit.cli.VssKitCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * vsskit's picocli command model as the reference docs, man pages and completion scripts read it: the whole
 * tree (as {@code vsskit --help} builds it), every visible command in help order, each option's own text and
 * default. Everything here depends only on the model, never on the machine, so generated files are the same
 * wherever they are generated.
 */
final class CommandModel {

    private CommandModel() {
    }

    /** The whole command tree, built by vsskit's one factory; it runs nothing. */
    static CommandLine tree() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        return VssKitCli.commandLine(sink, sink, Map.of(), "Linux", Path.of("/nonexistent-home"));
    }

    /** The visible commands, depth first in help order, the root first. */
    static List<CommandSpec> commands(CommandLine root) {
        List<CommandSpec> all = new ArrayList<>();
        collect(root.getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> into) {
        into.add(spec);
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec child = sub.getValue().getCommandSpec();
            // the map holds each command under its name and each alias: keep the name, skip hidden ones
            if (sub.getKey().equals(child.name()) && !child.usageMessage().hidden()) {
                collect(child, into);
            }
        }
    }

    /** Subcommands of {@code spec} that are visible, by name, in help order. */
    static List<CommandSpec> subcommands(CommandSpec spec) {
        List<CommandSpec> subs = new ArrayList<>();
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            CommandSpec child = sub.getValue().getCommandSpec();
            if (sub.getKey().equals(child.name()) && !child.usageMessage().hidden()) {
                subs.add(child);
            }
        }
        return subs;
    }

    /** {@code vsskit list providers}: the command's path from the root. */
    static String path(CommandSpec spec) {
        return spec.qualifiedName(" ");
    }

    /** The options a command declares itself (inherited global options are documented once, at the root). */
    static List<OptionSpec> ownOptions(CommandSpec spec) {
        return spec.options().stream().filter(o -> !o.inherited() && !o.hidden()).toList();
    }

    static List<PositionalParamSpec> positionals(CommandSpec spec) {
        return spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
    }

    /** Required on its own (an option required inside an optional group is required only with the group). */
    static boolean required(OptionSpec o) {
        return o.required() && (o.group() == null || o.group().multiplicity().min() > 0 && !o.group().exclusive());
    }

    /** What the description leaves out: "Required.", or which options it cannot be combined with. */
    static String constraints(OptionSpec o) {
        StringBuilder s = new StringBuilder();
        if (required(o)) {
            s.append(" Required.");
        }
        if (o.group() != null && o.group().exclusive()) {
            List<String> others = o.group().options().stream().filter(x -> x != o).map(OptionSpec::longestName).toList();
            if (!others.isEmpty()) {
                s.append(" Not with ").append(String.join(", ", others)).append('.');
            }
            if (o.group().multiplicity().min() > 0) {
                s.append(" One of ").append(o.longestName()).append(", ").append(String.join(", ", others))
                        .append(" is required.");
            }
        }
        return s.toString();
    }

    /** The description as one line of text (picocli keeps it as a list of lines). */
    static String description(CommandSpec spec) {
        return String.join(" ", spec.usageMessage().description()).trim();
    }

    static String description(CommandLine.Model.ArgSpec arg) {
        return String.join(" ", arg.description()).trim();
    }

    /** First sentence of a description, for one-line summaries (man page NAME, subcommand lists). */
    static String summary(String description) {
        int end = description.indexOf(". ");
        return end > 0 ? description.substring(0, end + 1) : description;
    }

    /** {@code -o, --output=text|json|csv}. */
    static String optionLabel(OptionSpec o) {
        String names = String.join(", ", o.names());
        return o.arity().max() == 0 ? names : names + "=" + o.paramLabel();
    }

    static String positionalLabel(PositionalParamSpec p) {
        String label = p.paramLabel();
        if (p.arity().max() > 1) {
            label += "...";
        }
        return p.arity().min() == 0 ? "[" + label + "]" : label;
    }

    /**
     * The default a user gets: the declared {@code defaultValue}, else the field's initial value when it is a
     * plain value, "off" for a flag, else "" (the description says what happens: such defaults depend on the
     * machine, e.g. the lab folder).
     */
    static String defaultValue(OptionSpec o) {
        if (o.usageHelp() || o.versionHelp()) {
            return "";
        }
        if (o.defaultValue() != null) {
            return o.defaultValue();
        }
        Object initial = o.initialValue();
        if (o.arity().max() == 0) {
            return Boolean.TRUE.equals(initial) ? "on" : "off";
        }
        if (initial instanceof String || initial instanceof Number || initial instanceof Enum<?>) {
            return initial.toString();
        }
        if (initial instanceof Duration d) {
            return d.toString();
        }
        if (initial instanceof Collection<?> c && !c.isEmpty()) {
            return c.toString();
        }
        return "";
    }

    /** {@code vsskit list providers [options]}, with the positional parameters and COMMAND when it has subcommands. */
    static String synopsis(CommandSpec spec) {
        StringBuilder s = new StringBuilder(path(spec));
        for (OptionSpec o : ownOptions(spec)) {
            if (required(o)) {
                s.append(' ').append(o.longestName()).append(o.arity().max() == 0 ? "" : "=" + o.paramLabel());
            }
        }
        s.append(" [options]");
        for (PositionalParamSpec p : positionals(spec)) {
            s.append(' ').append(positionalLabel(p));
        }
        if (!subcommands(spec).isEmpty()) {
            s.append(spec.parent() == null ? " COMMAND" : " SUBCOMMAND");
        }
        return s.toString();
    }

    /** The exit-code table as help prints it (code → "NAME: meaning"). */
    static Map<String, String> exitCodes(CommandSpec spec) {
        return spec.usageMessage().exitCodeList();
    }
}
