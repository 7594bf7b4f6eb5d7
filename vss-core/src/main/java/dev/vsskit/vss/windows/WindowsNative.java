package dev.vsskit.vss.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.vss.ProviderRegistrations;

/**
 * {@link VssNative} on Windows: VssApi.dll, ole32.dll, oleaut32.dll and kernel32.dll through the header-checked
 * {@link NativeFunction} table, the registry through jna-platform. VssApi exports
 * {@code CreateVssBackupComponentsInternal} and {@code VssFreeSnapshotPropertiesInternal} (vsbackup.h's inline
 * wrappers call them); older versions only the mangled C++ names, which are tried second.
 */
final class WindowsNative implements VssNative {

    private static final String MANGLED_CREATE = "?CreateVssBackupComponents@@YAJPEAPEAVIVssBackupComponents@@@Z";
    private static final String MANGLED_FREE = "?VssFreeSnapshotProperties@@YAXPEAU_VSS_SNAPSHOT_PROP@@@Z";

    private static NativeLibrary lib(NativeFunction f) {
        return NativeLibrary.getInstance(f.library());
    }

    private static Object call(NativeFunction f, Object... args) {
        return f.invoke(lib(f), f.name(), args);
    }

    /** The export by its documented name, else by the mangled C++ name older VssApi versions export. */
    private static Object callVssApi(NativeFunction f, String mangled, Object... args) {
        NativeLibrary l = lib(f);
        try {
            l.getFunction(f.name());
            return f.invoke(l, f.name(), args);
        } catch (UnsatisfiedLinkError e) {
            return f.invoke(l, mangled, args);
        }
    }

    @Override
    public int pointerSize() {
        return Native.POINTER_SIZE;
    }

    @Override
    public String computerName() {
        try {
            return Kernel32Util.getComputerName();
        } catch (Win32Exception | UnsatisfiedLinkError e) {
            return System.getenv().getOrDefault("COMPUTERNAME", "localhost");
        }
    }

    @Override
    public ProviderRegistrations.Result providerRegistrations() {
        return WindowsProviderRegistry.read();
    }

    @Override
    public long volumeCapacityBytes(String volumeName) {
        Memory free = new Memory(8);
        Memory total = new Memory(8);
        Memory totalFree = new Memory(8);
        int ok = (Integer) call(NativeFunction.GET_DISK_FREE_SPACE_EX, NativeData.utf16(volumeName), free, total, totalFree);
        return ok != 0 ? total.getLong(0) : 0L;
    }

    @Override
    public int coInitializeEx(int coInit) {
        return (Integer) call(NativeFunction.CO_INITIALIZE_EX, null, coInit);
    }

    @Override
    public int coInitializeSecurity(int authnLevel, int impLevel, int capabilities) {
        return (Integer) call(NativeFunction.CO_INITIALIZE_SECURITY, null, -1, null, null, authnLevel, impLevel, null,
                capabilities, null);
    }

    @Override
    public void coUninitialize() {
        call(NativeFunction.CO_UNINITIALIZE);
    }

    @Override
    public int coCreateInstance(Guid.GUID clsid, int clsContext, Guid.GUID iid, PointerByReference out) {
        clsid.write();
        iid.write();
        return (Integer) call(NativeFunction.CO_CREATE_INSTANCE, clsid.getPointer(), null, clsContext, iid.getPointer(),
                out.getPointer());
    }

    @Override
    public int createVssBackupComponents(PointerByReference out) {
        return (Integer) callVssApi(NativeFunction.CREATE_VSS_BACKUP_COMPONENTS, MANGLED_CREATE, out.getPointer());
    }

    @Override
    public void vssFreeSnapshotProperties(Pointer snapshotProp) {
        callVssApi(NativeFunction.VSS_FREE_SNAPSHOT_PROPERTIES, MANGLED_FREE, snapshotProp);
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        call(NativeFunction.CO_TASK_MEM_FREE, p);
    }

    @Override
    public void sysFreeString(Pointer bstr) {
        call(NativeFunction.SYS_FREE_STRING, bstr);
    }

    @Override
    public int coSetProxyBlanket(Pointer proxy, int authnSvc, int authzSvc, int authnLevel, int impLevel,
            int capabilities) {
        return (Integer) call(WmiInterfaces.CO_SET_PROXY_BLANKET, proxy, authnSvc, authzSvc, null, authnLevel, impLevel,
                null, capabilities);
    }

    @Override
    public int variantClear(Pointer variant) {
        return (Integer) call(WmiInterfaces.VARIANT_CLEAR, variant);
    }
}
