package dev.vsskit.cli.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether this process's stderr is a terminal. Progress goes to stderr, so that is the stream to ask about:
 * {@code System.console()} answers for stdin and stdout instead, and calls a log file a terminal when only
 * stderr is redirected ({@code vsskit backup --all 2>job.log} at a prompt), or a terminal silent when only
 * stdout is ({@code vsskit backup -o json > result.json}).
 */
final class StderrTerminal {

    private StderrTerminal() {
    }

    /** On Linux, from what {@code /proc/self/fd/2} points to; elsewhere, the console as the best guess. */
    static boolean probe() {
        Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd)) {
            try {
                return isTerminalDevice(Files.readSymbolicLink(fd).toString());
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // fall through to the console
            }
        }
        return System.console() != null;
    }

    /** A path a descriptor points to names a terminal: a pseudo-terminal, a virtual console or a serial line. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.matches("/dev/tty[A-Za-z]*[0-9]+") || target.equals("/dev/console");
    }
}
