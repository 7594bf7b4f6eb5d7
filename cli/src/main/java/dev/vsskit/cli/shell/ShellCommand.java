package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit shell}: an interactive session (prompt {@code VSSKIT>}) where every vsskit verb works without
 * the {@code vsskit} prefix, plus diskshadow's session commands; {@code -s FILE} runs a script instead.
 */
@Command(name = "shell", description = {"Interactive vsskit session (prompt VSSKIT>) with diskshadow's commands: "
        + "set context, add volume, begin backup, create, expose, end backup, ...",
    "Every vsskit verb works without the `vsskit` prefix. Tab completes commands, options and known values; "
        + "history is kept in the user's data folder; Ctrl-D or `exit` leaves.",
    "With -s FILE (or /s FILE): run a script, one command per line, # comments; stop at the first failing line."})
public final class ShellCommand extends VsskitCommand {

    @Option(names = {"-s", "/s", "/S", "--script"}, paramLabel = "FILE",
            description = "Run the commands of FILE (one per line, # comments) and exit.")
    Path script;

    @Override
    protected int run() {
        ShellSession session = new ShellSession(ctx());
        try {
            if (script != null) {
                return session.runScript(script, readScript(script));
            }
            return new InteractiveShell(ctx(), session).run();
        } finally {
            session.close();
        }
    }

    static List<String> readScript(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException(ExitCode.USAGE, "script " + file + " not found; give an existing file to -s");
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot read the script " + file + " (" + e.getMessage()
                    + "); check that it is a readable file");
        }
    }
}
