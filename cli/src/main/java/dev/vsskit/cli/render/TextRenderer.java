package dev.vsskit.cli.render;

import java.io.PrintWriter;
import java.util.List;

/** vssadmin-style text: the banner, then the view's blocks, or vssadmin's message for an empty result. */
public final class TextRenderer implements Renderer {

    public static final String NO_ITEMS = "No items found that satisfy the query.";

    private final PrintWriter out;
    private final Banner banner;

    public TextRenderer(PrintWriter out, Banner banner) {
        this.out = out;
        this.banner = banner;
    }

    @Override
    public <T> void list(RecordView<T> view, List<T> rows) {
        banner.print(out);
        if (rows.isEmpty()) {
            out.println(NO_ITEMS);
        } else {
            view.text(rows, out);
        }
        out.flush();
    }

    @Override
    public <T> void single(RecordView<T> view, T row) {
        banner.print(out);
        view.text(List.of(row), out);
        out.flush();
    }
}
