package dev.vsskit.cli.ontap;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import java.io.PrintWriter;
import java.util.List;

/** How {@code ontap credential} results look: where the password is and for whom, never the password. */
final class CredentialViews {

    private CredentialViews() {
    }

    /** A stored (or just deleted) ONTAP credential: target or file, the store, the ONTAP user, what happened. */
    record Credential(String target, String store, String user, String password) {
    }

    static final RecordView<Credential> CREDENTIAL = new RecordView<>() {
        @Override
        public List<Field<Credential>> fields() {
            return List.of(Field.of("target", Credential::target), Field.of("store", Credential::store),
                    Field.of("user", Credential::user), Field.of("password", Credential::password));
        }

        @Override
        public void text(List<Credential> rows, PrintWriter out) {
            for (Credential c : rows) {
                out.println("Credential: " + c.target());
                out.println("   Store: " + c.store());
                out.println("   ONTAP user: " + c.user());
                out.println("   Password: " + c.password() + " (never shown)");
            }
        }
    };
}
