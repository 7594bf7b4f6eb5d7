package dev.vsskit.vss.verify.disk;

import dev.vsskit.vss.verify.CheckStatus;
import java.util.Objects;

/** The outcome of one disk check before it is named for its VM and file: status, evidence, advice. */
public record Finding(String check, CheckStatus status, String evidence, String advice) {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(advice, "advice");
    }

    static Finding pass(String check, String evidence) {
        return new Finding(check, CheckStatus.PASS, evidence, "");
    }

    static Finding warn(String check, String evidence, String advice) {
        return new Finding(check, CheckStatus.WARN, evidence, advice);
    }

    static Finding fail(String check, String evidence, String advice) {
        return new Finding(check, CheckStatus.FAIL, evidence, advice);
    }

    static Finding skip(String check, String why) {
        return new Finding(check, CheckStatus.SKIP, why, "");
    }
}
