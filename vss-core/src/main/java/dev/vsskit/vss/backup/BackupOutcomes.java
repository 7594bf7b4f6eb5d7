package dev.vsskit.vss.backup;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The pieces of a {@link BackupResult} that the attempts, retention and the facade share. */
final class BackupOutcomes {

    private BackupOutcomes() {
    }

    static BackupResult failed(BackupPlan plan, Instant started, Instant finished, int attempt, Optional<VssId> set,
            Optional<HResult> h, String message) {
        return new BackupResult(plan.backupName(), BackupResult.Status.FAILED, started, finished,
                plan.applicationConsistent(), set, vmOutcomes(plan, Set.of(), message), List.of(), Duration.ZERO,
                attempt, h, message, List.of());
    }

    static List<BackupResult.VmOutcome> vmOutcomes(BackupPlan plan, Set<String> backedUp, String otherwise) {
        return vmOutcomes(plan, backedUp, vm -> otherwise);
    }

    /** {@code why}: the reason an included VM was not backed up, by its name. */
    static List<BackupResult.VmOutcome> vmOutcomes(BackupPlan plan, Set<String> backedUp, Function<String, String> why) {
        return plan.vms().stream().map(v -> new BackupResult.VmOutcome(v.name(), v.id(), backedUp.contains(v.name()),
                v.backupMethod(), backedUp.contains(v.name()) ? "" : (v.included() ? why.apply(v.name()) : v.problem())))
                .collect(Collectors.toList());
    }

    /** The VMs the plan left out, each with why. */
    static String problems(BackupPlan plan) {
        return plan.vms().stream().filter(v -> !v.included()).map(v -> v.name() + " (" + v.problem() + ")")
                .collect(Collectors.joining(", "));
    }

    static List<BackupPlan.PlannedVm> included(BackupPlan plan) {
        return plan.vms().stream().filter(BackupPlan.PlannedVm::included).collect(Collectors.toList());
    }

    static BackupResult renamed(BackupResult r, String name) {
        return new BackupResult(name, r.status(), r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), r.message(),
                r.retentionDeleted(), r.warnings());
    }

    static BackupResult withRetention(BackupResult r, List<String> deleted) {
        return new BackupResult(r.name(), r.status(), r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), r.message(),
                deleted, r.warnings());
    }

    static BackupResult withStatus(BackupResult r, BackupResult.Status status) {
        return new BackupResult(r.name(), status, r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), r.message(),
                r.retentionDeleted(), r.warnings());
    }

    static BackupResult withMessage(BackupResult r, String message) {
        return new BackupResult(r.name(), r.status(), r.started(), r.finished(), r.applicationConsistent(),
                r.snapshotSetId(), r.vms(), r.volumes(), r.commitDuration(), r.attempts(), r.failure(), message,
                r.retentionDeleted(), r.warnings());
    }
}
