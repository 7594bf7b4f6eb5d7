package dev.vsskit.vss.windows;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Guid;
import com.sun.jna.ptr.PointerByReference;
import dev.vsskit.vss.ProviderRegistrations;

/**
 * The one seam between the COM binding and the operating system: every native entry point the binding uses
 * (VssApi, Ole32, OleAut32, plus the registry and volume facts it reads) is a method here. On Windows it is
 * {@link WindowsNative}; tests on Linux supply their own, which serves VSS as native COM objects, so the same
 * binding classes make the same vtable calls there. Return values are raw HRESULTs (32-bit ints).
 */
public interface VssNative {

    /** Bytes in a pointer of this process (8 on a 64-bit JVM; the binding refuses anything else). */
    int pointerSize();

    /** The computer name, as VSS prints it for originating and service machine. */
    String computerName();

    /** The VSS provider registrations ({@code HKLM\SYSTEM\CurrentControlSet\Services\VSS\Providers}). */
    ProviderRegistrations.Result providerRegistrations();

    /** Total size in bytes of the volume with this GUID name ({@code GetDiskFreeSpaceExW}); 0 when unknown. */
    long volumeCapacityBytes(String volumeName);

    /** Ole32 {@code CoInitializeEx(NULL, coInit)}. */
    int coInitializeEx(int coInit);

    /**
     * Ole32 {@code CoInitializeSecurity(NULL, -1, NULL, NULL, authnLevel, impLevel, NULL, capabilities, NULL)}.
     */
    int coInitializeSecurity(int authnLevel, int impLevel, int capabilities);

    /** Ole32 {@code CoUninitialize()}. */
    void coUninitialize();

    /** Ole32 {@code CoCreateInstance(clsid, NULL, clsContext, iid, out)}. */
    int coCreateInstance(Guid.GUID clsid, int clsContext, Guid.GUID iid, PointerByReference out);

    /** VssApi {@code CreateVssBackupComponents(&out)} (exported as {@code CreateVssBackupComponentsInternal}). */
    int createVssBackupComponents(PointerByReference out);

    /** VssApi {@code VssFreeSnapshotProperties(VSS_SNAPSHOT_PROP*)}: frees the strings the structure points to. */
    void vssFreeSnapshotProperties(Pointer snapshotProp);

    /** Ole32 {@code CoTaskMemFree}. */
    void coTaskMemFree(Pointer p);

    /** OleAut32 {@code SysFreeString}. */
    void sysFreeString(Pointer bstr);

    /**
     * Ole32 {@code CoSetProxyBlanket(proxy, authnSvc, authzSvc, NULL, authnLevel, impLevel, NULL, capabilities)}: the
     * WMI services proxy's security (Microsoft's WMI samples set it after ConnectServer).
     */
    int coSetProxyBlanket(Pointer proxy, int authnSvc, int authzSvc, int authnLevel, int impLevel, int capabilities);

    /** OleAut32 {@code VariantClear(VARIANT*)}: frees what a VARIANT holds (a WMI property's BSTR). */
    int variantClear(Pointer variant);
}
