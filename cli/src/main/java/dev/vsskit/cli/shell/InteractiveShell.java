package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.ExitCode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.DumbTerminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

/**
 * The interactive loop: JLine reads lines (history, completion, Ctrl-C cancels the line, Ctrl-D leaves) and
 * {@link ShellSession} runs them. On a real console JLine's system terminal is used (ANSI through jansi-core
 * on Windows); when input is not the console (tests, pipes) a dumb terminal over the context's streams.
 */
final class InteractiveShell {

    static final String PROMPT = "VSSKIT> ";

    private final CliContext ctx;
    private final ShellSession session;

    InteractiveShell(CliContext ctx, ShellSession session) {
        this.ctx = ctx;
        this.session = session;
    }

    int run() {
        try (Terminal terminal = terminal()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .appName("vsskit")
                    .completer(new ShellCompleter(ctx, session.aliases()))
                    .variable(LineReader.HISTORY_FILE, historyFile(ctx))
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true) // '!' is text, not history
                    .build();
            String prompt = prompt(terminal);
            int last = ExitCode.OK;
            try {
                while (true) {
                    String line;
                    try {
                        line = reader.readLine(prompt);
                    } catch (UserInterruptException e) {
                        continue; // Ctrl-C: drop the line, new prompt
                    } catch (EndOfFileException e) {
                        break; // Ctrl-D or end of input
                    }
                    int code = session.execute(line);
                    if (code == ShellSession.EXIT) {
                        last = session.exitCode(); // an explicit exit succeeds (or says its code)
                        break;
                    }
                    last = code;
                }
            } finally {
                reader.getHistory().save();
            }
            return last;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal", e);
        }
    }

    private String prompt(Terminal terminal) {
        boolean colour = !ctx.options().noColor() && !ctx.env().containsKey("NO_COLOR")
                && !Terminal.TYPE_DUMB.equals(terminal.getType()) && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        return colour ? new AttributedString(PROMPT, AttributedStyle.BOLD.foreground(AttributedStyle.CYAN)).toAnsi(terminal)
                : PROMPT;
    }

    private Terminal terminal() throws IOException {
        if (ctx.in() == System.in && System.console() != null) {
            return TerminalBuilder.builder().system(true).name("vsskit").build();
        }
        return new DumbTerminal("vsskit", Terminal.TYPE_DUMB, ctx.in(), new ContextOutput(ctx),
                StandardCharsets.UTF_8);
    }

    /** Where history is kept: beside the default lab, in the user's data folder. */
    static Path historyFile(CliContext ctx) {
        // the default lab's folder, not the one this session uses
        return dev.vsskit.cli.host.Hosts.defaultLabFolder(ctx).getParent().resolve("history");
    }

    /** The dumb terminal's output, into the context's stdout, so prompts and command output stay in order. */
    private static final class ContextOutput extends OutputStream {
        private final CliContext ctx;
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

        ContextOutput(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void write(int b) {
            pending.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
        }

        @Override
        public void flush() {
            ctx.out().print(pending.toString(StandardCharsets.UTF_8));
            pending.reset();
            ctx.out().flush();
        }
    }
}
