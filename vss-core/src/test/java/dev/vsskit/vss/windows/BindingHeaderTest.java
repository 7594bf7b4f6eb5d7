package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The binding's slots, prototypes and struct layouts, compiled against the MinGW-w64 SDK headers on Win64
 * ({@link HeaderCheck}). Runs in every {@code mvn -B verify}: {@code .ci/run} installs gcc-mingw-w64-x86-64; a
 * machine without it fails here with what to install. The other tests show that the check catches a wrong slot,
 * a GUID passed by pointer instead of by value, a wrong parameter type and a wrong offset, naming the member.
 */
class BindingHeaderTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void compiler() {
        HeaderCheck.requireCompiler("binding's");
    }

    @Test
    void everySlotPrototypeAndLayoutMatchesTheSdkHeaders() throws Exception {
        HeaderCheck.assertCompilesCleanly(HeaderCheck.generate(ComInterfaces.ALL, ComStruct.ALL,
                NativeFunction.ALL), tmp);
    }

    /**
     * One compile of five deliberate mistakes (one compile, as each costs seconds): each must fail and be named.
     */
    @Test
    void aWrongSlotTypeGuidPassingOrLayoutFailsNamingTheMember() throws Exception {
        List<ComMethod> wrong = List.of(
                // slot 36 is StartSnapshotSet
                new ComMethod("IVssBackupComponents", 36, "AddToSnapshotSet", List.of("VSS_PWSZ", "VSS_ID", "VSS_ID*")),
                // the provider id is passed by value in the SDK, not by pointer
                new ComMethod("IVssBackupComponents", 42, "GetSnapshotProperties", List.of("VSS_ID*", "VSS_SNAPSHOT_PROP*")),
                // SetContext takes a LONG
                new ComMethod("IVssBackupComponents", 35, "SetContext", List.of("VSS_OBJECT_TYPE*")));
        List<ComStruct.Field> fields = new ArrayList<>(ComStruct.SNAPSHOT_PROP.fields());
        fields.set(3, new ComStruct.Field("m_pwszSnapshotDeviceObject", 36)); // as if the pointer were not aligned
        ComStruct badStruct = new ComStruct("VSS_SNAPSHOT_PROP", 120, fields);
        // CoInitializeEx's second parameter is a DWORD, not a pointer
        NativeFunction badFunction = new NativeFunction("ole32", "CoInitializeEx", "HRESULT", List.of("LPVOID", "DWORD*"));
        HeaderCheck.Result r = HeaderCheck.compile(HeaderCheck.generate(wrong, List.of(badStruct), List.of(badFunction)), tmp);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output())
                .contains("IVssBackupComponents::AddToSnapshotSet is not at vtable slot 36")
                .contains("vsskit_check_IVssBackupComponents_GetSnapshotProperties")
                .contains("vsskit_check_IVssBackupComponents_SetContext")
                .contains("incompatible-pointer-types")
                .contains("VSS_SNAPSHOT_PROP.m_pwszSnapshotDeviceObject is not at offset 36")
                .contains("sizeof(VSS_SNAPSHOT_PROP) is not 120")
                .contains("vsskit_check_fn_CoInitializeEx");
        assertThat(r.output()).doesNotContain("vsskit_check_IVssBackupComponents_AddToSnapshotSet'");
    }

    @Test
    void everyTableTypeHasAJavaPassingRule() {
        for (ComMethod m : ComInterfaces.ALL) {
            for (String p : m.params()) {
                assertThat(ComMethod.pass(p)).as("%s %s", m, p).isNotNull();
            }
        }
    }
}
