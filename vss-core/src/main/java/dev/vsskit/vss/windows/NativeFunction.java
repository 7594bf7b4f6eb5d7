package dev.vsskit.vss.windows;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.util.List;
import java.util.Objects;

/**
 * One exported function a seam's Windows side calls ({@link WindowsNative}; the ONTAP credential binding has
 * its own table of them): library, name, C return and parameter types as the SDK declares them. Like {@link ComMethod}, the record drives the call (arguments checked
 * against the C types) and the header check (its prototype compiled against the MinGW-w64 declarations).
 */
public record NativeFunction(String library, String name, String returnType, List<String> params) {

    public NativeFunction {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(returnType, "returnType");
        params = List.copyOf(params);
        params.forEach(ComMethod::pass);
    }

    public static NativeFunction of(String library, String returnType, String name, String... params) {
        return new NativeFunction(library, name, returnType, List.of(params));
    }

    public static final NativeFunction CO_INITIALIZE_EX = of("ole32", "HRESULT", "CoInitializeEx", "LPVOID", "DWORD");
    public static final NativeFunction CO_INITIALIZE_SECURITY = of("ole32", "HRESULT", "CoInitializeSecurity",
            "PSECURITY_DESCRIPTOR", "LONG", "SOLE_AUTHENTICATION_SERVICE*", "void*", "DWORD", "DWORD", "void*", "DWORD",
            "void*");
    public static final NativeFunction CO_UNINITIALIZE = of("ole32", "void", "CoUninitialize");
    public static final NativeFunction CO_CREATE_INSTANCE = of("ole32", "HRESULT", "CoCreateInstance", "REFCLSID",
            "LPUNKNOWN", "DWORD", "REFIID", "LPVOID*");
    public static final NativeFunction CO_TASK_MEM_FREE = of("ole32", "void", "CoTaskMemFree", "LPVOID");
    public static final NativeFunction SYS_FREE_STRING = of("oleaut32", "void", "SysFreeString", "BSTR");
    public static final NativeFunction CREATE_VSS_BACKUP_COMPONENTS = of("VssApi", "HRESULT",
            "CreateVssBackupComponentsInternal", "IVssBackupComponents**");
    public static final NativeFunction VSS_FREE_SNAPSHOT_PROPERTIES = of("VssApi", "void",
            "VssFreeSnapshotPropertiesInternal", "VSS_SNAPSHOT_PROP*");
    public static final NativeFunction GET_DISK_FREE_SPACE_EX = of("kernel32", "BOOL", "GetDiskFreeSpaceExW", "LPCWSTR",
            "PULARGE_INTEGER", "PULARGE_INTEGER", "PULARGE_INTEGER");

    public static final List<NativeFunction> ALL = List.of(CO_INITIALIZE_EX, CO_INITIALIZE_SECURITY, CO_UNINITIALIZE,
            CO_CREATE_INSTANCE, CO_TASK_MEM_FREE, SYS_FREE_STRING, CREATE_VSS_BACKUP_COMPONENTS,
            VSS_FREE_SNAPSHOT_PROPERTIES, GET_DISK_FREE_SPACE_EX);

    /**
     * Calls this function in its own library (Windows only) with checked arguments: an {@code Integer} for a 32-bit
     * result, a {@code Pointer} for a pointer-sized one ({@code HANDLE}), null for {@code void}. For seams outside
     * this package (the ONTAP credential and disk bindings).
     */
    public Object call(Object... args) {
        return invoke(NativeLibrary.getInstance(library), name, args);
    }

    /** Calls the export {@code export} of {@code lib} (this function, or its mangled alias) with checked arguments. */
    Object invoke(NativeLibrary lib, String export, Object... args) {
        ComMethod.checkArgs(name, params, args);
        Function f = lib.getFunction(export);
        return switch (returnType) {
            case "void" -> {
                f.invokeVoid(args);
                yield null;
            }
            case "HANDLE" -> f.invokePointer(args);
            default -> f.invokeInt(args);
        };
    }
}
