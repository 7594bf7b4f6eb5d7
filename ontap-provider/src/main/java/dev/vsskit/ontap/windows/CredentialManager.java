package dev.vsskit.ontap.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.NativeData;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The ONTAP passwords vsskit keeps in the Windows Credential Manager: one generic credential per cluster,
 * target {@code vsskit:ontap/HOST} (the host of the management address, with {@code :PORT} when it is not
 * 443), user name = the ONTAP user, blob = the password as UTF-16LE (the usual encoding of a generic
 * credential's password), persisted for this user on this computer ({@code CRED_PERSIST_LOCAL_MACHINE}).
 */
public final class CredentialManager {

    /** Prefix of every target vsskit writes. */
    public static final String TARGET_PREFIX = "vsskit:ontap/";

    private static final ComStruct C = CredentialApi.CREDENTIALW;

    private final CredentialNative nativeApi;

    public CredentialManager(CredentialNative nativeApi) {
        this.nativeApi = Objects.requireNonNull(nativeApi, "nativeApi");
    }

    /** What {@code show} may say about a stored credential: never the password. */
    public record Entry(String target, String user, int passwordChars) {
    }

    /** The target name for a cluster's management address. */
    public static String target(URI address) {
        String host = address.getHost();
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the ONTAP address " + address + " names no host");
        }
        int port = address.getPort();
        return TARGET_PREFIX + host.toLowerCase(Locale.ROOT) + (port > 0 && port != 443 ? ":" + port : "");
    }

    /** The stored entry, if there is one. */
    public Optional<Entry> find(String target) {
        return read(target, (user, blob) -> new Entry(target, user, blob.length / 2));
    }

    /** The stored password; empty when there is no such credential. The caller wipes the array. */
    public Optional<char[]> password(String target) {
        return read(target, (user, blob) -> Dpapi.utf16leChars(blob));
    }

    private interface Reader<T> {
        T read(String user, byte[] blob);
    }

    private <T> Optional<T> read(String target, Reader<T> reader) {
        Memory name = NativeData.utf16(target);
        Memory out = new Memory(Long.BYTES);
        out.clear();
        int err = nativeApi.credReadW(name, CredentialApi.CRED_TYPE_GENERIC, 0, out);
        if (err == Win32Errors.ERROR_NOT_FOUND) {
            return Optional.empty();
        }
        if (err != 0) {
            throw new IllegalStateException("cannot read " + target + " from the Windows Credential Manager as "
                    + nativeApi.currentUser() + " (" + explain(err) + ")");
        }
        Pointer cred = out.getPointer(0);
        try {
            int size = cred.getInt(C.offset("CredentialBlobSize"));
            Pointer data = cred.getPointer(C.offset("CredentialBlob"));
            byte[] blob = size == 0 || data == null ? new byte[0] : data.getByteArray(0, size);
            try {
                String user = NativeData.readUtf16(cred.getPointer(C.offset("UserName")));
                return Optional.of(reader.read(user == null ? "" : user, blob));
            } finally {
                Dpapi.wipe(blob);
            }
        } finally {
            nativeApi.credFree(cred);
        }
    }

    /** Stores (or replaces) the credential; does not wipe {@code password}. */
    public void store(String target, String user, char[] password) {
        byte[] bytes = Dpapi.utf16leBytes(password);
        Memory blob = new Memory(Math.max(1, bytes.length));
        try {
            if (bytes.length > CredentialApi.CRED_MAX_CREDENTIAL_BLOB_SIZE) {
                throw new IllegalArgumentException("the password is longer than the Windows Credential Manager holds ("
                        + CredentialApi.CRED_MAX_CREDENTIAL_BLOB_SIZE / 2 + " characters)");
            }
            blob.write(0, bytes, 0, bytes.length);
            Memory targetName = NativeData.utf16(target);
            Memory userName = NativeData.utf16(user);
            Memory comment = NativeData.utf16("ONTAP password for vsskit");
            Memory cred = new Memory(C.size());
            cred.clear();
            cred.setInt(C.offset("Type"), CredentialApi.CRED_TYPE_GENERIC);
            cred.setPointer(C.offset("TargetName"), targetName);
            cred.setPointer(C.offset("Comment"), comment);
            cred.setInt(C.offset("CredentialBlobSize"), bytes.length);
            cred.setPointer(C.offset("CredentialBlob"), blob);
            cred.setInt(C.offset("Persist"), CredentialApi.CRED_PERSIST_LOCAL_MACHINE);
            cred.setPointer(C.offset("UserName"), userName);
            int err = nativeApi.credWriteW(cred, 0);
            if (err != 0) {
                throw new IllegalStateException("cannot store " + target + " in the Windows Credential Manager as "
                        + nativeApi.currentUser() + " (" + explain(err) + ")");
            }
        } finally {
            Dpapi.wipe(bytes);
            blob.clear();
        }
    }

    /** Deletes the credential; false when there was none. */
    public boolean delete(String target) {
        int err = nativeApi.credDeleteW(NativeData.utf16(target), CredentialApi.CRED_TYPE_GENERIC, 0);
        if (err == Win32Errors.ERROR_NOT_FOUND) {
            return false;
        }
        if (err != 0) {
            throw new IllegalStateException("cannot delete " + target + " from the Windows Credential Manager ("
                    + explain(err) + ")");
        }
        return true;
    }

    private static String explain(int err) {
        if (err == Win32Errors.ERROR_NO_SUCH_LOGON_SESSION) {
            return "error 1312: this logon has no user profile, so no credential store; run the scheduled task with"
                    + " its password stored (not 'Do not store password'), or use a DPAPI credential file";
        }
        return "error " + err;
    }
}
