package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.eventlog.EventRecord;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.timeline.Timeline;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit timeline}: one ordered view of a backup job: vsskit's phases of each attempt and the events
 * around them (VSS, the ONTAP provider's 4089/4364, Hyper-V, the lab's), each tagged with the HRESULT class.
 */
@Command(name = "timeline", sortOptions = false,
        description = {"Show everything that happened around a backup, in order: vsskit's phases of each attempt, VSS"
                + " events (8193, 8194, 12289...), the ONTAP provider's 4089 and 4364, Hyper-V's and the lab's events,"
                + " each tagged with its HRESULT and whether it is worth a retry.",
            "Exit codes: 0 shown, 1 the events could not be read, 2 bad input (unknown backup)."})
public final class TimelineCommand extends VsskitCommand {

    @ArgGroup(exclusive = true)
    BackupChoice which;

    @Option(names = "--events", paramLabel = "FILE|DIR",
            description = "Read events from this exported .evtx file or folder. Default: the host's Application log.")
    Path events;

    @Override
    protected int run() {
        BackupCatalog catalog = new BackupCatalog(BackupPaths.catalog(ctx()));
        List<BackupRecord> records = catalog.list().records();
        String name;
        if (BackupChoice.named(which) != null) {
            name = which.backup;
            if (records.stream().noneMatch(r -> Timeline.jobName(r.name()).equals(Timeline.jobName(name)))) {
                throw new CliException(ExitCode.USAGE, "unknown backup '" + name + "'; see `vsskit list backups`");
            }
        } else {
            name = records.stream().max(Comparator.comparing(BackupRecord::started)).map(BackupRecord::name)
                    .orElseThrow(() -> new CliException(ExitCode.ERROR, "the catalog " + catalog.dir()
                            + " holds no backup; take one (vsskit backup) first"));
        }
        List<BackupRecord> attempts = Timeline.attempts(name, records);
        java.time.Instant[] window = Timeline.readWindow(attempts);
        EventSource source = EventSource.of(ctx(), events);
        List<EventRecord> found;
        try {
            found = source.read(window[0], window[1], w -> ctx().note("warning: " + w));
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot read the events of " + source.describe() + ": "
                    + e.getMessage() + "; give an exported log with --events FILE.evtx", e);
        }
        ctx().renderer().single(new TimelineView(ctx().zone()), Timeline.build(Timeline.jobName(name), attempts, found));
        return ExitCode.OK;
    }
}
