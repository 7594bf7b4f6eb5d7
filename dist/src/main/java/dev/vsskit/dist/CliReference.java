package dev.vsskit.dist;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The reference part of docs/cli.md, generated from the command model: every visible command with its
 * synopsis, description, aliases, subcommands, options (with defaults) and parameters; the global options and
 * the exit-code table once. {@code CliReferenceTest} fails when docs/cli.md holds anything else between the
 * markers, and rewrites it with {@code -Dvsskit.docs.write=true}.
 */
public final class CliReference {

    static final String BEGIN = "<!-- BEGIN GENERATED REFERENCE";
    static final String END = "<!-- END GENERATED REFERENCE -->";
    static final String REGENERATE = "mvn -B -o -pl dist -am test -Dtest=CliReferenceTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dvsskit.docs.write=true";

    private CliReference() {
    }

    /** The generated section, markers included. */
    public static String markdown(CommandLine root) {
        StringBuilder md = new StringBuilder();
        md.append(BEGIN).append(": made from the command model by dist's CliReference; do not edit by hand.\n")
                .append("     Regenerate: ").append(REGENERATE).append(" -->\n\n");
        md.append("## Reference\n\n");
        md.append("Generated from vsskit's command model, so it lists exactly what the commands accept. Every command "
                + "also takes the global options and ends with the exit codes below; `--help` prints the same.\n\n");
        CommandSpec top = root.getCommandSpec();

        md.append("### Global options\n\n");
        optionTable(md, top.options().stream().filter(o -> !o.hidden()).toList());

        md.append("### Exit codes\n\n| code | meaning |\n|---|---|\n");
        for (Map.Entry<String, String> e : CommandModel.exitCodes(top).entrySet()) {
            md.append("| ").append(e.getKey().trim()).append(" | ").append(cell(e.getValue())).append(" |\n");
        }
        md.append('\n');

        List<CommandSpec> commands = CommandModel.commands(root);
        for (CommandSpec spec : commands.subList(1, commands.size())) {
            command(md, spec);
        }
        md.append(END).append('\n');
        return md.toString();
    }

    private static void command(StringBuilder md, CommandSpec spec) {
        md.append("### `").append(CommandModel.path(spec)).append("`\n\n");
        md.append("```\n").append(CommandModel.synopsis(spec)).append("\n```\n\n");
        String description = CommandModel.description(spec);
        if (!description.isEmpty()) {
            md.append(prose(description)).append("\n\n");
        }
        if (spec.aliases().length > 0) {
            md.append("Also spelled: ");
            String parent = spec.parent().qualifiedName(" ");
            for (int i = 0; i < spec.aliases().length; i++) {
                md.append(i > 0 ? ", " : "").append('`').append(parent).append(' ').append(spec.aliases()[i]).append('`');
            }
            md.append(".\n\n");
        }
        List<CommandSpec> subs = CommandModel.subcommands(spec);
        if (!subs.isEmpty()) {
            md.append("| subcommand | what it does |\n|---|---|\n");
            for (CommandSpec sub : subs) {
                md.append("| `").append(sub.name()).append("` | ")
                        .append(cell(CommandModel.summary(CommandModel.description(sub)))).append(" |\n");
            }
            md.append('\n');
        }
        List<PositionalParamSpec> params = CommandModel.positionals(spec);
        if (!params.isEmpty()) {
            md.append("| parameter | meaning |\n|---|---|\n");
            for (PositionalParamSpec p : params) {
                md.append("| `").append(code(CommandModel.positionalLabel(p))).append("` | ")
                        .append(cell(CommandModel.description(p))).append(" |\n");
            }
            md.append('\n');
        }
        List<OptionSpec> options = CommandModel.ownOptions(spec);
        if (!options.isEmpty()) {
            optionTable(md, options);
        }
    }

    private static void optionTable(StringBuilder md, List<OptionSpec> options) {
        md.append("| option | default | meaning |\n|---|---|---|\n");
        for (OptionSpec o : options) {
            String dflt = CommandModel.defaultValue(o);
            md.append("| `").append(code(CommandModel.optionLabel(o))).append("` | ")
                    .append(dflt.isEmpty() ? "" : "`" + code(dflt) + "`").append(" | ")
                    .append(cell(CommandModel.description(o) + CommandModel.constraints(o))).append(" |\n");
        }
        md.append('\n');
    }

    /** Text for Markdown: a {@code <} would start an HTML tag (and hide {@code <dataset-or-host>}). */
    private static String prose(String text) {
        return text.replace("<", "&lt;");
    }

    /** Prose for a Markdown table cell: pipes escaped, on one line. */
    private static String cell(String text) {
        return code(prose(text));
    }

    /** A code span in a table cell: only pipes escaped (GitHub's tables split cells at them even in code). */
    private static String code(String text) {
        return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    /**
     * {@code doc} with its generated section replaced by {@code section}; a doc without markers gets the
     * section appended at the end.
     */
    public static String replaceSection(String doc, String section) {
        int begin = doc.indexOf(BEGIN);
        int end = doc.indexOf(END);
        if (begin < 0 || end < begin) {
            return doc.endsWith("\n") ? doc + "\n" + section : doc + "\n\n" + section;
        }
        int after = end + END.length();
        if (after < doc.length() && doc.charAt(after) == '\n') {
            after++;
        }
        return doc.substring(0, begin) + section + doc.substring(after);
    }
}
