package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.HeaderCheck;
import dev.vsskit.vss.windows.NativeFunction;
import dev.vsskit.vss.windows.SdkConstant;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DiskIoApi}'s prototypes (CreateFileW, DeviceIoControl, CloseHandle), layouts (STORAGE_PROPERTY_QUERY,
 * STORAGE_DEVICE_DESCRIPTOR, STORAGE_DEVICE_ID_DESCRIPTOR, STORAGE_IDENTIFIER, VOLUME_DISK_EXTENTS, DISK_EXTENT) and
 * control codes compiled against the MinGW-w64 {@code winioctl.h} on Win64 with vss-core's {@link HeaderCheck}, in
 * every {@code mvn -B verify}. The second test shows the check failing on deliberate mistakes, naming each.
 */
class DiskIoHeaderTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void compiler() {
        HeaderCheck.requireCompiler("disk binding's");
    }

    @Test
    void everyPrototypeLayoutAndControlCodeMatchesTheSdkHeaders() throws Exception {
        HeaderCheck.assertCompilesCleanly(HeaderCheck.generate(DiskIoApi.HEADERS, DiskIoApi.FUNCTIONS,
                DiskIoApi.STRUCTS, DiskIoApi.CONSTANTS), tmp);
    }

    /** One compile of several deliberate mistakes: each fails and is named. */
    @Test
    void aWrongPrototypeLayoutOrControlCodeFailsNamingIt() throws Exception {
        List<NativeFunction> wrong = List.of(
                // DeviceIoControl's bytes-returned is an out LPDWORD, not a DWORD
                NativeFunction.of("kernel32", "WINBOOL", "DeviceIoControl", "HANDLE", "DWORD", "LPVOID", "DWORD",
                        "LPVOID", "DWORD", "DWORD", "LPOVERLAPPED"),
                // CreateFileW takes the template file as its seventh parameter
                NativeFunction.of("kernel32", "HANDLE", "CreateFileW", "LPCWSTR", "DWORD", "DWORD",
                        "LPSECURITY_ATTRIBUTES", "DWORD", "DWORD"));
        List<ComStruct> structs = List.of(
                // as if LARGE_INTEGER were aligned to 4: StartingOffset right after DiskNumber
                new ComStruct("DISK_EXTENT", 20, List.of(new ComStruct.Field("DiskNumber", 0),
                        new ComStruct.Field("StartingOffset", 4))),
                // as if the four BYTE/BOOLEAN members were DWORDs
                new ComStruct("STORAGE_DEVICE_DESCRIPTOR", 40, List.of(new ComStruct.Field("SerialNumberOffset", 36))),
                // as if IdentifierSize and NextOffset were DWORDs
                new ComStruct("STORAGE_IDENTIFIER", 20, List.of(new ComStruct.Field("Identifier", 20))));
        List<SdkConstant> constants = List.of(
                // METHOD_BUFFERED with FILE_READ_ACCESS instead of FILE_ANY_ACCESS
                new SdkConstant("IOCTL_STORAGE_QUERY_PROPERTY", 0x002D5400),
                // StorageDeviceIdProperty is the third member of STORAGE_PROPERTY_ID, not the second
                new SdkConstant("StorageDeviceIdProperty", 1));
        HeaderCheck.Result r = HeaderCheck.compile(HeaderCheck.generate(DiskIoApi.HEADERS, wrong, structs, constants),
                tmp);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output())
                .contains("vsskit_check_fn_DeviceIoControl").contains("vsskit_check_fn_CreateFileW")
                .contains("sizeof(DISK_EXTENT) is not 20").contains("DISK_EXTENT.StartingOffset is not at offset 4")
                .contains("STORAGE_DEVICE_DESCRIPTOR.SerialNumberOffset is not at offset 36")
                .contains("STORAGE_IDENTIFIER.Identifier is not at offset 20")
                .contains("IOCTL_STORAGE_QUERY_PROPERTY is not 0x002D5400").contains("StorageDeviceIdProperty is not 1");
        assertThat(r.output()).doesNotContain("DISK_EXTENT.DiskNumber");
        System.out.println(r.output());
    }
}
