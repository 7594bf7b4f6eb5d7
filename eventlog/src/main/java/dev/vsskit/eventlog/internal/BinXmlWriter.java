package dev.vsskit.eventlog.internal;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes BinXml into a chunk buffer at chunk-relative positions: names are defined inline at their first
 * use in the chunk and chained into the chunk's string table (bucket hash % 64), later uses refer back.
 */
public final class BinXmlWriter {

    public static final int CHUNK_SIZE = ChunkDecoder.CHUNK_SIZE;

    private final byte[] b;
    private final Map<String, Integer> names;
    private int pos;

    public BinXmlWriter(byte[] chunk, Map<String, Integer> names, int pos) {
        this.b = chunk;
        this.names = names;
        this.pos = pos;
    }

    public int pos() {
        return pos;
    }

    public void u8(int v) {
        ensure(1);
        b[pos++] = (byte) v;
    }

    public void u16(int v) {
        ensure(2);
        b[pos++] = (byte) v;
        b[pos++] = (byte) (v >>> 8);
    }

    public void u32(int v) {
        ensure(4);
        put32(b, pos, v);
        pos += 4;
    }

    public void u64(long v) {
        u32((int) v);
        u32((int) (v >>> 32));
    }

    public void bytes(byte[] src) {
        ensure(src.length);
        System.arraycopy(src, 0, b, pos, src.length);
        pos += src.length;
    }

    public void utf16(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private void ensure(int n) {
        if (pos + n > CHUNK_SIZE) {
            throw new IllegalStateException("record does not fit in the chunk");
        }
    }

    public static void put32(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }

    public static void put64(byte[] b, int p, long v) {
        put32(b, p, (int) v);
        put32(b, p + 4, (int) (v >>> 32));
    }

    static int get32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    /** MS-EVEN6 name hash: h = h * 65599 + c over UTF-16 code units; the low 16 bits are stored. */
    public static int nameHash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = h * 65599 + s.charAt(i);
        }
        return h & 0xFFFF;
    }

    /** A name reference: the offset, then the Name itself when this is its first use in the chunk. */
    public void name(String name) {
        Integer off = names.get(name);
        if (off != null) {
            u32(off);
            return;
        }
        int at = pos + 4;
        u32(at);
        int hash = nameHash(name);
        u32(0); // next name in the same bucket
        u16(hash);
        u16(name.length());
        utf16(name);
        u16(0);
        names.put(name, at);
        // Chain into bucket hash % 64 of the string table at chunk offset 128.
        int bucket = 128 + 4 * (hash % 64);
        int head = get32(b, bucket);
        if (head == 0) {
            put32(b, bucket, at);
        } else {
            int p = head;
            for (int guard = 0; get32(b, p) != 0 && guard < 65536; guard++) {
                p = get32(b, p);
            }
            put32(b, p, at);
        }
    }

    // ------------------------------------------------------------ elements (inside template definitions)

    /** Opens an element with a dependency id of 0xFFFF; returns the position of its data-size field. */
    public int openElement(String name, boolean hasAttributes) {
        u8(hasAttributes ? 0x41 : 0x01);
        u16(0xFFFF);
        int sizeAt = pos;
        u32(0);
        name(name);
        if (hasAttributes) {
            u32(0); // attribute list size, patched by endAttributes
        }
        return sizeAt;
    }

    /** Position right after the attribute-list-size field, for {@link #endAttributes}. */
    public int attributesStart() {
        return pos;
    }

    public void attribute(String name, boolean more) {
        u8(more ? 0x46 : 0x06);
        name(name);
    }

    public void endAttributes(int attributesStart) {
        put32(b, attributesStart - 4, pos - attributesStart);
    }

    public void text(String s) {
        u8(0x05);
        u8(0x01);
        u16(s.length());
        utf16(s);
    }

    public void substitution(int index, int type, boolean optional) {
        u8(optional ? 0x0E : 0x0D);
        u16(index);
        u8(type);
    }

    public void closeStart() {
        u8(0x02);
    }

    public void closeEmpty(int sizeAt) {
        u8(0x03);
        put32(b, sizeAt, pos - (sizeAt + 4));
    }

    public void endElement(int sizeAt) {
        u8(0x04);
        put32(b, sizeAt, pos - (sizeAt + 4));
    }

    public void fragmentHeader() {
        u8(0x0F);
        u8(0x01);
        u8(0x01);
        u8(0x00);
    }

    public void eof() {
        u8(0x00);
    }

    /** Names defined in this chunk, for callers that rebuild caches. */
    public static Map<String, Integer> namesOf(byte[] chunk) {
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < 64; i++) {
            int p = get32(chunk, 128 + 4 * i);
            for (int guard = 0; p >= 512 && p + 8 <= CHUNK_SIZE && guard < 4096; guard++) {
                int n = (chunk[p + 6] & 0xFF) | (chunk[p + 7] & 0xFF) << 8;
                if (p + 8 + 2 * n > CHUNK_SIZE) {
                    break;
                }
                out.putIfAbsent(new String(chunk, p + 8, 2 * n, StandardCharsets.UTF_16LE), p);
                p = get32(chunk, p);
            }
        }
        return out;
    }
}
