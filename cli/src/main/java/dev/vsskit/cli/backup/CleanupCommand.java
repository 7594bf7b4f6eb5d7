package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.Durations;
import dev.vsskit.vss.backup.Leftovers;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit cleanup}: what vsskit's backups (and restores) left behind across the layers, each with why. Lists by default;
 * {@code --apply} removes them. Never touches what a catalog record or a running backup still names.
 */
@Command(name = "cleanup", sortOptions = false,
        description = {"List what backups left behind, each with why it is a leftover: shadow copies and ONTAP"
                + " Snapshot copies named for a backup no catalog record names, in-flight notes of backups whose"
                + " process died, failed attempt records older than --failed-older-than, LUN clones of restores"
                + " whose process died (Windows). A dry run unless --apply;"
                + " never touches what a record or a running backup still needs.",
            "Exit codes: 0 listed (or removed) every leftover, 1 one could not be removed, 2 bad input."})
public final class CleanupCommand extends VsskitCommand {

    static final Duration DEFAULT_FAILED_AGE = Duration.ofDays(7);

    @Option(names = "--apply", description = "Remove the leftovers (default: only list them, a dry run).")
    boolean apply;

    @Option(names = "--dry-run", description = "Only list the leftovers (the default).")
    boolean dryRun;

    @Option(names = "--failed-older-than", paramLabel = "DURATION", defaultValue = "7d",
            description = "Failed attempt records that finished longer ago than this are leftovers (7d, 12h, 0s)."
                    + " Default: ${DEFAULT-VALUE}.")
    String failedOlderThan;

    @Override
    protected int run() {
        if (apply && dryRun) {
            throw new CliException(ExitCode.USAGE, "--apply and --dry-run contradict each other; give one");
        }
        Duration age;
        try {
            age = Durations.parse(failedOlderThan);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--failed-older-than: " + e.getMessage(), e);
        }
        BackupTarget target = Targets.open(ctx());
        Leftovers leftovers = DoctorCommand.leftovers(target, BackupPaths.catalog(ctx()), age);
        List<Leftovers.Leftover> found = leftovers.find();
        if (!apply) {
            ctx().renderer().list(LeftoverView.dryRun(ctx().zone()), found.stream()
                    .map(l -> new Leftovers.Outcome(l, false, "would be removed with --apply")).toList());
            return ExitCode.OK;
        }
        List<Leftovers.Outcome> done = leftovers.remove(found);
        ctx().renderer().list(LeftoverView.applied(ctx().zone()), done);
        return done.stream().allMatch(o -> o.removed() || o.detail().startsWith("left alone")) ? ExitCode.OK
                : ExitCode.ERROR;
    }
}
