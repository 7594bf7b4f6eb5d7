package dev.vsskit.vss.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import dev.vsskit.vss.VssId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Strings, GUIDs and timestamps in native memory as Windows lays them out: strings are UTF-16LE with a 2-byte
 * terminator (never JNA's {@code WString}, whose {@code wchar_t} is 4 bytes on Linux), a BSTR has its byte
 * length in the 4 bytes before the text, a GUID is {@code Data1} (4), {@code Data2} (2), {@code Data3} (2),
 * {@code Data4[8]}, little-endian, and VSS_TIMESTAMP is FILETIME (100-ns ticks since 1601, UTC). Public because
 * a test double on the other side of the seam writes the same layouts.
 */
public final class NativeData {

    /** 100-ns ticks between 1601-01-01 and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;

    private NativeData() {
    }

    /** A NUL-terminated UTF-16LE copy of {@code text}. */
    public static Memory utf16(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(b.length + 2L);
        m.write(0, b, 0, b.length);
        m.setShort(b.length, (short) 0);
        return m;
    }

    /** A BSTR-shaped copy of {@code text}: returns the pointer to the text (length prefix before it). */
    public static Pointer bstr(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(4L + b.length + 2L);
        m.setInt(0, b.length);
        m.write(4, b, 0, b.length);
        m.setShort(4L + b.length, (short) 0);
        return m.share(4);
    }

    /** The NUL-terminated UTF-16LE string at {@code p}; null for a null pointer. */
    public static String readUtf16(Pointer p) {
        if (p == null || Pointer.nativeValue(p) == 0) {
            return null;
        }
        long n = 0;
        while (p.getShort(n) != 0) {
            n += 2;
        }
        return new String(p.getByteArray(0, (int) n), StandardCharsets.UTF_16LE);
    }

    public static VssId readGuid(Pointer p, long offset) {
        long data1 = p.getInt(offset) & 0xffffffffL;
        long data2 = p.getShort(offset + 4) & 0xffffL;
        long data3 = p.getShort(offset + 6) & 0xffffL;
        long msb = (data1 << 32) | (data2 << 16) | data3;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = (lsb << 8) | (p.getByte(offset + 8 + i) & 0xffL);
        }
        return new VssId(new UUID(msb, lsb));
    }

    public static void writeGuid(Pointer p, long offset, VssId id) {
        long msb = id.uuid().getMostSignificantBits();
        long lsb = id.uuid().getLeastSignificantBits();
        p.setInt(offset, (int) (msb >>> 32));
        p.setShort(offset + 4, (short) (msb >>> 16));
        p.setShort(offset + 6, (short) msb);
        for (int i = 0; i < 8; i++) {
            p.setByte(offset + 8 + i, (byte) (lsb >>> (56 - 8 * i)));
        }
    }

    /** A 16-byte GUID in native memory (for out-parameters and REFIID). */
    public static Memory guidMemory(VssId id) {
        Memory m = new Memory(16);
        writeGuid(m, 0, id);
        return m;
    }

    /** A GUID passed by value, as the SDK prototypes take VSS_ID. */
    public static Guid.GUID.ByValue byValue(VssId id) {
        Guid.GUID.ByValue g = new Guid.GUID.ByValue();
        writeGuid(g.getPointer(), 0, id);
        g.read();
        return g;
    }

    /** A GUID received by value (on the other side of a call). */
    public static VssId fromGuid(Guid.GUID g) {
        g.write();
        return readGuid(g.getPointer(), 0);
    }

    public static Guid.GUID guid(VssId id) {
        Guid.GUID g = new Guid.GUID();
        writeGuid(g.getPointer(), 0, id);
        g.read();
        return g;
    }

    public static Instant fromFileTime(long ticks) {
        long t = ticks - FILETIME_EPOCH_OFFSET;
        return Instant.ofEpochSecond(Math.floorDiv(t, 10_000_000L), Math.floorMod(t, 10_000_000L) * 100L);
    }

    public static long toFileTime(Instant instant) {
        return instant.getEpochSecond() * 10_000_000L + instant.getNano() / 100 + FILETIME_EPOCH_OFFSET;
    }
}
