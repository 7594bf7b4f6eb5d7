package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * IVssEnumObject / IVssEnumMgmtObject: {@code Next(celt, rgelt, &fetched)} writes the next elements (the type,
 * then the union) and returns S_FALSE with fewer than asked at the end.
 */
final class ServedEnum<T> extends ServedObject {

    private final List<T> items;
    private int next;

    ServedEnum(ServedVss vss, String iface, List<T> items, int type, int elementSize, int unionOffset,
            BiConsumer<Pointer, T> write) {
        super(vss, iface, 7);
        this.items = List.copyOf(items);
        set(3, (Fn.FIPP) (self, celt, rgelt, fetched) -> hr("Next", () -> {
            int n = 0;
            while (n < celt && next < this.items.size()) {
                Pointer e = rgelt.share((long) n * elementSize);
                e.setInt(0, type);
                write.accept(e.share(unionOffset), this.items.get(next++));
                n++;
            }
            if (fetched != null) {
                fetched.setInt(0, n);
            }
            return n == celt ? 0 : 1;
        }));
    }
}
