package dev.vsskit.cli.lab;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import java.io.PrintWriter;
import java.util.List;

/** What {@code lab init} created. */
public record LabInitSummary(String dir, boolean replaced, String host, String cluster, List<String> nodes,
        List<String> volumes, List<String> vms, List<String> providers) {

    public static final RecordView<LabInitSummary> VIEW = new RecordView<>() {
        private final List<Field<LabInitSummary>> fields = List.of(
                Field.of("dir", LabInitSummary::dir),
                Field.of("replaced", LabInitSummary::replaced),
                Field.of("host", LabInitSummary::host),
                Field.of("cluster", LabInitSummary::cluster),
                Field.of("nodes", LabInitSummary::nodes),
                Field.of("volumes", LabInitSummary::volumes),
                Field.of("vms", LabInitSummary::vms),
                Field.of("providers", LabInitSummary::providers));

        @Override
        public List<Field<LabInitSummary>> fields() {
            return fields;
        }

        @Override
        public void text(List<LabInitSummary> rows, PrintWriter out) {
            for (LabInitSummary s : rows) {
                out.println((s.replaced() ? "Replaced the lab at " : "Created the lab at ") + s.dir());
                out.println("   Host: " + s.host() + " (cluster " + s.cluster() + (s.nodes().size() > 1
                        ? ", nodes " + String.join(", ", s.nodes()) : "") + ")");
                out.println("   Volumes: " + String.join(", ", s.volumes()));
                out.println("   VMs: " + String.join(", ", s.vms()));
                out.println("   Providers: " + String.join(", ", s.providers()));
                out.println();
            }
        }
    };
}
