package dev.vsskit.lab.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.vss.windows.NativeData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The memory the served VSS hands to the requester, by kind (CoTaskMem strings, BSTRs, component info), so a
 * test can check that the binding freed every block with the right function and nothing twice.
 */
final class NativeHeap {

    enum Kind { COTASKMEM, BSTR, COMPONENT_INFO }

    private record Block(Memory memory, Kind kind) {
    }

    private final Map<Long, Block> live = new ConcurrentHashMap<>();
    private final List<String> violations;

    NativeHeap(List<String> violations) {
        this.violations = violations;
    }

    Pointer string(String text) {
        Memory m = NativeData.utf16(text);
        live.put(Pointer.nativeValue(m), new Block(m, Kind.COTASKMEM));
        return m;
    }

    Pointer bstr(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_16LE);
        Memory m = new Memory(4L + b.length + 2L);
        m.setInt(0, b.length);
        m.write(4, b, 0, b.length);
        m.setShort(4L + b.length, (short) 0);
        Pointer p = m.share(4);
        live.put(Pointer.nativeValue(p), new Block(m, Kind.BSTR));
        return p;
    }

    Pointer block(long size, Kind kind) {
        Memory m = new Memory(size);
        m.clear();
        live.put(Pointer.nativeValue(m), new Block(m, kind));
        return m;
    }

    void free(Pointer p, Kind kind, String how) {
        if (p == null) {
            return;
        }
        Block b = live.remove(Pointer.nativeValue(p));
        if (b == null) {
            violations.add(how + " of memory the served VSS did not allocate (or freed twice)");
        } else if (b.kind() != kind) {
            live.put(Pointer.nativeValue(p), b);
            violations.add(how + " of a " + b.kind() + " block");
        }
    }

    /** Blocks handed out and not freed, by kind. */
    List<String> outstanding() {
        List<String> out = new ArrayList<>();
        live.values().forEach(b -> out.add(b.kind().name()));
        return out;
    }
}
