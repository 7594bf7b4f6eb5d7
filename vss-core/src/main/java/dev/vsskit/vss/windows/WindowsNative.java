package dev.vsskit.vss.windows;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.vss.ProviderRegistrations;

/**
 * {@link VssNative} on Windows: VssApi.dll, ole32.dll and oleaut32.dll through JNA, the registry through
 * jna-platform. VssApi exports {@code CreateVssBackupComponentsInternal} and
 * {@code VssFreeSnapshotPropertiesInternal} (vsbackup.h's inline wrappers call them).
 */
final class WindowsNative implements VssNative {

    private NativeLibrary vssApi;
    private NativeLibrary ole32;
    private NativeLibrary oleAut32;

    private synchronized NativeLibrary vssApi() {
        if (vssApi == null) {
            vssApi = NativeLibrary.getInstance("VssApi");
        }
        return vssApi;
    }

    private synchronized NativeLibrary ole32() {
        if (ole32 == null) {
            ole32 = NativeLibrary.getInstance("ole32");
        }
        return ole32;
    }

    private synchronized NativeLibrary oleAut32() {
        if (oleAut32 == null) {
            oleAut32 = NativeLibrary.getInstance("oleaut32");
        }
        return oleAut32;
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
        WinNT.LARGE_INTEGER free = new WinNT.LARGE_INTEGER();
        WinNT.LARGE_INTEGER total = new WinNT.LARGE_INTEGER();
        WinNT.LARGE_INTEGER totalFree = new WinNT.LARGE_INTEGER();
        return Kernel32.INSTANCE.GetDiskFreeSpaceEx(volumeName, free, total, totalFree) ? total.getValue() : 0L;
    }

    @Override
    public int coInitializeEx(int coInit) {
        return ole32().getFunction("CoInitializeEx").invokeInt(new Object[] {null, coInit});
    }

    @Override
    public int coInitializeSecurity(int authnLevel, int impLevel, int capabilities) {
        return ole32().getFunction("CoInitializeSecurity").invokeInt(new Object[] {
            null, -1, null, null, authnLevel, impLevel, null, capabilities, null});
    }

    @Override
    public void coUninitialize() {
        ole32().getFunction("CoUninitialize").invokeVoid(new Object[0]);
    }

    @Override
    public int coCreateInstance(Guid.GUID clsid, int clsContext, Guid.GUID iid, PointerByReference out) {
        return ole32().getFunction("CoCreateInstance").invokeInt(new Object[] {clsid, null, clsContext, iid, out});
    }

    @Override
    public int createVssBackupComponents(PointerByReference out) {
        return function(vssApi(), "CreateVssBackupComponentsInternal",
                "?CreateVssBackupComponents@@YAJPEAPEAVIVssBackupComponents@@@Z").invokeInt(new Object[] {out});
    }

    @Override
    public void vssFreeSnapshotProperties(Pointer snapshotProp) {
        function(vssApi(), "VssFreeSnapshotPropertiesInternal", "?VssFreeSnapshotProperties@@YAXPEAU_VSS_SNAPSHOT_PROP@@@Z")
                .invokeVoid(new Object[] {snapshotProp});
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        ole32().getFunction("CoTaskMemFree").invokeVoid(new Object[] {p});
    }

    @Override
    public void sysFreeString(Pointer bstr) {
        oleAut32().getFunction("SysFreeString").invokeVoid(new Object[] {bstr});
    }

    /** The export by its documented name, else by the mangled C++ name older VssApi versions export. */
    private static Function function(NativeLibrary lib, String name, String mangled) {
        try {
            return lib.getFunction(name);
        } catch (UnsatisfiedLinkError e) {
            return lib.getFunction(mangled);
        }
    }
}
