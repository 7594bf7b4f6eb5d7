package dev.vsskit.cli.backup;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.backup.Dataset;
import java.io.PrintWriter;
import java.util.List;

/** {@code vsskit dataset list|show}. */
final class DatasetView implements RecordView<Dataset> {

    static final DatasetView INSTANCE = new DatasetView();

    private static final List<Field<Dataset>> FIELDS = List.of(
            Field.of("name", d -> d.name().value()),
            Field.of("vms", Dataset::vms),
            Field.of("description", Dataset::description));

    @Override
    public List<Field<Dataset>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<Dataset> rows, PrintWriter out) {
        for (Dataset d : rows) {
            out.println("Dataset name: '" + d.name() + "'");
            out.println("   VMs: " + String.join(", ", d.vms()));
            if (!d.description().isEmpty()) {
                out.println("   Description: " + d.description());
            }
            out.println();
        }
    }
}
