package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.backup.Dataset;
import dev.vsskit.vss.backup.DatasetName;
import dev.vsskit.vss.backup.DatasetStore;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vsskit dataset create|list|show|delete}: SMHV's datasets, kept in vsskit's config file. */
@Command(name = "dataset", description = "Manage datasets: named groups of VMs backed up together (vsskit backup --dataset).",
        subcommands = {DatasetCommand.Create.class, DatasetCommand.ListDatasets.class, DatasetCommand.Show.class,
            DatasetCommand.Delete.class})
public final class DatasetCommand {

    static DatasetStore store(dev.vsskit.cli.CliContext ctx) {
        return new DatasetStore(BackupPaths.config(ctx));
    }

    static DatasetName name(String text) {
        try {
            return new DatasetName(text);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    @Command(name = "create", description = "Create a dataset.")
    public static final class Create extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "Letters, digits, _ and - only.")
        String name;

        @Option(names = "--vm", required = true, paramLabel = "NAME", description = "A VM of the dataset (repeatable).")
        List<String> vms = new ArrayList<>();

        @Option(names = "--description", paramLabel = "TEXT", defaultValue = "",
                description = "A free-text note kept with the dataset.")
        String description;

        @Override
        protected int run() {
            DatasetName n = name(name);
            List<String> known = Targets.open(ctx()).virtualMachines().stream().map(v -> v.name()).toList();
            List<String> unknown = vms.stream().filter(v -> known.stream().noneMatch(k -> k.equalsIgnoreCase(v))).toList();
            if (!unknown.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "unknown VM " + String.join(", ", unknown) + "; known VMs: "
                        + String.join(", ", known));
            }
            try {
                Dataset d = new Dataset(n, vms, description);
                store(ctx()).create(d);
                ctx().renderer().single(DatasetView.INSTANCE, d);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage(), e);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "List the datasets.")
    public static final class ListDatasets extends VsskitCommand {
        @Override
        protected int run() {
            ctx().renderer().list(DatasetView.INSTANCE, store(ctx()).list());
            return ExitCode.OK;
        }
    }

    @Command(name = "show", description = "Show one dataset.")
    public static final class Show extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The dataset (see `vsskit dataset list`).")
        String name;

        @Override
        protected int run() {
            Dataset d = store(ctx()).find(name(name).value()).orElseThrow(() -> new CliException(ExitCode.USAGE,
                    "unknown dataset '" + name + "'; see `vsskit dataset list`"));
            ctx().renderer().single(DatasetView.INSTANCE, d);
            return ExitCode.OK;
        }
    }

    @Command(name = "delete", description = "Delete a dataset (its backups stay).")
    public static final class Delete extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The dataset (see `vsskit dataset list`).")
        String name;

        @Override
        protected int run() {
            if (!store(ctx()).delete(name(name).value())) {
                throw new CliException(ExitCode.USAGE, "unknown dataset '" + name + "'; see `vsskit dataset list`");
            }
            ctx().note("deleted dataset " + name);
            return ExitCode.OK;
        }
    }
}
