package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.cli.render.Times;
import dev.vsskit.vss.catalog.BackupSummary;
import java.io.PrintWriter;
import java.util.List;

/**
 * {@code vsskit list backups}: what SMHV's Get-Backup shows, one block per backup job; failed tries before
 * the last attempt are listed under it as attempts, not as backups of their own.
 */
final class BackupRecordView implements RecordView<BackupJob> {

    private static final List<Field<BackupJob>> FIELDS = List.of(
            Field.of("name", j -> j.backup().name()),
            Field.of("dataset", j -> j.backup().dataset().orElse(null)),
            Field.of("time", j -> j.backup().started().toString()),
            Field.of("type", j -> type(j.backup())),
            Field.of("vms", j -> j.backup().vms()),
            Field.of("succeeded", j -> j.backup().succeeded()),
            Field.of("snapshotSetId", j -> j.backup().snapshotSetId().map(Object::toString).orElse(null)),
            Field.of("commitMs", j -> j.backup().commitDuration().toMillis()),
            Field.of("ontapSnapshots", j -> j.backup().ontapSnapshots()),
            Field.of("outcome", j -> j.backup().outcome()),
            Field.of("attempts", BackupJob::attempts),
            Field.of("failedTries", j -> j.failedTries().stream().map(BackupSummary::name).toList()));

    private final java.time.ZoneId zone;

    BackupRecordView(java.time.ZoneId zone) {
        this.zone = zone;
    }

    static String type(BackupSummary r) {
        return r.applicationConsistent() ? "Application consistent" : "Crash consistent";
    }

    @Override
    public List<Field<BackupJob>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<BackupJob> rows, PrintWriter out) {
        for (BackupJob j : rows) {
            BackupSummary r = j.backup();
            out.println("BackupName    : " + r.name());
            out.println("DatasetName   : " + r.dataset().orElse(""));
            out.println("BackupTime    : " + Times.text(r.started(), zone));
            out.println("BackupType    : " + type(r));
            out.println("BackedupVMs   : {" + String.join(", ", r.vms()) + "}");
            out.println("Status        : " + (r.succeeded() ? "Succeeded" : "Failed") + " - " + r.outcome());
            if (!j.failedTries().isEmpty()) {
                out.println("Attempts      : " + j.attempts() + " (failed before: " + String.join(", ",
                        j.failedTries().stream().map(t -> t.name() + " at " + Times.text(t.started(), zone)).toList())
                        + ")");
            }
            out.println();
        }
    }
}
