package dev.vsskit.cli.shadow;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.VssId;
import java.io.PrintWriter;
import java.util.List;

/** What {@code delete shadows} did: the shadows deleted, and those it could not delete. */
record DeletedShadows(List<VssId> deleted, List<VssId> failed, List<VssId> skipped, List<String> backups) {

    DeletedShadows {
        deleted = List.copyOf(deleted);
        failed = List.copyOf(failed);
        skipped = List.copyOf(skipped);
        backups = List.copyOf(backups);
    }

    static final RecordView<DeletedShadows> VIEW = new RecordView<>() {
        @Override
        public List<Field<DeletedShadows>> fields() {
            return List.of(
                    Field.of("deletedCount", d -> d.deleted().size()),
                    Field.of("deleted", d -> d.deleted().stream().map(VssId::toString).toList()),
                    Field.of("failed", d -> d.failed().stream().map(VssId::toString).toList()),
                    Field.of("skipped", d -> d.skipped().stream().map(VssId::toString).toList()),
                    Field.of("backups", DeletedShadows::backups));
        }

        @Override
        public void text(List<DeletedShadows> rows, PrintWriter out) {
            for (DeletedShadows d : rows) {
                out.println("Successfully deleted " + d.deleted().size() + " shadow copies.");
                if (!d.skipped().isEmpty()) {
                    out.println("Skipped " + d.skipped().size() + " shadow copies of the backups " + String.join(", ",
                            d.backups()) + ": delete those with `vsskit delete backup NAME`, or add --force.");
                } else if (!d.backups().isEmpty()) {
                    out.println("Deleted with them the backups " + String.join(", ", d.backups()) + ".");
                }
            }
        }
    };
}
