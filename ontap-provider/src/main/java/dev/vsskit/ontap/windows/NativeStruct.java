package dev.vsskit.ontap.windows;

import java.util.List;

/**
 * A C structure as the binding reads and writes it on Win64: its size and the offset of each member it uses.
 * The header check asserts every {@code sizeof} and {@code offsetof} against the MinGW-w64 SDK headers.
 */
public record NativeStruct(String cName, int size, List<Field> fields) {

    /** A member: its C name and byte offset. */
    public record Field(String name, int offset) {
    }

    public NativeStruct {
        fields = List.copyOf(fields);
    }

    public long offset(String name) {
        for (Field f : fields) {
            if (f.name().equals(name)) {
                return f.offset();
            }
        }
        throw new IllegalArgumentException(cName + " has no member " + name + " in the binding's table");
    }
}
