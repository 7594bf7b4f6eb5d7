package dev.vsskit.ontap.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.util.Arrays;
import java.util.Objects;

/**
 * DPAPI in the current user's scope ({@code CryptProtectData} / {@code CryptUnprotectData} with
 * {@code CRYPTPROTECT_UI_FORBIDDEN}, no entropy), as PowerShell protects a SecureString. Plain bytes cross
 * the seam only in native memory that is zeroed before it is freed.
 */
public final class Dpapi {

    private static final long CB_DATA = CredentialApi.DATA_BLOB.offset("cbData");
    private static final long PB_DATA = CredentialApi.DATA_BLOB.offset("pbData");

    private final CredentialNative nativeApi;

    public Dpapi(CredentialNative nativeApi) {
        this.nativeApi = Objects.requireNonNull(nativeApi, "nativeApi");
    }

    /** What went wrong, with the Win32 error code. */
    public static final class DpapiException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final int error;

        DpapiException(int error, String message) {
            super(message);
            this.error = error;
        }

        public int error() {
            return error;
        }

        /** True when the blob was protected by another user or on another computer. */
        public boolean otherUserOrMachine() {
            return error == Win32Errors.NTE_BAD_KEY_STATE;
        }
    }

    /** The plain bytes of a blob protected for the current user; the caller wipes them. */
    public byte[] unprotect(byte[] blob) {
        Memory in = new Memory(Math.max(1, blob.length));
        in.write(0, blob, 0, blob.length);
        Memory dataIn = blob(in, blob.length);
        Memory dataOut = new Memory(CredentialApi.DATA_BLOB.size());
        dataOut.clear();
        int err = nativeApi.cryptUnprotectData(dataIn, null, null, null, null, CredentialApi.CRYPTPROTECT_UI_FORBIDDEN,
                dataOut);
        if (err != 0) {
            throw new DpapiException(err, "CryptUnprotectData failed (error " + Win32Errors.hex(err) + ")");
        }
        return takeOut(dataOut);
    }

    /** A blob of {@code plain} protected for the current user; wipes nothing of the caller's. */
    public byte[] protect(byte[] plain) {
        Memory in = new Memory(Math.max(1, plain.length));
        in.write(0, plain, 0, plain.length);
        Memory dataOut = new Memory(CredentialApi.DATA_BLOB.size());
        dataOut.clear();
        try {
            int err = nativeApi.cryptProtectData(blob(in, plain.length), null, null, null, null,
                    CredentialApi.CRYPTPROTECT_UI_FORBIDDEN, dataOut);
            if (err != 0) {
                throw new DpapiException(err, "CryptProtectData failed (error " + Win32Errors.hex(err) + ")");
            }
            return takeOut(dataOut);
        } finally {
            in.clear();
        }
    }

    private static Memory blob(Pointer data, int size) {
        Memory b = new Memory(CredentialApi.DATA_BLOB.size());
        b.clear();
        b.setInt(CB_DATA, size);
        b.setPointer(PB_DATA, data);
        return b;
    }

    /** Copies the output blob out, zeroes it and hands it back to {@code LocalFree}. */
    private byte[] takeOut(Memory dataOut) {
        int size = dataOut.getInt(CB_DATA);
        Pointer data = dataOut.getPointer(PB_DATA);
        if (data == null) {
            return new byte[0];
        }
        try {
            return data.getByteArray(0, size);
        } finally {
            data.setMemory(0, size, (byte) 0);
            nativeApi.localFree(data);
        }
    }

    /** UTF-16LE bytes as characters (no String in between, so the caller can wipe both). */
    public static char[] utf16leChars(byte[] bytes) {
        char[] c = new char[bytes.length / 2];
        for (int i = 0; i < c.length; i++) {
            c[i] = (char) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] & 0xff) << 8);
        }
        return c;
    }

    /** Characters as UTF-16LE bytes, as Windows stores a password (the caller wipes both). */
    public static byte[] utf16leBytes(char[] chars) {
        byte[] b = new byte[chars.length * 2];
        for (int i = 0; i < chars.length; i++) {
            b[2 * i] = (byte) chars[i];
            b[2 * i + 1] = (byte) (chars[i] >>> 8);
        }
        return b;
    }

    public static void wipe(byte[] b) {
        Arrays.fill(b, (byte) 0);
    }
}
