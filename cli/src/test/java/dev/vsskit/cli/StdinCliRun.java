package dev.vsskit.cli;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/** Like {@link CliRun}, with the given text as standard input (empty: no stdin). */
public final class StdinCliRun {

    private StdinCliRun() {
    }

    public static CliRun.Result run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>();
        e.put("TZ", "UTC");
        CommandLine cmd = VssKitCli.commandLine(new PrintWriter(out), new PrintWriter(err), e, "Linux",
                Path.of("/nonexistent-home"));
        ((VssKitCli) cmd.getCommand()).context().in(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code = VssKitCli.execute(cmd, args);
        return new CliRun.Result(code, CliRun.normalize(out.toString()), CliRun.normalize(err.toString()));
    }
}
