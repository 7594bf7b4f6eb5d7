package dev.vsskit.cli;

import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.VssId;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine;

/** Runs vsskit in-process through the same factory as {@code Main}, capturing stdout, stderr and the exit code. */
public final class CliRun {

    public record Result(int exitCode, String out, String err) {
    }

    private CliRun() {
    }

    /** Runs with an environment that has a fake HOME under {@code home} and nothing else unless given. */
    public static Result run(Map<String, String> env, String... args) {
        return run(env, null, args);
    }

    /**
     * Runs on {@code host}, as a Windows host, instead of the one {@code --host} would open (as the shell shares its
     * host): how tests put the COM binding, over the lab served as native COM objects, under the CLI. The caller
     * closes the host.
     */
    public static Result runOn(dev.vsskit.vss.VssHost host, String... args) {
        return run(Map.of(), new dev.vsskit.cli.host.ChosenHost(host, "Windows", java.util.Optional::empty,
                java.util.Optional.empty()), args);
    }

    /**
     * Runs on {@code chosen} (a host with its backup target, as {@code Hosts.open} would choose it) with {@code env}:
     * how tests put the Windows backup target, over the lab served as native objects, under the backup verbs.
     */
    public static Result runOn(dev.vsskit.cli.host.ChosenHost chosen, Map<String, String> env, String... args) {
        return run(env, chosen, args);
    }

    /** The same lazily built tree Main uses (only the verb the arguments name), on {@code chosen} when given. */
    private static Result run(Map<String, String> env, dev.vsskit.cli.host.ChosenHost chosen, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("TZ", "UTC");
        CommandLine cmd = VssKitCli.commandLine(new PrintWriter(out), new PrintWriter(err), e, "Linux",
                Path.of(e.getOrDefault("HOME", "/nonexistent-home")), VssKitCli.verbOf(args));
        if (chosen != null) {
            ((VssKitCli) cmd.getCommand()).context().shareHost(() -> chosen);
        }
        int code = VssKitCli.execute(cmd, args);
        return new Result(code, normalize(out.toString()), normalize(err.toString()));
    }

    public static Result run(String... args) {
        return run(Map.of(), args);
    }

    static String normalize(String s) {
        return s.replace("\r\n", "\n");
    }

    /** A default lab with ids that are the same on every run, so expected output can name them. */
    public static LabConfig fixedConfig() {
        AtomicInteger n = new AtomicInteger();
        return LabInit.defaultConfig(() -> new VssId(
                UUID.nameUUIDFromBytes(("vsskit-test-id-" + n.incrementAndGet()).getBytes(StandardCharsets.UTF_8))));
    }

    public static Path fixedLab(Path dir) {
        return LabInit.create(dir, false, fixedConfig()).dir();
    }

    /** A test resource with {@code @VERSION@} replaced by the build's version. */
    public static String golden(String name) {
        try (InputStream in = CliRun.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource golden/" + name);
            }
            return normalize(new String(in.readAllBytes(), StandardCharsets.UTF_8)).replace("@VERSION@", Version.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
