package dev.vsskit.cli.render;

import java.io.PrintWriter;

/** The {@code --output} formats; the one place a format is turned into a renderer. */
public enum OutputFormat {
    text, json, csv,
    /** Event XML: only {@code vsskit events} has it (it prints the events' own XML). */
    xml;

    public Renderer renderer(PrintWriter out, Banner banner) {
        // an if-chain, not a switch: a switch on an enum costs a synthetic class at start-up
        if (this == text) {
            return new TextRenderer(out, banner);
        }
        if (this == json) {
            return new JsonRenderer(out);
        }
        if (this == csv) {
            return new CsvRenderer(out);
        }
        throw new dev.vsskit.cli.CliException(dev.vsskit.cli.ExitCode.USAGE,
                "--output xml is only for `vsskit events`; use text, json or csv here");
    }
}
