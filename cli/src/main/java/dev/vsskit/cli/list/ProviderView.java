package dev.vsskit.cli.list;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.Provider;
import java.io.PrintWriter;
import java.util.List;

/** {@code list providers}: vssadmin's MSG_INFO_PROVIDER_CONTENTS block per provider. */
public final class ProviderView implements RecordView<Provider> {

    public static final ProviderView INSTANCE = new ProviderView();

    /** Built on first use: text output needs no getters, so it starts without bootstrapping lambdas. */
    private static final class Fields {
        static final List<Field<Provider>> ALL = List.of(
                Field.of("name", Provider::name),
                Field.of("type", p -> p.type().text()),
                Field.of("typeCode", p -> p.type().value()),
                Field.of("id", p -> p.id().toString()),
                Field.of("version", Provider::version));
    }

    @Override
    public List<Field<Provider>> fields() {
        return Fields.ALL;
    }

    @Override
    public void text(List<Provider> rows, PrintWriter out) {
        for (Provider p : rows) {
            out.println("Provider name: '" + p.name() + "'");
            out.println("   Provider type: " + p.type().text());
            out.println("   Provider Id: " + p.id());
            out.println("   Version: " + p.version());
            out.println();
        }
    }
}
