package dev.vsskit.ontap.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.HeaderCheck;
import dev.vsskit.vss.windows.NativeFunction;
import dev.vsskit.vss.windows.SdkConstant;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CredentialApi}'s prototypes, layouts and constants compiled against the MinGW-w64 headers ({@code wincred.h},
 * {@code dpapi.h}) on Win64 with vss-core's {@link HeaderCheck}, in every {@code mvn -B verify} (.ci/run installs
 * gcc-mingw-w64-x86-64). The second test shows the check failing on deliberate mistakes, naming each member.
 */
class CredentialHeaderTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void compiler() {
        HeaderCheck.requireCompiler("credential binding's");
    }

    @Test
    void everyPrototypeLayoutAndConstantMatchesTheSdkHeaders() throws Exception {
        HeaderCheck.assertCompilesCleanly(HeaderCheck.generate(CredentialApi.HEADERS, CredentialApi.FUNCTIONS,
                CredentialApi.STRUCTS, CredentialApi.CONSTANTS), tmp);
    }

    /** One compile of several deliberate mistakes (each compile costs seconds): each fails and is named. */
    @Test
    void aWrongPrototypeLayoutOrConstantFailsNamingIt() throws Exception {
        List<NativeFunction> wrong = List.of(
                // CredReadW's last parameter is PCREDENTIALW*, the address where it stores its result
                NativeFunction.of("advapi32", "WINBOOL", "CredReadW", "LPCWSTR", "DWORD", "DWORD", "PCREDENTIALW"),
                // CryptUnprotectData's second parameter is an out LPWSTR*, not an LPCWSTR
                NativeFunction.of("crypt32", "WINBOOL", "CryptUnprotectData", "DATA_BLOB*", "LPCWSTR", "DATA_BLOB*",
                        "PVOID", "CRYPTPROTECT_PROMPTSTRUCT*", "DWORD", "DATA_BLOB*"),
                // CredDeleteW takes three parameters
                NativeFunction.of("advapi32", "WINBOOL", "CredDeleteW", "LPCWSTR", "DWORD"));
        List<ComStruct.Field> fields = new ArrayList<>(CredentialApi.CREDENTIALW.fields());
        // as if FILETIME LastWritten were 4 bytes: the members after it would all sit 4 bytes early
        fields.set(fields.size() - 1, new ComStruct.Field("UserName", 68));
        List<ComStruct> structs = List.of(new ComStruct("CREDENTIALW", 80, fields),
                new ComStruct("DATA_BLOB", 12, List.of(new ComStruct.Field("cbData", 0), new ComStruct.Field("pbData", 4))));
        List<SdkConstant> constants = List.of(new SdkConstant("CRED_PERSIST_LOCAL_MACHINE", 3),
                new SdkConstant("NTE_BAD_KEY_STATE", 0x8009000C));
        HeaderCheck.Result r = HeaderCheck.compile(HeaderCheck.generate(CredentialApi.HEADERS, wrong, structs, constants),
                tmp);
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.output())
                .contains("vsskit_check_fn_CredReadW").contains("vsskit_check_fn_CryptUnprotectData")
                .contains("vsskit_check_fn_CredDeleteW").contains("incompatible-pointer-types")
                .contains("CREDENTIALW.UserName is not at offset 68")
                .contains("sizeof(DATA_BLOB) is not 12").contains("DATA_BLOB.pbData is not at offset 4")
                .contains("CRED_PERSIST_LOCAL_MACHINE is not 3").contains("NTE_BAD_KEY_STATE is not 0x8009000C");
        assertThat(r.output()).doesNotContain("CREDENTIALW.TargetName");
        System.out.println(r.output()); // shown in the surefire report: what a wrong table looks like
    }
}
