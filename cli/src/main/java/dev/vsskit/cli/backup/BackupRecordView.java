package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.catalog.BackupRecord;
import java.io.PrintWriter;
import java.util.List;

/** {@code vsskit list backups}: what SMHV's Get-Backup shows, one block per backup. */
public final class BackupRecordView implements RecordView<BackupRecord> {

    public static final BackupRecordView INSTANCE = new BackupRecordView();

    private static final List<Field<BackupRecord>> FIELDS = List.of(
            Field.of("name", BackupRecord::name),
            Field.of("dataset", r -> r.dataset().orElse(null)),
            Field.of("time", r -> r.started().toString()),
            Field.of("type", r -> type(r)),
            Field.of("vms", BackupRecord::vms),
            Field.of("succeeded", BackupRecord::succeeded),
            Field.of("snapshotSetId", r -> r.snapshotSetId().map(Object::toString).orElse(null)),
            Field.of("commitMs", r -> r.commitDuration().toMillis()),
            Field.of("ontapSnapshots", r -> r.volumes().stream().filter(v -> !v.storageSnapshot().isEmpty())
                    .map(v -> v.storageVolume() + ":" + v.storageSnapshot()).distinct().toList()),
            Field.of("outcome", BackupRecord::outcome));

    static String type(BackupRecord r) {
        return r.applicationConsistent() ? "Application consistent" : "Crash consistent";
    }

    @Override
    public List<Field<BackupRecord>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<BackupRecord> rows, PrintWriter out) {
        for (BackupRecord r : rows) {
            out.println("BackupName    : " + r.name());
            out.println("DatasetName   : " + r.dataset().orElse(""));
            out.println("BackupTime    : " + r.started());
            out.println("BackupType    : " + type(r));
            out.println("BackedupVMs   : {" + String.join(", ", r.vms()) + "}");
            out.println("Status        : " + (r.succeeded() ? "Succeeded" : "Failed") + " - " + r.outcome());
            out.println();
        }
    }
}
