package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.backup.BackupResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code vsskit backup} prints: the backup, its snapshot set, each VM and volume, the commit time. */
final class BackupResultView implements RecordView<BackupResult> {

    static final BackupResultView INSTANCE = new BackupResultView();

    private static final List<Field<BackupResult>> FIELDS = List.of(
            Field.of("name", BackupResult::name),
            Field.of("status", r -> r.status().name()),
            Field.of("type", r -> r.applicationConsistent() ? "Application consistent" : "Crash consistent"),
            Field.of("started", r -> r.started().toString()),
            Field.of("finished", r -> r.finished().toString()),
            Field.of("snapshotSetId", r -> r.snapshotSetId().map(Object::toString).orElse(null)),
            Field.of("commitMs", r -> r.commitDuration().toMillis()),
            Field.of("attempts", BackupResult::attempts),
            Field.of("failure", r -> r.failure().map(h -> h.name()).orElse(null)),
            Field.of("failureCode", r -> r.failure().map(h -> h.hex()).orElse(null)),
            Field.of("message", BackupResult::message),
            Field.of("catalogRecord", BackupResult::name),
            Field.of("vms", r -> r.vms().stream().map(BackupResultView::vm).toList()),
            Field.of("volumes", r -> r.volumes().stream().map(BackupResultView::volume).toList()),
            Field.of("retentionDeleted", BackupResult::retentionDeleted),
            Field.of("warnings", BackupResult::warnings));

    private static Map<String, Object> vm(BackupResult.VmOutcome v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("id", v.id().toString());
        m.put("backedUp", v.backedUp());
        m.put("backupMethod", v.backupMethod());
        m.put("detail", v.detail().isEmpty() ? null : v.detail());
        return m;
    }

    private static Map<String, Object> volume(BackupResult.VolumeOutcome v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", v.path());
        m.put("provider", v.providerName());
        m.put("providerId", v.providerId().isNull() ? null : v.providerId().toString());
        m.put("ontapVolume", v.storageVolume().isEmpty() ? null : v.storageVolume());
        m.put("ontapSnapshot", v.storageSnapshot().isEmpty() ? null : v.storageSnapshot());
        return m;
    }

    @Override
    public List<Field<BackupResult>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<BackupResult> rows, PrintWriter out) {
        for (BackupResult r : rows) {
            out.println("Backup: " + r.name());
            out.println("   Status: " + r.status() + (r.attempts() > 1 ? " (after " + r.attempts() + " tries)" : ""));
            out.println("   Type: " + (r.applicationConsistent() ? "Application consistent" : "Crash consistent"));
            r.snapshotSetId().ifPresent(id -> out.println("   Snapshot set ID: " + id));
            // an aborted or failed set committed nothing: a commit time of 0 ms would read as a fast commit
            if (r.status() == BackupResult.Status.OK || r.status() == BackupResult.Status.PARTIAL) {
                out.println("   Commit time: " + r.commitDuration().toMillis() + " ms");
            } else {
                out.println("   Commit time: none (the snapshot set was not committed)");
            }
            out.println("   " + r.message());
            for (BackupResult.VmOutcome v : r.vms()) {
                out.println("   VM " + v.name() + ": " + (v.backedUp() ? "backed up (" + v.backupMethod() + ")"
                        : "NOT backed up: " + v.detail()));
            }
            for (BackupResult.VolumeOutcome v : r.volumes()) {
                out.println("   Volume " + v.path() + ": '" + v.providerName() + "'"
                        + (v.storageSnapshot().isEmpty() ? "" : ", ONTAP snapshot " + v.storageVolume() + ":"
                                + v.storageSnapshot()));
            }
            for (String d : r.retentionDeleted()) {
                out.println("   Retention deleted backup " + d);
            }
            for (String w : r.warnings()) {
                out.println("   Warning: " + w);
            }
            out.println();
        }
    }
}
