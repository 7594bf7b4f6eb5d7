package dev.vsskit.eventlog;

/**
 * The 4096-byte EVTX file header.
 *
 * @param firstChunk       oldest chunk number (greater than {@code lastChunk} in a wrapped log)
 * @param lastChunk        current chunk number
 * @param nextRecordId     the EventRecordID the log's writer will assign next
 * @param minorVersion     1 (Vista+) or 2 (Windows 10 2004+)
 * @param majorVersion     3
 * @param chunkCount       the header's chunk count (may under-report; the reader scans to the end)
 * @param flags            masked with 0x7: {@link #DIRTY}, {@link #FULL}, {@link #NO_CRC32}
 * @param checksumValid    whether the CRC32 of bytes [0,120) matches
 */
record EvtxFileHeader(long firstChunk, long lastChunk, long nextRecordId, int minorVersion, int majorVersion,
        int chunkCount, int flags, boolean checksumValid) {

    public static final int DIRTY = 0x1;
    public static final int FULL = 0x2;
    public static final int NO_CRC32 = 0x4;

    public boolean dirty() {
        return (flags & DIRTY) != 0;
    }

    public boolean full() {
        return (flags & FULL) != 0;
    }

    public boolean noCrc32() {
        return (flags & NO_CRC32) != 0;
    }
}
