package dev.vsskit.eventlog.internal;

import java.util.zip.CRC32;

/** CRC32 (zlib/IEEE) over byte ranges, as EVTX headers and chunks use it. */
public final class Crc {

    private Crc() {
    }

    public static int of(byte[] b, int off, int len) {
        CRC32 c = new CRC32();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** Chunk header CRC: bytes [0,120) and [128,512). */
    public static int chunkHeader(byte[] chunk) {
        CRC32 c = new CRC32();
        c.update(chunk, 0, 120);
        c.update(chunk, 128, 384);
        return (int) c.getValue();
    }
}
