package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupName;
import dev.vsskit.vss.backup.BackupPlan;
import dev.vsskit.vss.backup.BackupRequest;
import dev.vsskit.vss.backup.BackupResult;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.DatasetName;
import dev.vsskit.vss.backup.DatasetStore;
import dev.vsskit.vss.backup.Durations;
import dev.vsskit.vss.backup.RetentionPolicy;
import dev.vsskit.vss.backup.RetryPolicy;
import dev.vsskit.vss.backup.Sleeper;
import dev.vsskit.vss.catalog.BackupCatalog;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vsskit backup}: SnapManager for Hyper-V's backup of VMs on ONTAP, application-consistent through
 * VSS (hardware provider preferred) or crash-consistent (ONTAP snapshots only), with retries and retention.
 */
@Command(name = "backup", sortOptions = false,
        description = {"Back up Hyper-V VMs whose files are on ONTAP: application-consistent through VSS (default)"
                + " or crash-consistent (--crash-consistent). The result names the backup, its snapshot set, each VM's"
                + " outcome, the provider and ONTAP snapshot per volume and the commit time.",
            "Exit codes: 0 every VM backed up, 5 some VMs, 4 a transient failure after the last try, 1 failed."})
public final class BackupCommand extends VsskitCommand {

    @Option(names = "--vm", paramLabel = "NAME|ID", description = "A VM to back up (repeatable).")
    List<String> vms = new ArrayList<>();

    @Option(names = "--dataset", paramLabel = "NAME", description = "Back up the VMs of a dataset (vsskit dataset).")
    String dataset;

    @Option(names = "--all", description = "Back up every VM of the host.")
    boolean all;

    @Option(names = "--crash-consistent", description = "Snapshot the ONTAP volumes directly, without VSS.")
    boolean crashConsistent;

    @Option(names = "--allow-saved-state",
            description = "Back up VMs that cannot be backed up online in saved state instead of failing them.")
    boolean allowSavedState;

    @Option(names = "--name", paramLabel = "NAME",
            description = "The backup's name; default <dataset-or-host>_MM-dd-yyyy_HH.mm.ss (SMHV's convention).")
    String name;

    @Option(names = "--provider", paramLabel = "ID|NAME",
            description = "Force a provider for every volume (default: VSS chooses, hardware first).")
    String provider;

    @Option(names = "--retain", paramLabel = "COUNT",
            description = "After a successful backup keep only the newest COUNT backups of the dataset (or host).")
    Integer retain;

    @Option(names = "--retain-days", paramLabel = "DAYS",
            description = "After a successful backup delete the dataset's backups older than DAYS days.")
    Integer retainDays;

    @Option(names = "--retry", paramLabel = "TRIES", defaultValue = "3",
            description = "Tries for transient failures (event 4364, VSS_E_HOLD_WRITES_TIMEOUT, retryable writer"
                    + " errors). Default: ${DEFAULT-VALUE}.")
    int retry;

    @Option(names = "--retry-wait", paramLabel = "DURATION", defaultValue = "1m",
            description = "Wait between tries (90s, 1m, ...). Default: ${DEFAULT-VALUE}.")
    String retryWait;

    @Option(names = "--plan", description = "Print the plan (VMs, files, volumes, providers) and take no backup.")
    boolean planOnly;

    @Override
    protected int run() {
        BackupRequest request = request();
        BackupTarget target = Targets.open(ctx());
        BackupService service = new BackupService(target, new BackupCatalog(BackupPaths.catalog(ctx())),
                Clock.systemDefaultZone(), Sleeper.REAL);
        DatasetStore datasets = new DatasetStore(BackupPaths.config(ctx()));
        try {
            if (planOnly) {
                BackupPlan plan = service.plan(request, datasets.list());
                ctx().renderer().single(PlanView.INSTANCE, plan);
                return plan.vms().stream().allMatch(BackupPlan.PlannedVm::included) ? ExitCode.OK : ExitCode.PARTIAL;
            }
            BackupListener progress = TerminalProgress.forStderr(ctx().err(), ctx().options().quiet(), ctx().zone());
            BackupResult result = service.run(request, datasets.list(), progress);
            ctx().renderer().single(BackupResultView.INSTANCE, result);
            return switch (result.status()) {
                case OK -> ExitCode.OK;
                case PARTIAL -> ExitCode.PARTIAL;
                case TRANSIENT -> ExitCode.TRANSIENT;
                case FAILED -> ExitCode.ERROR;
            };
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private BackupRequest request() {
        try {
            Optional<DatasetName> ds = Optional.ofNullable(dataset).map(DatasetName::new);
            Duration wait = Durations.parse(retryWait);
            RetentionPolicy retention = new RetentionPolicy(
                    retain == null ? OptionalInt.empty() : OptionalInt.of(retain),
                    Optional.ofNullable(retainDays).map(Duration::ofDays));
            return new BackupRequest(vms, ds, all, crashConsistent, allowSavedState,
                    Optional.ofNullable(name).map(BackupName::new), Optional.ofNullable(provider).map(this::providerId),
                    retention, new RetryPolicy(retry, wait));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage(), e);
        }
    }

    private VssId providerId(String idOrName) {
        return ctx().host().provider(idOrName).map(Provider::id).orElseThrow(() -> new IllegalArgumentException(
                "unknown provider '" + idOrName + "'; see `vsskit list providers`"));
    }
}
