package dev.vsskit.ontap.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.vss.windows.NativeData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The other side of the seam in tests: a Credential Manager and DPAPI that behave as the Windows documentation
 * says, laid out in native memory as {@code wincred.h} and {@code dpapi.h} declare (offsets written here from the
 * headers, independently of {@link CredentialApi}'s table). DPAPI is a stand-in cipher bound to a user and a
 * computer, so a blob from another user or computer fails with {@code NTE_BAD_KEY_STATE} as the real one does.
 * Every allocation it hands out must come back through {@code CredFree} / {@code LocalFree}.
 */
public final class FakeWindows implements CredentialNative {

    /** DPAPI blob header: version 1, provider {df9d8cd0-1501-11d1-8c7a-00c04fc297eb}. */
    static final byte[] DPAPI_HEADER = java.util.HexFormat.of().parseHex("01000000d08c9ddf0115d1118c7a00c04fc297eb");

    // CREDENTIALW on Win64 (wincred.h): Flags 0, Type 4, TargetName 8, Comment 16, LastWritten 24,
    // CredentialBlobSize 32, CredentialBlob 40, Persist 48, AttributeCount 52, Attributes 56, TargetAlias 64,
    // UserName 72; 80 bytes. DATA_BLOB: cbData 0, pbData 8; 16 bytes.
    private static final int CRED_SIZE = 80;

    public record Stored(String user, byte[] blob, int persist, String comment) {
    }

    public String user = "CORP\\svc-vsskit";
    public String machine = "HV01";
    public final Map<String, Map<String, Stored>> vaults = new HashMap<>();
    public final Map<Long, Memory> live = new HashMap<>();
    public final List<String> calls = new ArrayList<>();
    public int failNext;

    public Map<String, Stored> vault() {
        return vaults.computeIfAbsent(user, u -> new HashMap<>());
    }

    private int injected() {
        int f = failNext;
        failNext = 0;
        return f;
    }

    private Memory allocate(long size) {
        Memory m = new Memory(size);
        m.clear();
        live.put(Pointer.nativeValue(m), m);
        return m;
    }

    private boolean release(Pointer p) {
        return p != null && live.remove(Pointer.nativeValue(p)) != null;
    }

    @Override
    public int credReadW(Pointer targetName, int type, int flags, Pointer credentialOut) {
        String target = NativeData.readUtf16(targetName);
        calls.add("CredReadW " + target + " type " + type);
        int f = injected();
        if (f != 0) {
            return f;
        }
        Stored s = type == 1 ? vault().get(target.toLowerCase(java.util.Locale.ROOT)) : null;
        if (s == null) {
            return 1168; // ERROR_NOT_FOUND
        }
        // one allocation holding the structure and what it points to, as CredReadW returns it
        byte[] t = utf16z(target);
        byte[] u = utf16z(s.user());
        Memory m = allocate(CRED_SIZE + t.length + u.length + s.blob().length);
        m.setInt(4, type);
        m.write(CRED_SIZE, t, 0, t.length);
        m.setPointer(8, m.share(CRED_SIZE));
        m.setInt(32, s.blob().length);
        m.write(CRED_SIZE + t.length + u.length, s.blob(), 0, s.blob().length);
        m.setPointer(40, m.share(CRED_SIZE + t.length + u.length));
        m.setInt(48, s.persist());
        m.write(CRED_SIZE + t.length, u, 0, u.length);
        m.setPointer(72, m.share(CRED_SIZE + t.length));
        credentialOut.setPointer(0, m);
        return 0;
    }

    @Override
    public int credWriteW(Pointer credential, int flags) {
        int type = credential.getInt(4);
        String target = NativeData.readUtf16(credential.getPointer(8));
        calls.add("CredWriteW " + target + " type " + type);
        int f = injected();
        if (f != 0) {
            return f;
        }
        if (type != 1 || flags != 0) {
            return 87; // ERROR_INVALID_PARAMETER
        }
        int size = credential.getInt(32);
        if (size > 512) {
            return 1783; // RPC_X_BAD_STUB_DATA, what CredWriteW says for an oversized blob
        }
        byte[] blob = size == 0 ? new byte[0] : credential.getPointer(40).getByteArray(0, size);
        vault().put(target.toLowerCase(java.util.Locale.ROOT), new Stored(
                NativeData.readUtf16(credential.getPointer(72)), blob, credential.getInt(48),
                NativeData.readUtf16(credential.getPointer(16))));
        return 0;
    }

    @Override
    public int credDeleteW(Pointer targetName, int type, int flags) {
        String target = NativeData.readUtf16(targetName);
        calls.add("CredDeleteW " + target + " type " + type);
        return type == 1 && vault().remove(target.toLowerCase(java.util.Locale.ROOT)) != null ? 0 : 1168;
    }

    @Override
    public void credFree(Pointer buffer) {
        calls.add("CredFree");
        if (!release(buffer)) {
            throw new AssertionError("CredFree of memory CredReadW did not return");
        }
    }

    /** The stand-in for DPAPI: header, the user and computer it is bound to, the data XOR 0x5A. */
    public byte[] protectFor(String forUser, String onMachine, byte[] plain) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(DPAPI_HEADER);
        byte[] u = forUser.getBytes(StandardCharsets.UTF_8);
        byte[] m = onMachine.getBytes(StandardCharsets.UTF_8);
        b.write(u.length);
        b.writeBytes(u);
        b.write(m.length);
        b.writeBytes(m);
        for (byte x : plain) {
            b.write(x ^ 0x5A);
        }
        return b.toByteArray();
    }

    @Override
    public int cryptProtectData(Pointer dataIn, Pointer description, Pointer entropy, Pointer reserved, Pointer prompt,
            int flags, Pointer dataOut) {
        calls.add("CryptProtectData flags " + flags);
        byte[] plain = dataIn.getPointer(8).getByteArray(0, dataIn.getInt(0));
        return out(protectFor(user, machine, plain), dataOut);
    }

    @Override
    public int cryptUnprotectData(Pointer dataIn, Pointer descriptionOut, Pointer entropy, Pointer reserved,
            Pointer prompt, int flags, Pointer dataOut) {
        calls.add("CryptUnprotectData flags " + flags);
        byte[] blob = dataIn.getPointer(8).getByteArray(0, dataIn.getInt(0));
        if (blob.length < DPAPI_HEADER.length + 2
                || !Arrays.equals(Arrays.copyOf(blob, DPAPI_HEADER.length), DPAPI_HEADER)) {
            return 0x80090005; // NTE_BAD_DATA
        }
        int i = DPAPI_HEADER.length;
        int ul = blob[i++];
        String forUser = new String(blob, i, ul, StandardCharsets.UTF_8);
        i += ul;
        int ml = blob[i++];
        String onMachine = new String(blob, i, ml, StandardCharsets.UTF_8);
        i += ml;
        if (!forUser.equals(user) || !onMachine.equals(machine)) {
            return 0x8009000B; // NTE_BAD_KEY_STATE: "Key not valid for use in specified state"
        }
        byte[] plain = new byte[blob.length - i];
        for (int k = 0; k < plain.length; k++) {
            plain[k] = (byte) (blob[i + k] ^ 0x5A);
        }
        return out(plain, dataOut);
    }

    private int out(byte[] data, Pointer dataOut) {
        Memory m = allocate(Math.max(1, data.length));
        m.write(0, data, 0, data.length);
        dataOut.setInt(0, data.length);
        dataOut.setPointer(8, m);
        return 0;
    }

    @Override
    public void localFree(Pointer memory) {
        calls.add("LocalFree");
        if (!release(memory)) {
            throw new AssertionError("LocalFree of memory DPAPI did not return");
        }
    }

    @Override
    public String accountName(String sid) {
        return switch (sid) {
            case "S-1-5-18" -> "NT-AUTORITÄT\\SYSTEM";
            case "S-1-5-32-544" -> "VORDEFINIERT\\Administratoren";
            default -> sid;
        };
    }

    @Override
    public String currentUser() {
        return user;
    }

    private static byte[] utf16z(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16LE);
        return Arrays.copyOf(b, b.length + 2);
    }
}
