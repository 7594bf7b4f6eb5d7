package dev.vsskit.ontap.windows;

import static dev.vsskit.vss.windows.NativeFunction.of;

import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.NativeFunction;
import dev.vsskit.vss.windows.SdkConstant;
import java.util.List;

/**
 * The Win32 functions, structures and control codes the disk identity code uses (a volume's disks, a disk's SCSI
 * vendor, product, serial number and NAA designator), as the header check verifies them against {@code winioctl.h}
 * ({@link #HEADERS}) on the Win64 ABI.
 */
final class DiskIoApi {

    private DiskIoApi() {
    }

    private static ComStruct.Field f(String name, int offset) {
        return new ComStruct.Field(name, offset);
    }

    /** The SDK headers the tables are checked against, in include order. */
    public static final List<String> HEADERS = List.of("windows.h", "winioctl.h");

    public static final NativeFunction CREATE_FILE = of("kernel32", "HANDLE", "CreateFileW", "LPCWSTR", "DWORD",
            "DWORD", "LPSECURITY_ATTRIBUTES", "DWORD", "DWORD", "HANDLE");
    public static final NativeFunction DEVICE_IO_CONTROL = of("kernel32", "WINBOOL", "DeviceIoControl", "HANDLE",
            "DWORD", "LPVOID", "DWORD", "LPVOID", "DWORD", "LPDWORD", "LPOVERLAPPED");
    public static final NativeFunction CLOSE_HANDLE = of("kernel32", "WINBOOL", "CloseHandle", "HANDLE");

    public static final List<NativeFunction> FUNCTIONS = List.of(CREATE_FILE, DEVICE_IO_CONTROL, CLOSE_HANDLE);

    /** STORAGE_PROPERTY_QUERY: what IOCTL_STORAGE_QUERY_PROPERTY is asked (12 bytes, the buffer vsskit sends). */
    public static final ComStruct STORAGE_PROPERTY_QUERY = new ComStruct("STORAGE_PROPERTY_QUERY", 12, List.of(
            f("PropertyId", 0), f("QueryType", 4), f("AdditionalParameters", 8)));

    /** STORAGE_DEVICE_DESCRIPTOR: the SCSI inquiry data; the strings sit at the offsets it gives (0: none). */
    public static final ComStruct STORAGE_DEVICE_DESCRIPTOR = new ComStruct("STORAGE_DEVICE_DESCRIPTOR", 40, List.of(
            f("Version", 0), f("Size", 4), f("DeviceType", 8), f("VendorIdOffset", 12), f("ProductIdOffset", 16),
            f("ProductRevisionOffset", 20), f("SerialNumberOffset", 24), f("BusType", 28),
            f("RawPropertiesLength", 32), f("RawDeviceProperties", 36)));

    /** STORAGE_DEVICE_ID_DESCRIPTOR: the designators of VPD page 0x83, one STORAGE_IDENTIFIER after another. */
    public static final ComStruct STORAGE_DEVICE_ID_DESCRIPTOR = new ComStruct("STORAGE_DEVICE_ID_DESCRIPTOR", 16,
            List.of(f("Version", 0), f("Size", 4), f("NumberOfIdentifiers", 8), f("Identifiers", 12)));

    /** STORAGE_IDENTIFIER: one designator; the next starts NextOffset bytes after this one's start. */
    public static final ComStruct STORAGE_IDENTIFIER = new ComStruct("STORAGE_IDENTIFIER", 20, List.of(
            f("CodeSet", 0), f("Type", 4), f("IdentifierSize", 8), f("NextOffset", 10), f("Association", 12),
            f("Identifier", 16)));

    /** DISK_EXTENT: one piece of a volume on one disk. */
    public static final ComStruct DISK_EXTENT = new ComStruct("DISK_EXTENT", 24, List.of(
            f("DiskNumber", 0), f("StartingOffset", 8), f("ExtentLength", 16)));

