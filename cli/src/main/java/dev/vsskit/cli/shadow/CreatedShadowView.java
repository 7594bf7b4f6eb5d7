package dev.vsskit.cli.shadow;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.Shadow;
import java.io.PrintWriter;
import java.util.List;

/** {@code create shadow}'s result: vssadmin's MSG_INFO_SNAPSHOT_CREATED in text, the shadow's fields in JSON/CSV. */
final class CreatedShadowView implements RecordView<Shadow> {

    static final CreatedShadowView INSTANCE = new CreatedShadowView();

    private static final List<Field<Shadow>> FIELDS = List.of(
            Field.of("shadowId", s -> s.shadowId().toString()),
            Field.of("setId", s -> s.setId().toString()),
            Field.of("originalVolumePath", Shadow::originalVolumePath),
            Field.of("originalVolumeName", Shadow::originalVolumeName),
            Field.of("shadowVolume", Shadow::shadowVolume),
            Field.of("providerId", s -> s.providerId().toString()),
            Field.of("providerName", Shadow::providerName),
            Field.of("type", s -> s.context().typeName()),
            Field.of("created", s -> s.created().toString()));

    @Override
    public List<Field<Shadow>> fields() {
        return FIELDS;
    }

    @Override
    public void text(List<Shadow> rows, PrintWriter out) {
        for (Shadow s : rows) {
            out.println("Successfully created shadow copy for '" + s.originalVolumePath() + "'");
            out.println("    Shadow Copy ID: " + s.shadowId());
            out.println("    Shadow Copy Volume Name: " + s.shadowVolume());
        }
    }
}
