package dev.vsskit.ontap.windows;

import com.sun.jna.Pointer;

/**
 * The one seam between vsskit's Windows credential code and the operating system: each method is one Win32
 * call of {@link CredentialApi}'s table with the same parameters, so the classes above it build and read the
 * same native memory ({@code CREDENTIALW}, {@code DATA_BLOB}) on Windows and in tests. On Windows it is
 * {@link WindowsCredentialNative}; tests on Linux serve the calls from a double. A {@code BOOL} function's
 * result is returned as a Win32 error code: 0 when it succeeded, else its {@code GetLastError()}.
 */
public interface CredentialNative {

    /** advapi32 {@code CredReadW(TargetName, Type, Flags, &credential)}; {@code credentialOut} holds a pointer. */
    int credReadW(Pointer targetName, int type, int flags, Pointer credentialOut);

    /** advapi32 {@code CredWriteW(Credential, Flags)}. */
    int credWriteW(Pointer credential, int flags);

    /** advapi32 {@code CredDeleteW(TargetName, Type, Flags)}. */
    int credDeleteW(Pointer targetName, int type, int flags);

    /** advapi32 {@code CredFree(Buffer)}: frees what {@code CredReadW} returned. */
    void credFree(Pointer buffer);

    /** crypt32 {@code CryptProtectData(pDataIn, szDataDescr, pOptionalEntropy, pvReserved, pPromptStruct, dwFlags, pDataOut)}. */
    int cryptProtectData(Pointer dataIn, Pointer description, Pointer entropy, Pointer reserved, Pointer prompt,
            int flags, Pointer dataOut);

    /** crypt32 {@code CryptUnprotectData(pDataIn, ppszDataDescr, pOptionalEntropy, pvReserved, pPromptStruct, dwFlags, pDataOut)}. */
    int cryptUnprotectData(Pointer dataIn, Pointer descriptionOut, Pointer entropy, Pointer reserved, Pointer prompt,
            int flags, Pointer dataOut);

    /** kernel32 {@code LocalFree(hMem)}: frees what the DPAPI calls returned. */
    void localFree(Pointer memory);

    /**
     * The account name ({@code DOMAIN\name}, in the system's language, as NIO's {@code UserPrincipal.getName()}
     * gives it) of a well-known SID such as {@code S-1-5-18}; the SID itself when it cannot be looked up.
     */
    String accountName(String sid);

    /** The user this process runs as ({@code DOMAIN\name}), for messages. */
    String currentUser();
}
