package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Splits a shell line into words (double quotes group, as cmd.exe does) and expands {@code %ALIAS%}. */
final class ShellWords {

    private ShellWords() {
    }

    /** The words of {@code line}; an unterminated quote is a usage error. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                inWord = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) {
            throw new CliException(ExitCode.USAGE, "unterminated quote in: " + line + "; close it with \"");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Replaces each {@code %NAME%} whose name (case-insensitive, as Windows environment variables) is an alias;
     * unknown names stay as typed so that a literal percent sign survives.
     */
    static String expand(String line, Map<String, String> aliases) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            int start = line.indexOf('%', i);
            if (start < 0) {
                break;
            }
            int end = line.indexOf('%', start + 1);
            if (end < 0) {
                break;
            }
            String value = aliases.get(line.substring(start + 1, end).toUpperCase(Locale.ROOT));
            if (value == null) {
                out.append(line, i, end);
                i = end;
                continue;
            }
            out.append(line, i, start).append(value);
            i = end + 1;
        }
        out.append(line.substring(i));
        return out.toString();
    }
}
