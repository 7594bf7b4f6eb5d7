package dev.vsskit.cli.shadow;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.VssId;
import java.io.PrintWriter;
import java.util.List;

/** What {@code delete shadows} did: the shadows deleted, and those it could not delete. */
record DeletedShadows(List<VssId> deleted, List<VssId> failed) {

    DeletedShadows {
        deleted = List.copyOf(deleted);
        failed = List.copyOf(failed);
    }

    static final RecordView<DeletedShadows> VIEW = new RecordView<>() {
        @Override
        public List<Field<DeletedShadows>> fields() {
            return List.of(
                    Field.of("deletedCount", d -> d.deleted().size()),
                    Field.of("deleted", d -> d.deleted().stream().map(VssId::toString).toList()),
                    Field.of("failed", d -> d.failed().stream().map(VssId::toString).toList()));
        }

        @Override
        public void text(List<DeletedShadows> rows, PrintWriter out) {
            for (DeletedShadows d : rows) {
                out.println("Successfully deleted " + d.deleted().size() + " shadow copies.");
            }
        }
    };
}
