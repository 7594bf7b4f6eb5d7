package dev.vsskit.eventlog.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Renders substitution values as Windows event XML prints them. */
final class ValueText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** FILETIME ticks between 1601-01-01 and 1970-01-01. */
    static final long EPOCH_DIFF_TICKS = 116444736000000000L;

    private ValueText() {
    }

    static String format(ChunkDecoder d, Values v, int i) {
        return format(d, v.type[i] & 0xFF, v.off[i], v.size[i]);
    }

    static String format(ChunkDecoder d, int type, int off, int size) {
        byte[] b = d.b;
        switch (type) {
            case 0x00:
                return "";
            case 0x01: {
                int n = size / 2;
                while (n > 0 && b[off + 2 * n - 2] == 0 && b[off + 2 * n - 1] == 0) {
                    n--;
                }
                return d.utf16(off, n);
            }
            case 0x02: {
                int n = size;
                while (n > 0 && b[off + n - 1] == 0) {
                    n--;
                }
                return new String(b, off, n, StandardCharsets.ISO_8859_1);
            }
            case 0x03:
                return size >= 1 ? Integer.toString(b[off]) : "";
            case 0x04:
                return size >= 1 ? Integer.toString(b[off] & 0xFF) : "";
            case 0x05:
                return size >= 2 ? Integer.toString((short) d.u16(off)) : "";
            case 0x06:
                return size >= 2 ? Integer.toString(d.u16(off)) : "";
            case 0x07:
                return size >= 4 ? Integer.toString(d.i32(off)) : "";
            case 0x08:
                return size >= 4 ? Integer.toUnsignedString(d.i32(off)) : "";
            case 0x09:
                return size >= 8 ? Long.toString(d.i64(off)) : "";
            case 0x0A:
                return size >= 8 ? Long.toUnsignedString(d.i64(off)) : "";
            case 0x0B:
                return size >= 4 ? Float.toString(Float.intBitsToFloat(d.i32(off))) : "";
            case 0x0C:
                return size >= 8 ? Double.toString(Double.longBitsToDouble(d.i64(off))) : "";
            case 0x0D:
                return size >= 4 ? (d.i32(off) != 0 ? "true" : "false") : "";
            case 0x0F:
                return size >= 16 ? guid(d, off) : hex(b, off, size);
            case 0x10:
                if (size == 4) {
                    return "0x" + padHex(d.i32(off) & 0xFFFFFFFFL, 8);
                }
                return size >= 8 ? "0x" + padHex(d.i64(off), 16) : hex(b, off, size);
            case 0x11:
                return size >= 8 ? fileTime(d.i64(off)) : "";
            case 0x12:
                return size >= 16 ? systemTime(d, off) : "";
            case 0x13:
                return sid(d, off, size);
            case 0x14:
                return size >= 4 ? "0x" + Integer.toHexString(d.i32(off)) : "";
            case 0x15:
                return size >= 8 ? "0x" + Long.toHexString(d.i64(off)) : "";
            case 0x23:
                return d.utf16(off, size / 2);
            default:
                return hex(b, off, size);
        }
    }

    static String hex(byte[] b, int off, int size) {
        char[] c = new char[2 * size];
        for (int i = 0; i < size; i++) {
            c[2 * i] = HEX[(b[off + i] >> 4) & 0xF];
            c[2 * i + 1] = HEX[b[off + i] & 0xF];
        }
        return new String(c);
    }

    private static String padHex(long v, int digits) {
        StringBuilder sb = new StringBuilder(digits);
        hexPad(sb, v, digits);
        return sb.toString().toLowerCase(java.util.Locale.ROOT);
    }

    static String guid(ChunkDecoder d, int off) {
        StringBuilder sb = new StringBuilder(38).append('{');
        hexPad(sb, d.i32(off) & 0xFFFFFFFFL, 8);
        sb.append('-');
        hexPad(sb, d.u16(off + 4), 4);
        sb.append('-');
        hexPad(sb, d.u16(off + 6), 4);
        sb.append('-');
        for (int i = 8; i < 16; i++) {
            if (i == 10) {
                sb.append('-');
            }
            hexPad(sb, d.b[off + i] & 0xFF, 2);
        }
        return sb.append('}').toString();
    }

    private static void hexPad(StringBuilder sb, long v, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            sb.append(HEX[(int) ((v >> (4 * i)) & 0xF)]);
        }
    }

    /** FILETIME as {@code 2013-10-23T16:18:08.1234567Z} (100 ns precision, as current Windows prints). */
    static String fileTime(long ticks) {
        long secs = Math.floorDiv(ticks - EPOCH_DIFF_TICKS, 10_000_000L);
        int frac = (int) Math.floorMod(ticks - EPOCH_DIFF_TICKS, 10_000_000L);
        if (secs < -62135596800L || secs > 253402300799L) {
            return "0x" + Long.toHexString(ticks);
        }
        // Civil date from days since 1970 (H. Hinnant's algorithm): no java.time objects per value.
        long days = Math.floorDiv(secs, 86400);
        int sod = (int) Math.floorMod(secs, 86400);
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        return iso(y, m, d, sod / 3600, sod / 60 % 60, sod % 60, frac);
    }

    static Instant fileTimeInstant(long ticks) {
        long secs = Math.floorDiv(ticks - EPOCH_DIFF_TICKS, 10_000_000L);
        int frac = (int) Math.floorMod(ticks - EPOCH_DIFF_TICKS, 10_000_000L);
        return Instant.ofEpochSecond(secs, frac * 100L);
    }

    static String iso(int y, int mo, int day, int h, int mi, int s, int ticks7) {
        if (y < 0 || y > 9999) {
            y = Math.floorMod(y, 10000);
        }
        char[] c = "0000-00-00T00:00:00.0000000Z".toCharArray();
        digits(c, 0, y, 4);
        digits(c, 5, mo, 2);
        digits(c, 8, day, 2);
        digits(c, 11, h, 2);
        digits(c, 14, mi, 2);
        digits(c, 17, s, 2);
        digits(c, 20, Math.floorMod(ticks7, 10_000_000), 7);
        return new String(c);
    }

    private static void digits(char[] c, int at, int v, int width) {
        v = Math.abs(v);
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    static String systemTime(ChunkDecoder d, int off) {
        return iso(d.u16(off), d.u16(off + 2), d.u16(off + 6), d.u16(off + 8), d.u16(off + 10),
                d.u16(off + 12), d.u16(off + 14) * 10_000);
    }

    static String sid(ChunkDecoder d, int off, int size) {
        if (size < 8) {
            return hex(d.b, off, size);
        }
        int rev = d.u8(off);
        int n = Math.min(d.u8(off + 1), (size - 8) / 4);
        long auth = 0;
        for (int i = 0; i < 6; i++) {
            auth = (auth << 8) | d.u8(off + 2 + i);
        }
        StringBuilder sb = new StringBuilder("S-").append(rev).append('-').append(auth);
        for (int i = 0; i < n; i++) {
            sb.append('-').append(Integer.toUnsignedString(d.i32(off + 8 + 4 * i)));
        }
        return sb.toString();
    }

    private static int width(int base) {
        return switch (base) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0B, 0x0D, 0x14 -> 4;
            case 0x09, 0x0A, 0x0C, 0x11, 0x15, 0x10 -> 8;
            case 0x0F, 0x12 -> 16;
            default -> 0;
        };
    }

    /** Items of an array value (type | 0x80): NUL-separated strings, fixed-width numbers, or SIDs. */
    static List<String> arrayItems(ChunkDecoder d, Values v, int i) {
        int base = v.type[i] & 0x7F;
        int off = v.off[i];
        int size = v.size[i];
        List<String> items = new ArrayList<>();
        byte[] b = d.b;
        if (base == 0x01) {
            int start = off;
            int end = off + (size & ~1);
            for (int p = off; p < end; p += 2) {
                if (b[p] == 0 && b[p + 1] == 0) {
                    items.add(d.utf16(start, (p - start) / 2));
                    start = p + 2;
                }
            }
            if (start < end) {
                items.add(d.utf16(start, (end - start) / 2));
            }
        } else if (base == 0x02) {
            int start = off;
            for (int p = off; p < off + size; p++) {
                if (b[p] == 0) {
                    items.add(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
                    start = p + 1;
                }
            }
            if (start < off + size) {
                items.add(new String(b, start, off + size - start, StandardCharsets.ISO_8859_1));
            }
        } else if (base == 0x13) {
            int p = off;
            while (p + 8 <= off + size && items.size() < 4096) {
                int n = d.u8(p + 1);
                int len = 8 + 4 * n;
                items.add(sid(d, p, Math.min(len, off + size - p)));
                p += len;
            }
        } else {
            int w = width(base);
            if (w == 0) {
                items.add(hex(b, off, size));
            } else {
                for (int p = off; p + w <= off + size; p += w) {
                    items.add(format(d, base, p, w));
                }
            }
        }
        return items;
    }
}
