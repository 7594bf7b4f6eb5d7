package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.eventlog.EventLogFiles;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.verify.BackupVerifier;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.disk.DeepVerifier;
import dev.vsskit.vss.verify.disk.SnapshotAccess;
import dev.vsskit.vss.verify.CommitEvent;
import dev.vsskit.vss.verify.JUnitReportWriter;
import dev.vsskit.vss.verify.VerificationReport;
import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit verify}: proves from the backup record, the storage and the event log that the ONTAP VSS
 * hardware provider committed the backup's snapshot set within the VSS window. Runs on Linux against an
 * exported .evtx and a copied catalog with {@code --events FILE --catalog DIR}, without the lab.
 */
@Command(name = "verify", sortOptions = false,
        description = {"Verify a backup: the record succeeded, its snapshots exist, the hardware provider took the"
                + " ONTAP volumes, a provider event 4089 (Navssprv or Navsssv) names its snapshot set within the"
                + " commit limit, there is no 4364, and every writer ended stable.",
            "With --deep, also checks each VM's disks inside the snapshot (see docs/backup.md).",
            "Exit codes: 0 every check passed, 3 a check failed, 1 the backup or events could not be read, 2 bad input."})
public final class VerifyCommand extends VsskitCommand {

    @ArgGroup(exclusive = true)
    BackupChoice which;

    @Option(names = "--events", paramLabel = "live|FILE|DIR",
            description = "Where the provider events are: the live Application log (Windows), an exported .evtx, or a"
                    + " folder of them. Default: the lab's Application.evtx, or live on Windows.")
    String events;

    @Option(names = "--catalog", paramLabel = "DIR",
            description = "A backup catalog folder (e.g. copied from the Windows host); with --events FILE no lab is used.")
    Path catalogDir;

    @Option(names = "--max-commit-ms", paramLabel = "MS", defaultValue = "10000",
            description = "The longest commit that passes. Default: ${DEFAULT-VALUE} (the VSS flush-and-hold window).")
    long maxCommitMs;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (one test case per check).")
    Path junit;

    @Option(names = "--deep", description = "Also prove each VM whole inside the snapshot: open the backup's storage"
            + " snapshots without copying them (a FlexClone on ONTAP, deleted afterwards) and check every VHDX (headers,"
            + " region table, metadata, BAT, log, parent chain), the partition table and each NTFS volume (boot sector,"
            + " $MFT record 0, dirty flag). Reads metadata only; the results are kept in the backup's catalog record.")
    boolean deep;

    @Override
    protected int run() {
        if (maxCommitMs <= 0) {
            throw new CliException(ExitCode.USAGE, "--max-commit-ms must be more than 0, not " + maxCommitMs);
        }
        boolean standalone = catalogDir != null && events != null && !events.equalsIgnoreCase("live");
        if (deep && standalone) {
            throw new CliException(ExitCode.USAGE, "--deep reads the VMs' disks in the storage snapshots, which a copied"
                    + " catalog with an exported log cannot reach; run verify --deep on the host (without --catalog)");
        }
        if (catalogDir != null && !Files.isDirectory(catalogDir)) {
            throw new CliException(ExitCode.USAGE, "--catalog " + catalogDir + ": no such folder; give the folder"
                    + " that holds the backup records (the lab's catalog/, or %ProgramData%\\vsskit\\catalog)");
        }
        BackupCatalog catalog = new BackupCatalog(catalogDir != null ? catalogDir : BackupPaths.catalog(ctx()));
        BackupRecord record = record(catalog);
        Optional<SnapshotStore> storage = standalone ? Optional.empty() : storage();
        List<CommitEvent> commitEvents = readEvents();

        VerificationReport report = new BackupVerifier(Clock.systemUTC()).verify(record.toFacts(), storage,
                Optional.of(commitEvents), Duration.ofMillis(maxCommitMs));
        if (deep) {
            report = deepVerify(catalog, record, report);
        }
        if (junit != null) {
            try {
                AtomicFiles.writeString(junit, new JUnitReportWriter().toXml(report));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the JUnit report " + junit + ": " + e.getMessage(), e);
            }
        }
        // standalone (a copied catalog and an exported log): no host is opened, not even for the banner
        dev.vsskit.cli.render.Renderer renderer = standalone
                ? ctx().options().output().renderer(ctx().out(), new dev.vsskit.cli.render.Banner(
                        dev.vsskit.cli.Version.get(), ctx().options().output() == dev.vsskit.cli.render.OutputFormat.text
                                ? "catalog " + catalog.dir() : ""))
                : ctx().renderer();
        renderer.single(new VerificationView(ctx().zone()), report);
        return report.passed() ? ExitCode.OK : ExitCode.VERIFY_FAILED;
    }

