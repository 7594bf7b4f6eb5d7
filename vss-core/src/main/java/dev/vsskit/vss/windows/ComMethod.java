package dev.vsskit.vss.windows;

import com.sun.jna.Function;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import java.util.List;
import java.util.Objects;

/**
 * One method of a COM interface as the binding calls it: vtable slot, name and the C parameter types the SDK
 * prototype declares (after the interface pointer). The same record drives the call ({@link #call}) and the
 * header check, which compiles C generated from it against the MinGW-w64 SDK headers, so a slot or a type here
 * that does not match {@code vsbackup.h} fails the build naming the method.
 */
public record ComMethod(String iface, int slot, String name, List<String> params) {

    /** How a C parameter type is passed from Java. */
    public enum Pass {
        /** LONG, BOOL, UINT, DWORD, ULONG, HRESULT, enums: a Java {@code Integer}. */
        INT32,
        /** C++ {@code bool} / {@code boolean}: a Java {@code Byte} (0 or 1). */
        BOOL8,
        /** Any pointer (strings are explicit UTF-16LE memory, out-parameters are memory): a {@code Pointer} or null. */
        POINTER,
        /** VSS_ID / GUID by value: a {@code Guid.GUID.ByValue}. */
        GUID_BY_VALUE
    }

    public ComMethod {
        Objects.requireNonNull(iface, "iface");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        params.forEach(ComMethod::pass);
    }

    static ComMethod of(String iface, int slot, String name, String... params) {
        return new ComMethod(iface, slot, name, List.of(params));
    }

    /** How {@code cType} is passed; an unknown type is a programming error in the table. */
    public static Pass pass(String cType) {
        String t = cType.trim();
        if (t.equals("RPC_AUTH_IDENTITY_HANDLE")) {
            return Pass.POINTER; // CoSetProxyBlanket's authentication identity (a void*)
        }
        if (t.endsWith("*") || t.equals("VSS_PWSZ") || t.equals("BSTR") || t.startsWith("LP") || t.startsWith("REF")
                || t.equals("PVSSCOMPONENTINFO") || t.equals("PSECURITY_DESCRIPTOR") || t.equals("PULARGE_INTEGER")
                || t.equals("PVOID") || t.equals("PCREDENTIALW") || t.equals("HLOCAL") || t.equals("HANDLE")) {
            return Pass.POINTER;
        }
        if (t.equals("VSS_ID") || t.equals("GUID")) {
            return Pass.GUID_BY_VALUE;
        }
        if (t.equals("bool") || t.equals("boolean")) {
            return Pass.BOOL8;
        }
        if (t.equals("LONG") || t.equals("BOOL") || t.equals("UINT") || t.equals("ULONG") || t.equals("DWORD")
                || t.equals("HRESULT") || t.equals("INT") || t.equals("CIMTYPE") || t.startsWith("VSS_")) {
            return Pass.INT32;
        }
        throw new IllegalArgumentException("no Java passing rule for C type '" + cType + "'");
    }

    /**
     * Calls this method on the interface pointer {@code self} (the caller is on the COM thread) and returns the
     * HRESULT. Each argument must have the Java type its C type is passed as (checked, so a call cannot drift from
     * the table the header check verified).
     */
    public int call(Pointer self, Object... args) {
        if (self == null || Pointer.nativeValue(self) == 0) {
            throw new IllegalArgumentException(this + ": null interface pointer");
        }
        checkArgs(toString(), params, args);
        Object[] full = new Object[args.length + 1];
        full[0] = self;
        System.arraycopy(args, 0, full, 1, args.length);
        Pointer vtbl = self.getPointer(0);
        Pointer fn = vtbl.getPointer((long) slot * Native.POINTER_SIZE);
        return Function.getFunction(fn).invokeInt(full);
    }

    /**
     * Each argument must have the Java type its C type is passed as, and there must be as many as the prototype
     * has (checked, so a call cannot drift from the table the header check verified).
     */
    static void checkArgs(String what, List<String> params, Object[] args) {
        if (args.length != params.size()) {
            throw new IllegalArgumentException(what + " takes " + params.size() + " arguments, not " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            boolean ok = switch (pass(params.get(i))) {
                case INT32 -> a instanceof Integer;
                case BOOL8 -> a instanceof Byte;
                case POINTER -> a == null || a instanceof Pointer;
                case GUID_BY_VALUE -> a instanceof Guid.GUID.ByValue;
            };
            if (!ok) {
                throw new IllegalArgumentException(what + ": argument " + (i + 1) + " (" + params.get(i) + ") given as "
                        + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
    }

    @Override
    public String toString() {
        return iface + "::" + name + " (slot " + slot + ")";
    }
}
