package dev.vsskit.cli;

/**
 * What an error or note may echo of user input: control characters (ESC, BEL, CR, LF, DEL, C1) and
 * bidirectional overrides are shown escaped ({@code \x1b}, {@code \u202e}), so no input can drive the
 * terminal or break the one-line message, and a run of more than {@value #MAX_RUN} characters without a
 * space (a 10,000-character name) is cut, saying how long it was.
 */
public final class TerminalText {

    static final int MAX_RUN = 200;
    static final int KEEP = 120;

    private TerminalText() {
    }

    public static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 4096));
        int run = 0;
        int runStart = 0;
        int i = 0;
        while (i < text.length()) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == ' ') {
                out.append(' ');
                run = 0;
                continue;
            }
            if (run == 0) {
                runStart = i - Character.charCount(c);
            }
            run++;
            if (run == KEEP + 1) {
                int end = runEnd(text, runStart);
                int length = text.codePointCount(runStart, end);
                if (length > MAX_RUN) {
                    out.append("...(").append(length).append(" characters)");
                    i = end;
                    continue;
                }
            }
            escape(c, out);
        }
        return out.toString();
    }

    private static int runEnd(String text, int from) {
        int sp = text.indexOf(' ', from);
        return sp < 0 ? text.length() : sp;
    }

    private static void escape(int c, StringBuilder out) {
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            out.append(String.format("\\x%02x", c));
        } else if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f) {
            out.append(String.format("\\u%04x", c));
        } else {
            out.appendCodePoint(c);
        }
    }
}
