package dev.vsskit.cli.render;

import java.io.PrintWriter;

/** The {@code --output} formats; the one place a format is turned into a renderer. */
public enum OutputFormat {
    text, json, csv,
    /** Event XML: only {@code vsskit events} has it (it prints the events' own XML). */
    xml;

    public Renderer renderer(PrintWriter out, Banner banner) {
        return switch (this) {
            case text -> new TextRenderer(out, banner);
            case json -> new JsonRenderer(out);
            case csv -> new CsvRenderer(out);
            case xml -> throw new dev.vsskit.cli.CliException(dev.vsskit.cli.ExitCode.USAGE,
                    "--output xml is only for `vsskit events`; use text, json or csv here");
        };
    }
}
