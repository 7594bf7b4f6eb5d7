package dev.vsskit.ontap.windows;

import static dev.vsskit.vss.windows.NativeFunction.of;

import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.NativeFunction;
import dev.vsskit.vss.windows.SdkConstant;
import java.util.List;

/**
 * The Win32 functions, structures and constants the credential code uses, as the header check verifies them
 * against {@code wincred.h} and {@code dpapi.h} ({@link #HEADERS}) on the Win64 ABI.
 */
final class CredentialApi {

    private CredentialApi() {
    }

    private static ComStruct.Field f(String name, int offset) {
        return new ComStruct.Field(name, offset);
    }

    /** The SDK headers the tables are checked against, in include order. */
    public static final List<String> HEADERS = List.of("windows.h", "wincred.h", "dpapi.h");

    public static final NativeFunction CRED_READ = of("advapi32", "WINBOOL", "CredReadW", "LPCWSTR", "DWORD", "DWORD",
            "PCREDENTIALW*");
    public static final NativeFunction CRED_WRITE = of("advapi32", "WINBOOL", "CredWriteW", "PCREDENTIALW", "DWORD");
    public static final NativeFunction CRED_DELETE = of("advapi32", "WINBOOL", "CredDeleteW", "LPCWSTR", "DWORD",
            "DWORD");
    public static final NativeFunction CRED_FREE = of("advapi32", "void", "CredFree", "PVOID");
    public static final NativeFunction CRYPT_PROTECT_DATA = of("crypt32", "WINBOOL", "CryptProtectData", "DATA_BLOB*",
            "LPCWSTR", "DATA_BLOB*", "PVOID", "CRYPTPROTECT_PROMPTSTRUCT*", "DWORD", "DATA_BLOB*");
    public static final NativeFunction CRYPT_UNPROTECT_DATA = of("crypt32", "WINBOOL", "CryptUnprotectData",
            "DATA_BLOB*", "LPWSTR*", "DATA_BLOB*", "PVOID", "CRYPTPROTECT_PROMPTSTRUCT*", "DWORD", "DATA_BLOB*");
    public static final NativeFunction LOCAL_FREE = of("kernel32", "HLOCAL", "LocalFree", "HLOCAL");

    public static final List<NativeFunction> FUNCTIONS = List.of(CRED_READ, CRED_WRITE, CRED_DELETE, CRED_FREE,
            CRYPT_PROTECT_DATA, CRYPT_UNPROTECT_DATA, LOCAL_FREE);

    /** CREDENTIALW (wincred.h). */
    public static final ComStruct CREDENTIALW = new ComStruct("CREDENTIALW", 80, List.of(
            f("Flags", 0), f("Type", 4),
            f("TargetName", 8), f("Comment", 16),
            f("LastWritten", 24), f("CredentialBlobSize", 32),
            f("CredentialBlob", 40), f("Persist", 48),
            f("AttributeCount", 52), f("Attributes", 56),
            f("TargetAlias", 64), f("UserName", 72)));

    /** DATA_BLOB (dpapi.h / wincrypt.h: CRYPT_INTEGER_BLOB). */
    public static final ComStruct DATA_BLOB = new ComStruct("DATA_BLOB", 16, List.of(
            f("cbData", 0), f("pbData", 8)));

    public static final List<ComStruct> STRUCTS = List.of(CREDENTIALW, DATA_BLOB);

    public static final int CRED_TYPE_GENERIC = 1;
    public static final int CRED_PERSIST_LOCAL_MACHINE = 2;
    /** Bytes: the password is stored as UTF-16LE, so at most 256 characters. */
    public static final int CRED_MAX_CREDENTIAL_BLOB_SIZE = 512;
    public static final int CRYPTPROTECT_UI_FORBIDDEN = 0x1;

    public static final List<SdkConstant> CONSTANTS = List.of(new SdkConstant("CRED_TYPE_GENERIC", CRED_TYPE_GENERIC),
            new SdkConstant("CRED_PERSIST_LOCAL_MACHINE", CRED_PERSIST_LOCAL_MACHINE),
            new SdkConstant("CRED_MAX_CREDENTIAL_BLOB_SIZE", CRED_MAX_CREDENTIAL_BLOB_SIZE),
            new SdkConstant("CRYPTPROTECT_UI_FORBIDDEN", CRYPTPROTECT_UI_FORBIDDEN),
            new SdkConstant("ERROR_NOT_FOUND", Win32Errors.ERROR_NOT_FOUND),
            new SdkConstant("ERROR_NO_SUCH_LOGON_SESSION", Win32Errors.ERROR_NO_SUCH_LOGON_SESSION),
            new SdkConstant("NTE_BAD_KEY_STATE", Win32Errors.NTE_BAD_KEY_STATE));
}
