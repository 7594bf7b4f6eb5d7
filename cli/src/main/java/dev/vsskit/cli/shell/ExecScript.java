package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.host.Hosts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * diskshadow's {@code exec FILE}: runs a command script (cmd.exe on Windows, sh elsewhere) with the session's
 * aliases in its environment, while the shadow copies exist; a non-zero exit fails the line.
 */
final class ExecScript {

    private ExecScript() {
    }

    static int run(CliContext ctx, List<String> words, Map<String, String> aliases) {
        if (words.size() != 2) {
            throw new CliException(ExitCode.USAGE, "exec takes one script file: `exec backup.cmd`");
        }
        Path file = Path.of(words.get(1)).toAbsolutePath();
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.USAGE, "exec: " + file + " not found; give an existing script file");
        }
        boolean windows = Hosts.isWindows(ctx.osName());
        ProcessBuilder pb = windows ? new ProcessBuilder("cmd.exe", "/c", file.toString())
                : new ProcessBuilder("/bin/sh", file.toString());
        pb.redirectErrorStream(true);
        pb.environment().putAll(aliases);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            try (InputStream in = p.getInputStream()) {
                ctx.out().print(new String(in.readAllBytes(), Charset.defaultCharset()));
                ctx.out().flush();
            }
            int code = p.waitFor();
            if (code != 0) {
                throw new CliException(ExitCode.ERROR, "exec " + file + " exited with code " + code);
            }
            return ExitCode.OK;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.ERROR, "interrupted while running " + file);
        }
    }
}
