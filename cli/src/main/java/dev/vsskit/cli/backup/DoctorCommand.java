package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.ontap.SnapshotNames;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.Dataset;
import dev.vsskit.vss.backup.DatasetStore;
import dev.vsskit.vss.backup.Leftovers;
import dev.vsskit.vss.backup.VirtualMachine;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.CatalogListing;
import dev.vsskit.vss.doctor.DoctorChecks;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.spi.VolumeTarget;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageHealth;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.JUnitReportWriter;
import dev.vsskit.vss.verify.VerificationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit doctor}: a preflight of what makes Hyper-V backups on ONTAP fail, one named check each, asked
 * of the host, its backup target, the storage, the event log and the catalog. Changes nothing.
 */
@Command(name = "doctor", sortOptions = false,
        description = {"Check what makes Hyper-V backups on ONTAP fail, before they do: providers, writers, CSV owner"
                + " and I/O mode, VMs that cannot be backed up online, Snapshot copy headroom, CSV LUNs per storage"
                + " system, FSRVP limits, ONTAP reachable with verified TLS, clock skew, event log, catalog and"
                + " leftovers. Each check says pass, warn, fail or skip, its evidence and the fix. Changes nothing.",
            "Exit codes: 0 no check failed, 3 a check failed, 2 bad input."})
public final class DoctorCommand extends VsskitCommand {

    static final class Scope {
        @Option(names = "--vm", paramLabel = "NAME|ID", description = "Check this VM (repeatable).")
        List<String> vms;

        @Option(names = "--dataset", paramLabel = "NAME", description = "Check the VMs of a dataset.")
        String dataset;

        @Option(names = "--all", description = "Check every VM of the host (the default).")
        boolean all;
    }

    @ArgGroup(exclusive = true)
    Scope scope;

    @Option(names = "--events", paramLabel = "FILE|DIR",
            description = "Check this exported .evtx file or folder instead of the host's Application log.")
    Path events;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report (one test case per check).")
    Path junit;

    @Override
    protected int run() {
        VssHost host = ctx().host();
        EventSource eventSource = EventSource.of(ctx(), events);
        Path catalogDir = BackupPaths.catalog(ctx());
        List<CheckResult> checks = new ArrayList<>();
        checks.add(check(DoctorChecks.PROVIDERS, () -> DoctorChecks.providers(host.providers())));
        checks.add(check(DoctorChecks.WRITERS, () -> DoctorChecks.writers(host.writers())));
        checks.add(check(DoctorChecks.CSV_STATE, () -> DoctorChecks.clusterSharedVolumes(host.clusterSharedVolumes())));

        Optional<BackupTarget> target = target();
        String subject = host.computerName();
        if (target.isPresent()) {
            List<VirtualMachine> vms = vmsInScope(target.get());
            subject = host.computerName() + ", " + describeScope(vms.size());
            checks.addAll(targetChecks(target.get(), vms));
        } else {
            for (String name : List.of(DoctorChecks.VMS_ONLINE, DoctorChecks.SNAPSHOT_HEADROOM, DoctorChecks.CSV_LUNS,
                    DoctorChecks.FSRVP, DoctorChecks.STORAGE_TLS, DoctorChecks.CLOCK_SKEW)) {
                checks.add(new CheckResult(name, CheckStatus.SKIP, "this host has no backup target in this vsskit"
                        + " version (Windows needs the VSS COM binding)", ""));
            }
        }
        checks.add(eventLogCheck(eventSource));
        checks.add(check(DoctorChecks.CATALOG, () -> {
            CatalogListing listing = new BackupCatalog(catalogDir).list();
            return DoctorChecks.catalog(catalogDir.toString(), listing.records().size(),
                    listing.problems().stream().map(Object::toString).toList());
        }));
        checks.add(target.isEmpty()
                ? new CheckResult(DoctorChecks.LEFTOVERS, CheckStatus.SKIP, "needs the host's backup target", "")
                : check(DoctorChecks.LEFTOVERS, () -> DoctorChecks.leftovers(leftovers(target.get(), catalogDir,
                        CleanupCommand.DEFAULT_FAILED_AGE).find().stream()
                        .map(l -> l.kind().text() + " " + l.name()).toList())));

        VerificationReport report = new VerificationReport(subject, Instant.now(), Duration.ZERO, checks);
        if (junit != null) {
            try {
                AtomicFiles.writeString(junit, new JUnitReportWriter("doctor").toXml(report));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the JUnit report " + junit + ": " + e.getMessage(), e);
            }
        }
        ctx().renderer().single(new DoctorView(ctx().zone()), report);
        return report.passed() ? ExitCode.OK : ExitCode.VERIFY_FAILED;
    }

