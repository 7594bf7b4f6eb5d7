package dev.vsskit.cli.list;

import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.vss.ShadowStorage;
import java.io.PrintWriter;
import java.util.List;

/** {@code list shadowstorage}: vssadmin's MSG_INFO_SNAPSHOT_STORAGE_CONTENTS block per association. */
public final class ShadowStorageView implements RecordView<ShadowStorage> {

    public static final ShadowStorageView INSTANCE = new ShadowStorageView();

    /** Built on first use: text output needs no getters, so it starts without bootstrapping lambdas. */
    private static final class Fields {
        static final List<Field<ShadowStorage>> ALL = List.of(
                Field.of("forVolumePath", ShadowStorage::forVolumePath),
                Field.of("forVolumeName", ShadowStorage::forVolumeName),
                Field.of("storageVolumePath", ShadowStorage::storageVolumePath),
                Field.of("storageVolumeName", ShadowStorage::storageVolumeName),
                Field.of("usedBytes", ShadowStorage::usedBytes),
                Field.of("allocatedBytes", ShadowStorage::allocatedBytes),
                Field.of("maximumBytes", s -> s.maximumBytes().isPresent() ? (Object) s.maximumBytes().getAsLong() : null),
                Field.of("volumeCapacityBytes", ShadowStorage::volumeCapacityBytes));
    }

    @Override
    public List<Field<ShadowStorage>> fields() {
        return Fields.ALL;
    }

    @Override
    public void text(List<ShadowStorage> rows, PrintWriter out) {
        for (ShadowStorage s : rows) {
            long capacity = s.volumeCapacityBytes();
            out.println("Shadow Copy Storage association");
            out.println("   For volume: (" + ShadowView.displayName(s.forVolumePath()) + ")" + s.forVolumeName());
            out.println("   Shadow Copy Storage volume: (" + ShadowView.displayName(s.storageVolumePath()) + ")"
                    + s.storageVolumeName());
            out.println("   Used Shadow Copy Storage space: " + Sizes.withPercent(s.usedBytes(), capacity));
            out.println("   Allocated Shadow Copy Storage space: " + Sizes.withPercent(s.allocatedBytes(), capacity));
            out.println("   Maximum Shadow Copy Storage space: " + (s.maximumBytes().isPresent()
                    ? Sizes.withPercent(s.maximumBytes().getAsLong(), capacity) : "UNBOUNDED (100%)"));
            out.println();
        }
    }
}
