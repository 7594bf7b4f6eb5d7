package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.verify.VerificationReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * What {@code vsskit doctor} prints: each named check as PASS/WARN/FAIL/SKIP with its evidence and fix. JSON
 * is one object; CSV one row per check.
 */
final class DoctorView implements RecordView<VerificationReport> {

    private final java.time.ZoneId zone;

    DoctorView(java.time.ZoneId zone) {
        this.zone = zone;
    }

    private static final List<Field<VerificationReport>> FIELDS = List.of(
            Field.of("subject", VerificationReport::backupName),
            Field.of("passed", VerificationReport::passed),
            Field.of("checkedAt", r -> r.verifiedAt().toString()),
            Field.of("checks", r -> r.checks().stream().map(c -> VerificationView.check(c, "fix")).toList()));

    @Override
    public List<Field<VerificationReport>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<VerificationReport> rows, PrintWriter out) {
        for (VerificationReport r : rows) {
            out.println("Doctor: " + r.backupName());
            VerificationView.checks(r, "Fix: ", zone, out);
        }
    }
}