    static Leftovers leftovers(BackupTarget target, Path catalogDir, Duration failedAge) {
        return new Leftovers(target, new BackupCatalog(catalogDir), DoctorCommand::backupOfSnapshot, Clock.systemUTC(),
                failedAge);
    }

    /** The backup a Snapshot copy's name says it belongs to; empty for plain shadow copies' and foreign ones. */
    static Optional<String> backupOfSnapshot(String snapshotName) {
        return SnapshotNames.parse(snapshotName).map(SnapshotNames.Parsed::backupName)
                .filter(b -> !b.equals(SnapshotNames.PROVIDER_BACKUP));
    }

    private Optional<BackupTarget> target() {
        try {
            return Optional.of(Targets.open(ctx()));
        } catch (CliException e) {
            return Optional.empty();
        }
    }

    private String describeScope(int vmCount) {
        String vms = DoctorChecks.count(vmCount, "VM");
        if (scope != null && scope.dataset != null) {
            return "dataset " + scope.dataset + " (" + vms + ")";
        }
        return scope != null && scope.vms != null ? vms : vms + " (all)";
    }

    private List<VirtualMachine> vmsInScope(BackupTarget target) {
        List<VirtualMachine> all = target.virtualMachines();
        List<String> wanted;
        if (scope != null && scope.dataset != null) {
            Dataset ds = new DatasetStore(BackupPaths.config(ctx())).find(scope.dataset).orElseThrow(() ->
                    new CliException(ExitCode.USAGE, "unknown dataset '" + scope.dataset + "'; see `vsskit dataset list`"));
            wanted = ds.vms();
        } else if (scope != null && scope.vms != null) {
            wanted = scope.vms;
        } else {
            return all;
        }
        List<VirtualMachine> out = new ArrayList<>();
        for (String w : wanted) {
            out.add(all.stream().filter(v -> v.matches(w)).findFirst().orElseThrow(() -> new CliException(
                    ExitCode.USAGE, "unknown VM '" + w + "'; this host's VMs are "
                    + String.join(", ", all.stream().map(VirtualMachine::name).toList()))));
        }
        return out;
    }

