package dev.vsskit.cli.list;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.Volume;
import java.io.PrintWriter;
import java.util.List;

/** {@code list volumes}: vssadmin's MSG_INFO_VOLUME_CONTENTS (4-space indent on the name line). */
public final class VolumeView implements RecordView<Volume> {

    public static final VolumeView INSTANCE = new VolumeView();

    /** Built on first use: text output needs no getters, so it starts without bootstrapping lambdas. */
    private static final class Fields {
        static final List<Field<Volume>> ALL = List.of(
                Field.of("path", Volume::path),
                Field.of("name", Volume::name));
    }

    @Override
    public List<Field<Volume>> fields() {
        return Fields.ALL;
    }

    @Override
    public void text(List<Volume> rows, PrintWriter out) {
        for (Volume v : rows) {
            out.println("Volume path: " + v.path());
            out.println("    Volume name: " + v.name());
            out.println();
        }
    }
}
