package dev.vsskit.dist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Section 1 man pages (troff, the man(7) macros) generated from the command model: {@code vsskit.1} and one
 * page per command, named by its path ({@code vsskit-list-providers.1}).
 */
final class ManPages {

    private ManPages() {
    }

    /** File name → page, for every visible command, in help order. */
    static Map<String, String> pages(CommandLine root, String version, String date) {
        Map<String, String> pages = new LinkedHashMap<>();
        for (CommandSpec spec : CommandModel.commands(root)) {
            pages.put(pageName(spec) + ".1", page(spec, root.getCommandSpec(), version, date));
        }
        return pages;
    }

    static String pageName(CommandSpec spec) {
        return CommandModel.path(spec).replace(' ', '-');
    }

    private static String page(CommandSpec spec, CommandSpec root, String version, String date) {
        StringBuilder m = new StringBuilder();
        String name = pageName(spec);
        m.append(".TH \"").append(name.toUpperCase(java.util.Locale.ROOT)).append("\" \"1\" \"").append(date)
                .append("\" \"vsskit ").append(esc(version)).append("\" \"vsskit Manual\"\n");
        m.append(".SH NAME\n").append(esc(name)).append(" \\- ")
                .append(esc(CommandModel.summary(CommandModel.description(spec)))).append('\n');
        m.append(".SH SYNOPSIS\n.B ").append(esc(CommandModel.synopsis(spec))).append('\n');
        m.append(".SH DESCRIPTION\n").append(text(CommandModel.description(spec))).append('\n');
        if (spec.aliases().length > 0) {
            m.append(".PP\nAlso spelled: ").append(esc(String.join(", ", spec.aliases()))).append(".\n");
        }
        List<CommandSpec> subs = CommandModel.subcommands(spec);
        if (!subs.isEmpty()) {
            m.append(".SH COMMANDS\n");
            for (CommandSpec sub : subs) {
                m.append(".TP\n.B ").append(esc(sub.name())).append('\n')
                        .append(text(CommandModel.summary(CommandModel.description(sub)))).append('\n')
                        .append("See \\fB").append(esc(pageName(sub))).append("\\fR(1).\n");
            }
        }
        List<PositionalParamSpec> params = CommandModel.positionals(spec);
        if (!params.isEmpty()) {
            m.append(".SH PARAMETERS\n");
            for (PositionalParamSpec p : params) {
                m.append(".TP\n.I ").append(esc(CommandModel.positionalLabel(p))).append('\n')
                        .append(text(CommandModel.description(p))).append('\n');
            }
        }
        List<OptionSpec> own = spec.parent() == null
                ? spec.options().stream().filter(o -> !o.hidden()).toList()
                : CommandModel.ownOptions(spec);
        if (!own.isEmpty()) {
            m.append(spec.parent() == null ? ".SH GLOBAL OPTIONS\n" : ".SH OPTIONS\n");
            options(m, own);
        }
        if (spec.parent() != null) {
            m.append(".PP\nThe global options of \\fBvsskit\\fR(1) work here too.\n");
        }
        m.append(".SH EXIT STATUS\n");
        for (Map.Entry<String, String> e : CommandModel.exitCodes(root).entrySet()) {
            m.append(".TP\n.B ").append(esc(e.getKey().trim())).append('\n').append(text(e.getValue())).append('\n');
        }
        m.append(".SH SEE ALSO\n");
        if (spec.parent() == null) {
            m.append("The pages of each command, e.g. \\fBvsskit\\-list\\-providers\\fR(1); docs/cli.md in the release.\n");
        } else {
            m.append("\\fB").append(esc(pageName(spec.parent()))).append("\\fR(1)")
                    .append(spec.parent().parent() == null ? "" : ", \\fBvsskit\\fR(1)").append('\n');
        }
        return m.toString();
    }

    private static void options(StringBuilder m, List<OptionSpec> options) {
        for (OptionSpec o : options) {
            m.append(".TP\n");
            String[] names = o.names();
            for (int i = 0; i < names.length; i++) {
                m.append(i == 0 ? "\\fB" : ", \\fB").append(esc(names[i])).append("\\fR");
            }
            if (o.arity().max() > 0) {
                m.append("=\\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            m.append('\n');
            String dflt = CommandModel.defaultValue(o);
            String text = CommandModel.description(o) + CommandModel.constraints(o)
                    + (dflt.isEmpty() ? "" : " Default: " + dflt + ".");
            m.append(text(text)).append('\n');
        }
    }

    /** A paragraph of text: escaped, and no line may start with a control character. */
    private static String text(String s) {
        String e = esc(s);
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }

    /** troff escapes: backslashes, and hyphens as minus signs (so options copy and paste as typed). */
    static String esc(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }
}
