package dev.vsskit.cli.list;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Writer;
import java.io.PrintWriter;
import java.util.List;

/** {@code list writers}: vssadmin's MSG_INFO_WRITER_CONTENTS block per writer. */
public final class WriterView implements RecordView<Writer> {

    public static final WriterView INSTANCE = new WriterView();

    /** vssadmin's line before the writers. */
    public static final String WAITING = "Waiting for responses. These may be delayed if a shadow copy is being prepared.";

    /** Built on first use: text output needs no getters, so it starts without bootstrapping lambdas. */
    private static final class Fields {
        static final List<Field<Writer>> ALL = List.of(
                Field.of("name", Writer::name),
                Field.of("writerId", w -> w.writerId().toString()),
                Field.of("instanceId", w -> w.instanceId().toString()),
                Field.of("state", w -> w.state().text()),
                Field.of("stateCode", w -> w.state().value()),
                Field.of("lastError", w -> w.lastError().text()),
                Field.of("lastErrorHResult", w -> w.lastError().hresult().map(HResult::hex).orElse(null)));
    }

    @Override
    public List<Field<Writer>> fields() {
        return Fields.ALL;
    }

    @Override
    public void text(List<Writer> rows, PrintWriter out) {
        // vssadmin says this before it lists the writers (it asks each one for its status)
        out.println(WAITING);
        out.println();
        for (Writer w : rows) {
            out.println("Writer name: '" + w.name() + "'");
            out.println("   Writer Id: " + w.writerId());
            out.println("   Writer Instance Id: " + w.instanceId());
            out.println("   State: [" + w.state().value() + "] " + w.state().text());
            out.println("   Last error: " + w.lastError().text());
            out.println();
        }
    }
}
