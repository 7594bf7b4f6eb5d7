package dev.vsskit.cli.render;

import java.io.PrintWriter;

/** The {@code --output} formats; the one place a format is turned into a renderer. */
public enum OutputFormat {
    text, json, csv;

    public Renderer renderer(PrintWriter out, Banner banner) {
        return switch (this) {
            case text -> new TextRenderer(out, banner);
            case json -> new JsonRenderer(out);
            case csv -> new CsvRenderer(out);
        };
    }
}
