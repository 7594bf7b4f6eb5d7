package dev.vsskit.vss.verify;

import java.util.Objects;

/**
 * One named check of a verification, with its outcome, the evidence it saw (what a backup admin would
 * want to read: the event, the snapshot, the writer state), and advice when it did not pass.
 */
public record CheckResult(String name, CheckStatus status, String evidence, String advice) {
    public CheckResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(advice, "advice");
    }

    public static CheckResult pass(String name, String evidence) {
        return new CheckResult(name, CheckStatus.PASS, evidence, "");
    }

    public static CheckResult warn(String name, String evidence, String advice) {
        return new CheckResult(name, CheckStatus.WARN, evidence, advice);
    }

    public static CheckResult fail(String name, String evidence, String advice) {
        return new CheckResult(name, CheckStatus.FAIL, evidence, advice);
    }

    public static CheckResult skip(String name, String why) {
        return new CheckResult(name, CheckStatus.SKIP, why, "");
    }

    /** The same check under another name (deep verify prefixes each disk check with its VM and file). */
    public CheckResult named(String newName) {
        return new CheckResult(newName, status, evidence, advice);
    }
}
