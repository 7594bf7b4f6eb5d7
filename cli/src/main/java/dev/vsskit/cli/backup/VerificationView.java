package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.cli.render.Times;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.VerificationReport;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code vsskit verify} prints: each named check as PASS/WARN/FAIL/SKIP with its evidence. */
final class VerificationView implements RecordView<VerificationReport> {

    private final java.time.ZoneId zone;

    VerificationView(java.time.ZoneId zone) {
        this.zone = zone;
    }

    private static final List<Field<VerificationReport>> FIELDS = List.of(
            Field.of("backup", VerificationReport::backupName),
            Field.of("passed", VerificationReport::passed),
            Field.of("verifiedAt", r -> r.verifiedAt().toString()),
            Field.of("checks", r -> r.checks().stream().map(c -> check(c, "advice")).toList()));

    /** One check as JSON shows it; verify calls its advice {@code advice}, doctor {@code fix}. */
    static Map<String, Object> check(CheckResult c, String adviceName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("status", c.status().word());
        m.put("evidence", c.evidence());
        m.put(adviceName, c.advice().isEmpty() ? null : c.advice());
        return m;
    }

    /** "6 checks: 2 passed, 4 skipped": every status that occurred, counted, so skips are not read as passes. */
    static String summary(VerificationReport r) {
        List<String> parts = new java.util.ArrayList<>();
        for (CheckStatus s : CheckStatus.values()) {
            long n = r.count(s);
            if (n > 0) {
                parts.add(n + " " + switch (s) {
                    case PASS -> "passed";
                    case WARN -> n == 1 ? "warning" : "warnings";
                    case FAIL -> "failed";
                    case SKIP -> "skipped";
                });
            }
        }
        return r.checks().size() + " check" + (r.checks().size() == 1 ? "" : "s") + ": " + String.join(", ", parts);
    }

    @Override
    public List<Field<VerificationReport>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<VerificationReport> rows, PrintWriter out) {
        for (VerificationReport r : rows) {
            out.println("Verification of backup " + r.backupName());
            checks(r, "", zone, out);
        }
    }

    /**
     * The named checks as verify and doctor print them: status, name, evidence, advice (after
     * {@code advicePrefix}), then the result line with the counts and a blank line.
     */
    static void checks(VerificationReport r, String advicePrefix, java.time.ZoneId zone, PrintWriter out) {
        for (CheckResult c : r.checks()) {
            out.println("   [" + c.status().name().toUpperCase(Locale.ROOT) + "] " + c.name());
            out.println("         " + Times.localize(c.evidence(), zone));
            if (!c.advice().isEmpty()) {
                out.println("         " + advicePrefix + c.advice());
            }
        }
        out.println("   Result: " + (r.passed() ? "PASSED" : "FAILED") + " (" + summary(r) + ")");
        out.println();
    }
}
