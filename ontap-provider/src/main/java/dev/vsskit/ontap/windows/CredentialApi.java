package dev.vsskit.ontap.windows;

import static dev.vsskit.ontap.windows.NativeFunction.of;

import java.util.List;

/**
 * The Win32 functions, structures and constants the credential code uses, as the header check verifies them
 * against {@code wincred.h} and {@code dpapi.h} ({@link #HEADERS}) on the Win64 ABI.
 */
public final class CredentialApi {

    private CredentialApi() {
    }

    /** The SDK headers the tables are checked against, in include order. */
    public static final List<String> HEADERS = List.of("windows.h", "wincred.h", "dpapi.h");

    public static final NativeFunction CRED_READ = of("advapi32", "WINBOOL", "CredReadW", "LPCWSTR", "DWORD", "DWORD",
            "PCREDENTIALW*");
    public static final NativeFunction CRED_WRITE = of("advapi32", "WINBOOL", "CredWriteW", "PCREDENTIALW", "DWORD");
    public static final NativeFunction CRED_DELETE = of("advapi32", "WINBOOL", "CredDeleteW", "LPCWSTR", "DWORD",
            "DWORD");
    public static final NativeFunction CRED_FREE = of("advapi32", "VOID", "CredFree", "PVOID");
    public static final NativeFunction CRYPT_PROTECT_DATA = of("crypt32", "WINBOOL", "CryptProtectData", "DATA_BLOB*",
            "LPCWSTR", "DATA_BLOB*", "PVOID", "CRYPTPROTECT_PROMPTSTRUCT*", "DWORD", "DATA_BLOB*");
    public static final NativeFunction CRYPT_UNPROTECT_DATA = of("crypt32", "WINBOOL", "CryptUnprotectData",
            "DATA_BLOB*", "LPWSTR*", "DATA_BLOB*", "PVOID", "CRYPTPROTECT_PROMPTSTRUCT*", "DWORD", "DATA_BLOB*");
    public static final NativeFunction LOCAL_FREE = of("kernel32", "HLOCAL", "LocalFree", "HLOCAL");

    public static final List<NativeFunction> FUNCTIONS = List.of(CRED_READ, CRED_WRITE, CRED_DELETE, CRED_FREE,
            CRYPT_PROTECT_DATA, CRYPT_UNPROTECT_DATA, LOCAL_FREE);

    /** CREDENTIALW (wincred.h). */
    public static final NativeStruct CREDENTIALW = new NativeStruct("CREDENTIALW", 80, List.of(
            new NativeStruct.Field("Flags", 0), new NativeStruct.Field("Type", 4),
            new NativeStruct.Field("TargetName", 8), new NativeStruct.Field("Comment", 16),
            new NativeStruct.Field("LastWritten", 24), new NativeStruct.Field("CredentialBlobSize", 32),
            new NativeStruct.Field("CredentialBlob", 40), new NativeStruct.Field("Persist", 48),
            new NativeStruct.Field("AttributeCount", 52), new NativeStruct.Field("Attributes", 56),
            new NativeStruct.Field("TargetAlias", 64), new NativeStruct.Field("UserName", 72)));

    /** DATA_BLOB (dpapi.h / wincrypt.h: CRYPT_INTEGER_BLOB). */
    public static final NativeStruct DATA_BLOB = new NativeStruct("DATA_BLOB", 16, List.of(
            new NativeStruct.Field("cbData", 0), new NativeStruct.Field("pbData", 8)));

    public static final List<NativeStruct> STRUCTS = List.of(CREDENTIALW, DATA_BLOB);

    /** A {@code #define} the code relies on, with the value it uses. */
    public record Constant(String name, long value) {
    }

    public static final int CRED_TYPE_GENERIC = 1;
    public static final int CRED_PERSIST_LOCAL_MACHINE = 2;
    /** Bytes: the password is stored as UTF-16LE, so at most 256 characters. */
    public static final int CRED_MAX_CREDENTIAL_BLOB_SIZE = 512;
    public static final int CRYPTPROTECT_UI_FORBIDDEN = 0x1;

    public static final List<Constant> CONSTANTS = List.of(new Constant("CRED_TYPE_GENERIC", CRED_TYPE_GENERIC),
            new Constant("CRED_PERSIST_LOCAL_MACHINE", CRED_PERSIST_LOCAL_MACHINE),
            new Constant("CRED_MAX_CREDENTIAL_BLOB_SIZE", CRED_MAX_CREDENTIAL_BLOB_SIZE),
            new Constant("CRYPTPROTECT_UI_FORBIDDEN", CRYPTPROTECT_UI_FORBIDDEN),
            new Constant("ERROR_NOT_FOUND", Win32Errors.ERROR_NOT_FOUND),
            new Constant("ERROR_NO_SUCH_LOGON_SESSION", Win32Errors.ERROR_NO_SUCH_LOGON_SESSION),
            new Constant("NTE_BAD_KEY_STATE", Win32Errors.NTE_BAD_KEY_STATE),
            new Constant("NTE_BAD_DATA", Win32Errors.NTE_BAD_DATA),
            new Constant("ERROR_INVALID_DATA", Win32Errors.ERROR_INVALID_DATA));
}
