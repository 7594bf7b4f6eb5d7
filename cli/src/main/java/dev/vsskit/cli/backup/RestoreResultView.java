package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.backup.RestoreResult;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What {@code vsskit restore} prints: how the files came back and whether each equals the backup's bytes. */
final class RestoreResultView implements RecordView<RestoreResult> {

    static final RestoreResultView INSTANCE = new RestoreResultView();

    private static final List<Field<RestoreResult>> FIELDS = List.of(
            Field.of("backup", RestoreResult::backup),
            Field.of("vm", RestoreResult::vm),
            Field.of("method", RestoreResult::method),
            Field.of("target", RestoreResult::target),
            Field.of("verified", RestoreResult::verified),
            Field.of("started", RestoreResult::started),
            Field.of("warnings", RestoreResult::warnings),
            Field.of("files", r -> r.files().stream().map(RestoreResultView::file).toList()));

    private static Map<String, Object> file(RestoreResult.RestoredFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", f.path());
        m.put("restoredTo", f.restoredTo());
        m.put("bytes", f.bytes());
        m.put("sha256", f.sha256());
        m.put("identical", f.identical());
        return m;
    }

    @Override
    public List<Field<RestoreResult>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<RestoreResult> rows, PrintWriter out) {
        for (RestoreResult r : rows) {
            out.println("Restored VM " + r.vm() + " from backup " + r.backup());
            out.println("   Method: " + r.method());
            out.println("   Target: " + r.target());
            for (RestoreResult.RestoredFile f : r.files()) {
                out.println("   " + (f.identical() ? "identical  " : "DIFFERENT  ") + f.path() + " (" + f.bytes()
                        + " bytes" + (f.sha256() == null ? "" : ", sha256 " + f.sha256()) + ")");
            }
            for (String w : r.warnings()) {
                out.println("   Warning: " + w);
            }
            out.println("   " + (r.verified() ? "Every restored file is byte-identical to the backup."
                    : "Some restored files differ from the backup."));
            if (r.started()) {
                out.println("   The VM was started.");
            }
            out.println();
        }
    }
}