    /** VOLUME_DISK_EXTENTS: a count, then that many DISK_EXTENTs. */
    public static final ComStruct VOLUME_DISK_EXTENTS = new ComStruct("VOLUME_DISK_EXTENTS", 32, List.of(
            f("NumberOfDiskExtents", 0), f("Extents", 8)));

    public static final List<ComStruct> STRUCTS = List.of(STORAGE_PROPERTY_QUERY, STORAGE_DEVICE_DESCRIPTOR,
            STORAGE_DEVICE_ID_DESCRIPTOR, STORAGE_IDENTIFIER, DISK_EXTENT, VOLUME_DISK_EXTENTS);

    public static final int IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS = 0x00560000;
    public static final int IOCTL_STORAGE_QUERY_PROPERTY = 0x002D1400;
    public static final int STORAGE_DEVICE_PROPERTY = 0;
    public static final int STORAGE_DEVICE_ID_PROPERTY = 2;
    public static final int PROPERTY_STANDARD_QUERY = 0;
    public static final int STORAGE_ID_CODE_SET_BINARY = 1;
    public static final int STORAGE_ID_CODE_SET_ASCII = 2;
    /** The NAA designator type (winioctl.h spells it StorageIdTypeFCPHName; StorageIdTypeNAA is a #define of it). */
    public static final int STORAGE_ID_TYPE_NAA = 3;
    public static final int STORAGE_ID_TYPE_SCSI_NAME_STRING = 8;
    public static final int STORAGE_ID_ASSOC_DEVICE = 0;
    public static final int FILE_SHARE_READ = 0x1;
    public static final int FILE_SHARE_WRITE = 0x2;
    public static final int OPEN_EXISTING = 3;
    public static final int ERROR_INSUFFICIENT_BUFFER = 122;
    public static final int ERROR_MORE_DATA = 234;
    public static final int ERROR_ACCESS_DENIED = 5;
    public static final int ERROR_FILE_NOT_FOUND = 2;
    public static final int ERROR_INVALID_FUNCTION = 1;

    public static final List<SdkConstant> CONSTANTS = List.of(
            new SdkConstant("IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS", IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS),
            new SdkConstant("IOCTL_STORAGE_QUERY_PROPERTY", IOCTL_STORAGE_QUERY_PROPERTY),
            new SdkConstant("StorageDeviceProperty", STORAGE_DEVICE_PROPERTY),
            new SdkConstant("StorageDeviceIdProperty", STORAGE_DEVICE_ID_PROPERTY),
            new SdkConstant("PropertyStandardQuery", PROPERTY_STANDARD_QUERY),
            new SdkConstant("StorageIdCodeSetBinary", STORAGE_ID_CODE_SET_BINARY),
            new SdkConstant("StorageIdCodeSetAscii", STORAGE_ID_CODE_SET_ASCII),
            new SdkConstant("StorageIdTypeNAA", STORAGE_ID_TYPE_NAA),
            new SdkConstant("StorageIdTypeScsiNameString", STORAGE_ID_TYPE_SCSI_NAME_STRING),
            new SdkConstant("StorageIdAssocDevice", STORAGE_ID_ASSOC_DEVICE),
            new SdkConstant("FILE_SHARE_READ", FILE_SHARE_READ),
            new SdkConstant("FILE_SHARE_WRITE", FILE_SHARE_WRITE),
            new SdkConstant("OPEN_EXISTING", OPEN_EXISTING),
            new SdkConstant("ERROR_INSUFFICIENT_BUFFER", ERROR_INSUFFICIENT_BUFFER),
            new SdkConstant("ERROR_MORE_DATA", ERROR_MORE_DATA),
            new SdkConstant("ERROR_ACCESS_DENIED", ERROR_ACCESS_DENIED),
            new SdkConstant("ERROR_FILE_NOT_FOUND", ERROR_FILE_NOT_FOUND),
            new SdkConstant("ERROR_INVALID_FUNCTION", ERROR_INVALID_FUNCTION));
}
