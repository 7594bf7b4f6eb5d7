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
    public <T> RowStream<T> stream(RecordView<T> view) {
        return new RowStream<>() {
            boolean any;

            @Override
            public String format(List<T> rows) {
                java.io.StringWriter sw = new java.io.StringWriter(rows.size() * 200);
                view.text(rows, new PrintWriter(sw));
                return sw.toString();
            }

            @Override
            public void write(String formatted) {
                out.write(before());
                out.write(formatted);
            }

            @Override
            public String before() {
                if (any) {
                    return "";
                }
                any = true;
                java.io.StringWriter sw = new java.io.StringWriter();
                PrintWriter pw = new PrintWriter(sw);
                banner.print(pw);
                pw.flush();
                return sw.toString();
            }

            @Override
            public void end() {
                if (!any) {
                    banner.print(out);
                    out.println(NO_ITEMS);
                }
                out.flush();
            }
        };
    }

    @Override
    public <T> void single(RecordView<T> view, T row) {
        banner.print(out);
        view.text(List.of(row), out);
        out.flush();
    }
}
