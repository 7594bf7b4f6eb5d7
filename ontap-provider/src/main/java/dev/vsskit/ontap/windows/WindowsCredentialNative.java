package dev.vsskit.ontap.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Win32Exception;

/**
 * The seam on Windows: each call goes through {@link CredentialApi}'s table (the prototypes the header check
 * verified), and a failed {@code BOOL} call returns JNA's saved {@code GetLastError()} of that call. Load only
 * on Windows.
 */
final class WindowsCredentialNative implements CredentialNative {

    private static int result(int ok) {
        return ok != 0 ? 0 : Native.getLastError();
    }

    @Override
    public int credReadW(Pointer targetName, int type, int flags, Pointer credentialOut) {
        return result((Integer) CredentialApi.CRED_READ.call(targetName, type, flags, credentialOut));
    }

    @Override
    public int credWriteW(Pointer credential, int flags) {
        return result((Integer) CredentialApi.CRED_WRITE.call(credential, flags));
    }

    @Override
    public int credDeleteW(Pointer targetName, int type, int flags) {
        return result((Integer) CredentialApi.CRED_DELETE.call(targetName, type, flags));
    }

    @Override
    public void credFree(Pointer buffer) {
        CredentialApi.CRED_FREE.call(buffer);
    }

    @Override
    public int cryptProtectData(Pointer dataIn, Pointer description, Pointer entropy, Pointer reserved, Pointer prompt,
            int flags, Pointer dataOut) {
        return result((Integer) CredentialApi.CRYPT_PROTECT_DATA.call(dataIn, description, entropy, reserved, prompt, flags,
                dataOut));
    }

    @Override
    public int cryptUnprotectData(Pointer dataIn, Pointer descriptionOut, Pointer entropy, Pointer reserved,
            Pointer prompt, int flags, Pointer dataOut) {
        return result((Integer) CredentialApi.CRYPT_UNPROTECT_DATA.call(dataIn, descriptionOut, entropy, reserved, prompt,
                flags, dataOut));
    }

    @Override
    public void localFree(Pointer memory) {
        CredentialApi.LOCAL_FREE.call(memory);
    }

    @Override
    public String accountName(String sid) {
        try {
            Advapi32Util.Account a = Advapi32Util.getAccountBySid(sid);
            return a.domain == null || a.domain.isEmpty() ? a.name : a.domain + "\\" + a.name;
        } catch (Win32Exception e) {
            return sid;
        }
    }

    @Override
    public String currentUser() {
        String name = Advapi32Util.getUserName();
        try {
            return Advapi32Util.getAccountByName(name).fqn; // DOMAIN\name; NT AUTHORITY\SYSTEM for SYSTEM
        } catch (Win32Exception e) {
            return name;
        }
    }
}
