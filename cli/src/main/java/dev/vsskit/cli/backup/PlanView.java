package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.backup.BackupPlan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code backup --plan}: VMs → files → volumes → provider → ONTAP volume. */
final class PlanView implements RecordView<BackupPlan> {

    static final PlanView INSTANCE = new PlanView();

    private static final List<Field<BackupPlan>> FIELDS = List.of(
            Field.of("backupName", BackupPlan::backupName),
            Field.of("host", BackupPlan::host),
            Field.of("type", p -> p.applicationConsistent() ? "Application consistent" : "Crash consistent"),
            Field.of("vms", p -> p.vms().stream().map(PlanView::vm).toList()),
            Field.of("volumes", p -> p.volumes().stream().map(PlanView::volume).toList()));

    private static Map<String, Object> vm(BackupPlan.PlannedVm v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", v.name());
        m.put("id", v.id().toString());
        m.put("backupMethod", v.backupMethod());
        m.put("included", v.included());
        m.put("problem", v.problem().isEmpty() ? null : v.problem());
        m.put("files", v.files());
        m.put("volumes", v.volumes());
        return m;
    }

    private static Map<String, Object> volume(BackupPlan.PlannedVolume v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", v.path());
        m.put("volumeName", v.volumeName());
        m.put("provider", v.providerName());
        m.put("providerId", v.providerId().isNull() ? null : v.providerId().toString());
        m.put("hardwareExpected", v.hardwareExpected());
        m.put("ontapVolume", v.storageVolume().isEmpty() ? null : v.storageVolume());
        return m;
    }

    @Override
    public List<Field<BackupPlan>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<BackupPlan> rows, PrintWriter out) {
        for (BackupPlan p : rows) {
            out.println("Backup plan: " + p.backupName() + " ("
                    + (p.applicationConsistent() ? "application-consistent, VSS" : "crash-consistent, ONTAP only") + ")");
            out.println("   Virtual machines:");
            for (BackupPlan.PlannedVm v : p.vms()) {
                out.println("      " + v.name() + " " + v.id() + ": " + (v.included() ? v.backupMethod()
                        : "NOT BACKED UP: " + v.problem()));
                for (String f : v.files()) {
                    out.println("         " + f);
                }
            }
            out.println("   Volumes (one snapshot set):");
            for (BackupPlan.PlannedVolume v : p.volumes()) {
                out.println("      " + v.path() + "  provider: '" + v.providerName() + "'"
                        + (v.storageVolume().isEmpty() ? "" : "  ONTAP volume: " + v.storageVolume()));
            }
            out.println();
        }
    }
}
