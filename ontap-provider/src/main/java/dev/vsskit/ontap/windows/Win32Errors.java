package dev.vsskit.ontap.windows;

/** The Win32 error codes the credential code tells apart (values checked against the SDK headers). */
final class Win32Errors {

    static final int ERROR_NOT_FOUND = 1168;
    /** CredWriteW/CredReadW without a loaded user profile (e.g. a network logon, or a task set to not store the password). */
    static final int ERROR_NO_SUCH_LOGON_SESSION = 1312;
    /** "Key not valid for use in specified state": DPAPI data protected by another user or on another computer. */
    static final int NTE_BAD_KEY_STATE = 0x8009000B;

    private Win32Errors() {
    }

    static String hex(int code) {
        return String.format("0x%08X", code);
    }
}
