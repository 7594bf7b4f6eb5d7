package dev.vsskit.vss.verify.disk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/** Little-endian field access and the two checksums of on-disk formats (CRC-32C for VHDX, CRC-32 for GPT). */
final class Le {

    private Le() {
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
    }

    static long u64(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static void put32(byte[] b, int at, long v) {
        ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v);
    }

    static String ascii(byte[] b, int at, int len) {
        return new String(b, at, len, StandardCharsets.US_ASCII);
    }

    /** A GUID in its Windows binary form (Data1..Data3 little-endian, Data4 as bytes). */
    static UUID guid(byte[] b, int at) {
        long d1 = u32(b, at);
        long d2 = u16(b, at + 4);
        long d3 = u16(b, at + 6);
        long msb = d1 << 32 | d2 << 16 | d3;
        long lsb = ByteBuffer.wrap(b, at + 8, 8).order(ByteOrder.BIG_ENDIAN).getLong();
        return new UUID(msb, lsb);
    }

    static boolean zero(UUID id) {
        return id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() == 0;
    }

    /** CRC-32C of {@code b[from, from+len)} with the 4-byte checksum field at {@code checksumAt} taken as zero. */
    static long crc32c(byte[] b, int from, int len, int checksumAt) {
        byte[] copy = java.util.Arrays.copyOfRange(b, from, from + len);
        put32(copy, checksumAt - from, 0);
        CRC32C c = new CRC32C();
        c.update(copy);
        return c.getValue();
    }

    /** CRC-32 (as GPT uses it) with the 4-byte field at {@code checksumAt} taken as zero, or none when negative. */
    static long crc32(byte[] b, int from, int len, int checksumAt) {
        byte[] copy = java.util.Arrays.copyOfRange(b, from, from + len);
        if (checksumAt >= 0) {
            put32(copy, checksumAt - from, 0);
        }
        CRC32 c = new CRC32();
        c.update(copy);
        return c.getValue();
    }

    static String hex32(long v) {
        return String.format("0x%08X", v);
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
