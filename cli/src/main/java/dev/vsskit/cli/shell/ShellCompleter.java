package dev.vsskit.cli.shell;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.VssKitCli;
import dev.vsskit.cli.backup.BackupPaths;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion for the shell: commands and options from picocli's model of the vsskit tree, diskshadow's
 * keywords, and known values (volumes, VMs, shadow and set ids, backup and dataset names) read from the host.
 */
final class ShellCompleter implements Completer {

    /** diskshadow's words: what may follow a command word. */
    private static final Map<String, List<String>> DISKSHADOW_NEXT = Map.ofEntries(
            Map.entry("set", List.of("context", "verbose", "metadata")),
            Map.entry("context", List.of("clientaccessible", "persistent", "volatile")),
            Map.entry("persistent", List.of("nowriters")),
            Map.entry("volatile", List.of("nowriters")),
            Map.entry("verbose", List.of("on", "off")),
            Map.entry("add", List.of("volume", "alias")),
            Map.entry("load", List.of("metadata")),
            Map.entry("writer", List.of("verify", "exclude")),
            Map.entry("begin", List.of("backup", "restore")),
            Map.entry("end", List.of("backup", "restore")));

    private final Map<String, String> env;
    private final Supplier<VssHost> host;
    private final Map<String, String> aliases;
    private final CommandSpec root;

    ShellCompleter(CliContext ctx, Map<String, String> aliases) {
        this(ctx.env(), ctx.osName(), ctx.userHome(), ctx::host, aliases);
    }

    ShellCompleter(Map<String, String> env, String osName, Path userHome, Supplier<VssHost> host,
            Map<String, String> aliases) {
        this.env = env;
        this.host = host;
        this.aliases = aliases;
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        this.root = VssKitCli.commandLine(sink, sink, env, osName, userHome).getCommandSpec();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        for (String word : candidates(line.words().subList(0, line.wordIndex()))) {
            candidates.add(new Candidate(word, word, null, null, null, null, true));
        }
    }

    /** The words that may come after {@code before} (the words typed so far, before the cursor's word). */
    List<String> candidates(List<String> before) {
        Set<String> out = new LinkedHashSet<>();
        String prev = before.isEmpty() ? "" : before.get(before.size() - 1).toLowerCase(Locale.ROOT);
        String first = before.isEmpty() ? "" : before.get(0).toLowerCase(Locale.ROOT);
        if (before.isEmpty()) {
            out.addAll(ShellSession.DISKSHADOW);
            out.add("help");
            out.add("exit");
        }
        // diskshadow's own words and values
        if (ShellSession.DISKSHADOW.contains(first) && !first.equals("create")
                || before.size() >= 2 && (first.equals("list") || first.equals("delete"))) {
            List<String> next = DISKSHADOW_NEXT.get(prev);
            if (next != null && (before.size() <= 3)) {
                out.addAll(next);
            }
            switch (prev) {
                case "volume", "oldest" -> out.addAll(safe(this::volumes));
                case "expose", "revert", "id" -> {
                    // a diskshadow value is expected here: only values, never the verb's options
                    return List.copyOf(shadowIdsAndAliases());
                }
                case "set" -> {
                    if (!first.equals("set")) {
                        out.addAll(safe(this::setIds));
                    }
                }
                case "writers" -> {
                    if (first.equals("list")) {
                        out.addAll(List.of("metadata", "detailed", "status"));
                    }
                }
                case "shadows" -> out.addAll(first.equals("list") ? List.of("all", "set", "id")
                        : List.of("all", "volume", "oldest", "set", "id", "exposed"));
                default -> {
                }
            }
        }
        if (first.equals("exit") || ShellSession.isDiskShadowLine(first, before.size())) {
            return List.copyOf(out);
        }
        // vsskit verbs from picocli's model
        CommandSpec spec = root;
        OptionSpec pending = null;
        for (String w : before) {
            CommandLine sub = spec.subcommands().get(w);
            if (sub != null && pending == null) {
                spec = sub.getCommandSpec();
                continue;
            }
            OptionSpec o = spec.findOption(w);
            pending = pending == null && o != null && o.arity().max() > 0 ? o : null;
        }
        if (pending != null) {
            out.addAll(valuesFor(pending));
            return List.copyOf(out);
        }
        for (Map.Entry<String, CommandLine> sub : spec.subcommands().entrySet()) {
            if (!sub.getValue().getCommandSpec().usageMessage().hidden()) {
                out.add(sub.getKey());
            }
        }
        if (spec != root) {
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    for (String n : o.names()) {
                        if (n.startsWith("--")) {
                            out.add(n);
                        }
                    }
                }
            }
        }
        if (!before.isEmpty() && spec == root && !ShellSession.DISKSHADOW.contains(first) && !first.equals("list")
                && !first.equals("delete")) {
            out.removeAll(ShellSession.DISKSHADOW);
            out.remove("exit");
        }
        return List.copyOf(out);
    }

    private List<String> valuesFor(OptionSpec option) {
        String name = option.longestName();
        return switch (name) {
            case "--for" -> safe(this::volumes);
            case "--vm" -> safe(this::vms);
            case "--shadow" -> shadowIdsAndAliases();
            case "--set" -> safe(this::setIds);
            case "--backup" -> safe(() -> backups().stream().map(BackupRecord::name).toList());
            case "--dataset" -> safe(() -> backups().stream().flatMap(r -> r.dataset().stream()).distinct().toList());
            case "--host" -> List.of("lab", "windows");
            case "--output" -> List.of("text", "json", "csv");
            default -> option.completionCandidates() == null ? List.of() : toList(option.completionCandidates());
        };
    }

    private static List<String> toList(Iterable<String> values) {
        List<String> out = new ArrayList<>();
        values.forEach(out::add);
        return out;
    }

    /** Completion must never break the prompt: an unreadable host just offers nothing. */
    private static List<String> safe(Supplier<List<String>> values) {
        try {
            return values.get();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private VssHost host() {
        return host.get();
    }

    private List<String> volumes() {
        return host().volumes().stream().map(Volume::path).toList();
    }

    private List<String> vms() {
        return host().virtualMachineNames();
    }

    private List<String> shadowIdsAndAliases() {
        List<String> out = new ArrayList<>();
        aliases.keySet().stream().sorted().forEach(a -> out.add("%" + a + "%"));
        out.addAll(safe(() -> host().shadows().stream().map(s -> s.shadowId().toString()).toList()));
        return out;
    }

    private List<String> setIds() {
        return host().shadows().stream().map(Shadow::setId).map(Object::toString).distinct().toList();
    }

    private List<BackupRecord> backups() {
        return new BackupCatalog(BackupPaths.catalog(env, host())).list().records();
    }
}
