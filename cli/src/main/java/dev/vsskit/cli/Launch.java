package dev.vsskit.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;

/** What the process was started with: stdout and stderr in the console's charset, the environment, the OS. */
record Launch(PrintWriter out, PrintWriter err, Map<String, String> env, String osName, Path userHome,
        StdoutBytes stdoutBytes) {

    /** Without a byte view of stdout (tests: the output goes to a StringWriter). */
    Launch(PrintWriter out, PrintWriter err, Map<String, String> env, String osName, Path userHome) {
        this(out, err, env, osName, userHome, null);
    }

    static Launch current() {
        Charset cs = consoleCharset();
        Map<String, String> env = System.getenv();
        return new Launch(new PrintWriter(new OutputStreamWriter(System.out, cs), true),
                new PrintWriter(new OutputStreamWriter(System.err, cs), true), env,
                System.getProperty("os.name", ""), userHome(env),
                new StdoutBytes(new java.io.FileOutputStream(java.io.FileDescriptor.out), cs));
    }

    /** {@code HOME}, else {@code USERPROFILE}, else Java's {@code user.home}. */
    static Path userHome(Map<String, String> env) {
        return Path.of(env.getOrDefault("HOME", env.getOrDefault("USERPROFILE", System.getProperty("user.home", "."))));
    }

    private static Charset consoleCharset() {
        String name = System.getProperty("sun.stdout.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }
}
