package dev.vsskit.vss.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** All checks of one {@code verify} run for one backup. */
public record VerificationReport(String backupName, Instant verifiedAt, Duration took, List<CheckResult> checks) {
    public VerificationReport {
        Objects.requireNonNull(backupName, "backupName");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(took, "took");
        checks = List.copyOf(checks);
    }

    public boolean passed() {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }
}