    private List<CheckResult> targetChecks(BackupTarget target, List<VirtualMachine> vms) {
        List<CheckResult> out = new ArrayList<>();
        List<DoctorChecks.VmFacts> vmFacts = new ArrayList<>();
        Set<String> storageVolumes = new LinkedHashSet<>();
        List<String> shares = new ArrayList<>();
        CheckResult vmCheck = check(DoctorChecks.VMS_ONLINE, () -> {
            for (VirtualMachine vm : vms) {
                List<String> noVolume = new ArrayList<>();
                Set<String> notOnStorage = new LinkedHashSet<>();
                for (String f : vm.files()) {
                    Optional<VolumeTarget> v = target.volumeOf(f);
                    if (v.isEmpty()) {
                        noVolume.add(f);
                        continue;
                    }
                    if (v.get().isShare()) {
                        shares.add(v.get().shareUnc().get());
                    }
                    Optional<String> sv = target.storageVolumeOf(v.get());
                    if (sv.isPresent()) {
                        storageVolumes.add(sv.get());
                    } else {
                        notOnStorage.add(v.get().path());
                    }
                }
                vmFacts.add(new DoctorChecks.VmFacts(vm.name(), vm.backupIntegration(), noVolume,
                        List.copyOf(notOnStorage)));
            }
            return DoctorChecks.vmsOnline(vmFacts);
        });
        out.add(vmCheck);

        Optional<SnapshotStore> store = target.storage();
        Optional<StorageHealth> health = Optional.empty();
        Optional<String> failure = Optional.empty();
        String storageName = "the storage";
        if (store.isPresent()) {
            try {
                health = Optional.of(store.get().health());
                storageName = health.get().system();
            } catch (RuntimeException e) {
                failure = Optional.of(String.valueOf(e.getMessage()));
            }
        }
        Optional<StorageHealth> h = health;
        out.add(check(DoctorChecks.SNAPSHOT_HEADROOM, () -> {
            if (h.isEmpty()) {
                return new CheckResult(DoctorChecks.SNAPSHOT_HEADROOM, CheckStatus.SKIP, "no ONTAP storage answered", "");
            }
            List<DoctorChecks.VolumeSnapshots> counts = new ArrayList<>();
            for (String v : storageVolumes) {
                counts.add(new DoctorChecks.VolumeSnapshots(v, store.get().snapshots(v).size()));
            }
            return DoctorChecks.snapshotHeadroom(counts, h.get().snapshotLimitPerVolume());
        }));
        String system = storageName;
        out.add(check(DoctorChecks.CSV_LUNS, () -> {
            List<DoctorChecks.LunVolume> luns = new ArrayList<>();
            for (var volume : ctx().host().volumes()) {
                Optional<VolumeTarget> v = target.volumeOf(volume.path());
                if (v.isPresent() && !v.get().luns().isEmpty() && target.storageVolumeOf(v.get()).isPresent()) {
                    luns.add(new DoctorChecks.LunVolume(system, volume.path()));
                }
            }
            return DoctorChecks.csvLunsPerSystem(luns);
        }));
        out.add(check(DoctorChecks.FSRVP, () -> DoctorChecks.fsrvp(shares)));
        out.add(DoctorChecks.storageTls(store.isPresent() ? storageName : "the storage", health, failure));
        out.add(check(DoctorChecks.CLOCK_SKEW, () -> DoctorChecks.clockSkew(ctx().host().now(), h)));
        return out;
    }

    private CheckResult eventLogCheck(EventSource source) {
        if (source.notWrittenYet()) {
            return CheckResult.pass(DoctorChecks.EVENT_LOG, source.describe() + ": nothing logged yet (the provider"
                    + " writes it during the first backup)");
        }
        List<String> warnings = new ArrayList<>();
        try {
            long n = source.count(warnings);
            if (!warnings.isEmpty()) {
                return CheckResult.warn(DoctorChecks.EVENT_LOG, source.describe() + ": " + DoctorChecks.count(n, "event")
                        + " readable, but " + String.join("; ", warnings), "export the log again if verify misses"
                        + " an event (wevtutil epl Application app.evtx)");
            }
            return DoctorChecks.eventLog(source.describe(), Optional.empty(), n);
        } catch (IOException | RuntimeException e) {
            return DoctorChecks.eventLog(source.describe(), Optional.of(String.valueOf(e.getMessage())), 0);
        }
    }

    /** Runs one check; an error while gathering its facts fails that check only. */
    private CheckResult check(String name, Supplier<CheckResult> check) {
        try {
            return check.get();
        } catch (CliException e) {
            throw e;
        } catch (RuntimeException e) {
            if (ctx().options().verbose()) {
                e.printStackTrace(ctx().err());
            }
            return DoctorChecks.couldNotRun(name, e.getClass().getSimpleName().toLowerCase(Locale.ROOT).contains("exception")
                    ? String.valueOf(e.getMessage()) : e.toString());
        }
    }
}