    /** Adds the deep checks of every VM of the backup and records them in its catalog record. */
    private VerificationReport deepVerify(BackupCatalog catalog, BackupRecord record, VerificationReport report) {
        BackupTarget target = ctx().backupTarget().orElseThrow(() -> new CliException(ExitCode.ERROR,
                "verify --deep is not wired on this host yet: it reads the VMs' disks through the host's backup"
                        + " target (on Windows the exposed shadow copy), which this host does not have yet; run it"
                        + " against the lab, or verify without --deep"));
        SnapshotAccess access = target.snapshotAccess().orElseThrow(() -> new CliException(ExitCode.ERROR,
                "this host has no way to read its storage snapshots; verify without --deep"));
        for (String leftover : access.releaseLeftovers()) {
            ctx().note("deleted " + leftover + ", a clone left by an interrupted verify --deep");
        }
        List<DeepVerifier.VmFiles> vms = new ArrayList<>();
        for (String name : record.vms()) {
            vms.add(target.virtualMachines().stream().filter(vm -> vm.name().equalsIgnoreCase(name)).findFirst()
                    .map(vm -> new DeepVerifier.VmFiles(vm.name(), vm.files()))
                    .orElse(new DeepVerifier.VmFiles(name, List.of())));
        }
        Clock clock = Clock.systemUTC();
        Instant start = clock.instant();
        List<DeepVerifier.VmResult> results = new DeepVerifier(clock).verify(record.toFacts(), vms, access,
                DeepVerifier.Listener.NONE);
        List<CheckResult> checks = new ArrayList<>(report.checks());
        List<BackupRecord.VmVerification> recorded = new ArrayList<>();
        for (DeepVerifier.VmResult r : results) {
            checks.addAll(r.checks());
            recorded.add(new BackupRecord.VmVerification(r.vm(), start, r.access(), r.passed(), r.bytesRead(),
                    r.checks()));
        }
        catalog.addDeepVerification(record.name(), recorded);
        return new VerificationReport(report.backupName(), report.verifiedAt(),
                report.took().plus(Duration.between(start, clock.instant())), checks);
    }

    private BackupRecord record(BackupCatalog catalog) {
        if (BackupChoice.named(which) != null) {
            return catalog.find(which.backup).orElseThrow(() -> new CliException(ExitCode.USAGE, "unknown backup '"
                    + which.backup + "' in " + catalog.dir() + "; see `vsskit list backups`"));
        }
        return catalog.newest(false, r -> true)
                .orElseThrow(() -> new CliException(ExitCode.ERROR, "the catalog " + catalog.dir()
                        + " holds no backup; take one (vsskit backup) or give --catalog DIR"));
    }

    private Optional<SnapshotStore> storage() {
        return ctx().backupTarget().flatMap(BackupTarget::storage);
    }

    /**
     * The provider's commit events: {@code --events FILE|DIR}; else (or {@code --events live}) the host's
     * Application log: the lab's .evtx file, or the live log on Windows, read through wevtapi without an export.
     */
    private List<CommitEvent> readEvents() {
        boolean live = events != null && events.equalsIgnoreCase("live");
        if (live && ctx().host().eventLogFile(EventSource.LOG).isPresent()) {
            throw new CliException(ExitCode.USAGE, "--events live needs Windows; give an exported .evtx file or folder");
        }
        Path named = events == null || live ? null : Path.of(events);
        if (named != null) {
            try {
                EventLogFiles.requireEvtx(named); // not an event log: bad input, not "no 4089 found"
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "--events " + named + ": " + e.getMessage(), e);
            }
        }
        EventSource source = EventSource.of(ctx(), named);
        try {
            return source.commitEvents(w -> ctx().note("warning: " + w));
        } catch (IOException e) {
            if (source.file().isPresent()) {
                throw new CliException(ExitCode.USAGE, "--events " + source.file().get() + ": " + e.getMessage(), e);
            }
            throw new CliException(ExitCode.ERROR, e.getMessage(), e); // the live log
        }
    }
}
