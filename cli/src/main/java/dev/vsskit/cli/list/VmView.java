package dev.vsskit.cli.list;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.VmDescription;
import java.io.PrintWriter;
import java.util.List;

/** {@code list vms}: one block per VM, in vssadmin's indented style; its files last, one a line. */
public final class VmView implements RecordView<VmDescription> {

    public static final VmView INSTANCE = new VmView();

    private static final class Fields {
        static final List<Field<VmDescription>> ALL = List.of(
                Field.of("name", VmDescription::name),
                Field.of("id", v -> v.id().toString()),
                Field.of("state", VmDescription::state),
                Field.of("running", VmDescription::running),
                Field.of("ownerNode", VmDescription::ownerNode),
                Field.of("onlineBackup", VmDescription::onlineBackup),
                Field.of("backupMethod", VmDescription::backupMethod),
                Field.of("volumes", v -> List.copyOf(v.volumes())),
                Field.of("files", v -> List.copyOf(v.files())));
    }

    @Override
    public List<Field<VmDescription>> fields() {
        return Fields.ALL;
    }

    @Override
    public void text(List<VmDescription> rows, PrintWriter out) {
        if (rows.isEmpty()) {
            out.println("No virtual machines found.");
            return;
        }
        for (VmDescription v : rows) {
            out.println("VM name: " + v.name());
            out.println("   VM Id: " + v.id());
            out.println("   State: " + v.state());
            out.println("   Owner node: " + v.ownerNode());
            out.println("   Backup: " + (v.files().isEmpty()
                    ? "not from this host (no writer here reports it; on a cluster, back it up on its owner node)"
                    : v.onlineBackup() ? "Online (the guest has the backup integration service)"
                    : "Saved State (no backup integration service in the guest: backed up in saved state)"));
            out.println("   Volumes: " + String.join(", ", v.volumes()));
            out.println("   Files:");
            v.files().forEach(f -> out.println("      " + f));
            out.println();
        }
    }
}
