package dev.vsskit.vss.windows;

import com.sun.jna.Function;
import com.sun.jna.Pointer;
import java.util.List;
import java.util.Objects;

/**
 * One exported Win32 function as a binding calls it (the flat-function counterpart of {@link ComMethod}): its
 * DLL, its C return type and name, and the C parameter types of the SDK prototype. The same record drives the
 * call ({@link #invokeInt}) and the header check, which compiles C generated from it against the MinGW-w64
 * headers on the Win64 ABI, so a prototype here that does not match the SDK header fails the build naming the
 * function.
 */
public record NativeFunction(String dll, String returns, String name, List<String> params) {

    /** How a C type crosses the seam from Java. */
    public enum Pass {
        /** DWORD, BOOL, WINBOOL: a Java {@code Integer}. */
        INT32,
        /** Any pointer (strings are explicit UTF-16LE memory, structures and out-parameters are memory). */
        POINTER,
        /** {@code VOID} (return type only). */
        VOID
    }

    public NativeFunction {
        Objects.requireNonNull(dll, "dll");
        Objects.requireNonNull(name, "name");
        params = List.copyOf(params);
        pass(returns);
        params.forEach(NativeFunction::pass);
    }

    public static NativeFunction of(String dll, String returns, String name, String... params) {
        return new NativeFunction(dll, returns, name, List.of(params));
    }

    /** How {@code cType} is passed; an unknown type is a programming error in the table. */
    public static Pass pass(String cType) {
        String t = cType.trim();
        if (t.endsWith("*") || t.startsWith("LP") || t.startsWith("P") || t.equals("HLOCAL")) {
            return Pass.POINTER;
        }
        if (t.equals("DWORD") || t.equals("BOOL") || t.equals("WINBOOL")) {
            return Pass.INT32;
        }
        if (t.equals("VOID")) {
            return Pass.VOID;
        }
        throw new IllegalArgumentException("no Java passing rule for C type '" + cType + "'");
    }

    /**
     * Calls the function (Windows only) and returns its 32-bit result, or 0 for VOID and pointer results. Each
     * argument must have the Java type its C type is passed as (checked, so a call cannot drift from the table
     * the header check verified).
     */
    public int invokeInt(Object... args) {
        if (args.length != params.size()) {
            throw new IllegalArgumentException(this + " takes " + params.size() + " arguments, not " + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            boolean ok = switch (pass(params.get(i))) {
                case INT32 -> a instanceof Integer;
                case POINTER -> a == null || a instanceof Pointer;
                case VOID -> false;
            };
            if (!ok) {
                throw new IllegalArgumentException(this + ": argument " + (i + 1) + " (" + params.get(i) + ") given as "
                        + (a == null ? "null" : a.getClass().getSimpleName()));
            }
        }
        Function f = Function.getFunction(dll, name, Function.ALT_CONVENTION);
        return switch (pass(returns)) {
            case INT32 -> f.invokeInt(args);
            case POINTER -> {
                f.invokePointer(args);
                yield 0;
            }
            case VOID -> {
                f.invokeVoid(args);
                yield 0;
            }
        };
    }

    @Override
    public String toString() {
        return dll + "!" + name;
    }
}
