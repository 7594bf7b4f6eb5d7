package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliRun;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code vsskit shell} in-process. Without a console, the shell reads through a JLine dumb terminal over
 * standard input, so tests feed their keystrokes as System.in for the duration of the run.
 */
final class ShellTestSupport {

    private ShellTestSupport() {
    }

    static synchronized CliRun.Result shell(Path home, Path lab, String keys, String... extra) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)));
        try {
            List<String> args = new ArrayList<>(List.of("--lab", lab.toString(), "shell"));
            args.addAll(List.of(extra));
            return CliRun.run(Map.of("HOME", home.toString()), args.toArray(String[]::new));
        } finally {
            System.setIn(old);
        }
    }

    static CliRun.Result vsskit(Path home, Path lab, String... args) {
        List<String> all = new ArrayList<>(List.of("--lab", lab.toString()));
        all.addAll(List.of(args));
        return CliRun.run(Map.of("HOME", home.toString()), all.toArray(String[]::new));
    }

    /** The id after {@code prefix} in {@code text} (a {...} id as vsskit prints it). */
    static String idAfter(String text, String prefix) {
        int i = text.indexOf(prefix);
        if (i < 0) {
            throw new AssertionError("no '" + prefix + "' in:\n" + text);
        }
        int start = text.indexOf('{', i + prefix.length());
        return text.substring(start, text.indexOf('}', start) + 1);
    }
}
