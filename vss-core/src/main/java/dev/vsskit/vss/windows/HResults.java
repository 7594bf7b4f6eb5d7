package dev.vsskit.vss.windows;

import dev.vsskit.vss.HResult;
import java.util.Locale;

/** The COM/Win32 HRESULTs the binding handles by value (VSS's own codes are {@link HResult}). */
final class HResults {

    public static final int S_OK = 0;
    public static final int S_FALSE = 1;
    public static final int E_NOTIMPL = 0x80004001;
    public static final int E_UNEXPECTED = 0x8000FFFF;
    public static final int E_ACCESSDENIED = 0x80070005;
    public static final int E_OUTOFMEMORY = 0x8007000E;
    public static final int E_INVALIDARG = 0x80070057;
    /** CoInitializeSecurity after the process's security was already set (by the JVM or a library). */
    public static final int RPC_E_TOO_LATE = 0x80010119;
    /** CoInitializeEx on a thread that is already in another apartment. */
    public static final int RPC_E_CHANGED_MODE = 0x80010106;

    private HResults() {
    }

    /** {@code VSS_E_BAD_STATE (0x80042301)}, {@code E_ACCESSDENIED (0x80070005)} or just the hex. */
    public static String describe(int hr) {
        String hex = String.format(Locale.ROOT, "0x%08x", hr);
        String name = HResult.of(hr).map(Enum::name).orElse(switch (hr) {
            case E_NOTIMPL -> "E_NOTIMPL";
            case E_UNEXPECTED -> "E_UNEXPECTED";
            case E_ACCESSDENIED -> "E_ACCESSDENIED";
            case E_OUTOFMEMORY -> "E_OUTOFMEMORY";
            case E_INVALIDARG -> "E_INVALIDARG";
            case RPC_E_TOO_LATE -> "RPC_E_TOO_LATE";
            case RPC_E_CHANGED_MODE -> "RPC_E_CHANGED_MODE";
            default -> null;
        });
        return name == null ? hex : name + " (" + hex + ")";
    }
}
