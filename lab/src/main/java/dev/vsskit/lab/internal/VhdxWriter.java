package dev.vsskit.lab.internal;

import dev.vsskit.lab.internal.GuestDisk;
import dev.vsskit.vss.verify.disk.Vhdx;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Writes a dynamic VHDX file ([MS-VHDX] v1): the file type identifier, two headers and two region tables with
 * CRC-32C checksums, an empty 1 MiB log, a metadata region with the five required system items, the BAT, and
 * one 1 MiB payload block per non-zero block of the content. All-zero blocks stay PAYLOAD_BLOCK_NOT_PRESENT,
 * which readers return as zeros. Layout: header section 0–1 MiB, log 1–2 MiB, metadata 2–3 MiB, BAT 3–4 MiB,
 * payload from 4 MiB.
 */
public final class VhdxWriter {

    public static final int MIB = 1 << 20;
    public static final int BLOCK_SIZE = MIB;
    public static final int LOGICAL_SECTOR_SIZE = 512;
    public static final int PHYSICAL_SECTOR_SIZE = 4096;

    static final UUID BAT_REGION = Vhdx.BAT_REGION;
    static final UUID METADATA_REGION = Vhdx.METADATA_REGION;
    static final UUID FILE_PARAMETERS = Vhdx.FILE_PARAMETERS;
    static final UUID VIRTUAL_DISK_SIZE = Vhdx.VIRTUAL_DISK_SIZE;
    static final UUID VIRTUAL_DISK_ID = Vhdx.PAGE_83;
    static final UUID LOGICAL_SECTOR = Vhdx.LOGICAL_SECTOR;
    static final UUID PHYSICAL_SECTOR = Vhdx.PHYSICAL_SECTOR;

    private static final long LOG_OFFSET = MIB;
    private static final long METADATA_OFFSET = 2L * MIB;
    private static final long BAT_OFFSET = 3L * MIB;
    private static final long PAYLOAD_OFFSET = 4L * MIB;
    private static final int PAYLOAD_BLOCK_FULLY_PRESENT = 6;

    private VhdxWriter() {
    }

    /**
     * Writes {@code file} as a virtual disk of {@code content.length} bytes (a multiple of 1 MiB) holding
     * exactly {@code content}. {@code diskId} is the Virtual Disk ID; the write GUIDs derive from it so the same
     * input gives the same file.
     */
    public static void write(Path file, byte[] content, UUID diskId, String creator) throws IOException {
        if (content.length == 0 || content.length % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("VHDX content must be a non-zero multiple of 1 MiB, got " + content.length);
        }
        int dataBlocks = content.length / BLOCK_SIZE;
        long chunkRatio = (1L << 23) * LOGICAL_SECTOR_SIZE / BLOCK_SIZE;
        long batEntries = dataBlocks + (dataBlocks - 1) / chunkRatio;
        if (batEntries * 8 > MIB) {
            throw new IllegalArgumentException("virtual disk too large for a 1 MiB BAT");
        }

        ByteBuffer bat = le(MIB);
        long nextBlockOffset = PAYLOAD_OFFSET;
        long[] blockOffsets = new long[dataBlocks];
        for (int b = 0; b < dataBlocks; b++) {
            if (isZero(content, b * BLOCK_SIZE, BLOCK_SIZE)) {
                continue; // PAYLOAD_BLOCK_NOT_PRESENT (0)
            }
            blockOffsets[b] = nextBlockOffset;
            long index = b + b / chunkRatio; // a sector-bitmap entry follows every chunkRatio payload entries
            bat.putLong((int) (index * 8), ((nextBlockOffset / MIB) << 20) | PAYLOAD_BLOCK_FULLY_PRESENT);
            nextBlockOffset += BLOCK_SIZE;
        }

        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            writeAt(ch, 0, fileIdentifier(creator));
            UUID fileWrite = derived(diskId, "file-write");
            UUID dataWrite = derived(diskId, "data-write");
            writeAt(ch, 64 * 1024, header(1, fileWrite, dataWrite));
            writeAt(ch, 128 * 1024, header(2, fileWrite, dataWrite));
            ByteBuffer regions = regionTable(MIB);
            writeAt(ch, 192 * 1024, regions.duplicate());
            writeAt(ch, 256 * 1024, regions.duplicate());
            writeAt(ch, METADATA_OFFSET, metadata(content.length, diskId, false));
            writeAt(ch, BAT_OFFSET, bat);
            for (int b = 0; b < dataBlocks; b++) {
                if (blockOffsets[b] != 0) {
                    writeAt(ch, blockOffsets[b], ByteBuffer.wrap(content, b * BLOCK_SIZE, BLOCK_SIZE));
                }
            }
            // The log region is left as a hole of zeros; the file ends after the BAT or the last block.
            long end = Math.max(nextBlockOffset, PAYLOAD_OFFSET);
            if (ch.size() < end) {
                writeAt(ch, end - 1, ByteBuffer.wrap(new byte[1]));
            }
            ch.force(true);
        }
    }

    /**
     * Writes {@code file} as a fixed VHDX of {@code virtualSize} bytes (a multiple of 1 MiB), Hyper-V's other
     * disk type: every payload block is present, in order, from the end of the BAT; the file is as long as the
     * disk plus the metadata. Only the pieces' bytes are written, so the rest of the payload stays a hole of the
     * file system (a sparse file) and reads as zeros.
     */
    public static void writeFixed(Path file, long virtualSize, java.util.List<GuestDisk.Piece> pieces, UUID diskId,
            String creator) throws IOException {
        if (virtualSize <= 0 || virtualSize % BLOCK_SIZE != 0) {
            throw new IllegalArgumentException("VHDX size must be a non-zero multiple of 1 MiB, got " + virtualSize);
        }
        long dataBlocks = virtualSize / BLOCK_SIZE;
        long chunkRatio = (1L << 23) * LOGICAL_SECTOR_SIZE / BLOCK_SIZE;
        long batEntries = dataBlocks + (dataBlocks - 1) / chunkRatio + 1;
        long batLength = (batEntries * 8 + MIB - 1) / MIB * MIB;
        if (batLength > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("virtual disk of " + virtualSize + " bytes is too large for the lab");
        }
        long payloadOffset = BAT_OFFSET + batLength;
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw");
             FileChannel ch = raf.getChannel()) {
            raf.setLength(0);
            writeAt(ch, 0, fileIdentifier(creator));
            UUID fileWrite = derived(diskId, "file-write");
            UUID dataWrite = derived(diskId, "data-write");
            writeAt(ch, 64 * 1024, header(1, fileWrite, dataWrite));
            writeAt(ch, 128 * 1024, header(2, fileWrite, dataWrite));
            ByteBuffer regions = regionTable((int) batLength);
            writeAt(ch, 192 * 1024, regions.duplicate());
            writeAt(ch, 256 * 1024, regions.duplicate());
            writeAt(ch, METADATA_OFFSET, metadata(virtualSize, diskId, true));
            ByteBuffer bat = le(MIB);
            long batPos = BAT_OFFSET;
            for (long block = 0; block < dataBlocks; block++) {
                long[] entries = (block + 1) % chunkRatio == 0
                        // the last block of a chunk is followed by the chunk's sector-bitmap entry: not present
                        ? new long[] {((payloadOffset + block * BLOCK_SIZE) / MIB << 20) | PAYLOAD_BLOCK_FULLY_PRESENT, 0}
                        : new long[] {((payloadOffset + block * BLOCK_SIZE) / MIB << 20) | PAYLOAD_BLOCK_FULLY_PRESENT};
                for (long e : entries) {
                    if (!bat.hasRemaining()) {
                        writeAt(ch, batPos, bat.flip());
                        batPos += MIB;
                        bat.clear();
                    }
                    bat.putLong(e);
                }
            }
            if (bat.position() > 0) {
                writeAt(ch, batPos, bat.flip());
            }
            for (GuestDisk.Piece p : pieces) {
                for (int at = 0; at < p.bytes().length; at += BLOCK_SIZE) {
                    int len = Math.min(BLOCK_SIZE, p.bytes().length - at);
                    if (!isZero(p.bytes(), at, len)) {
                        writeAt(ch, payloadOffset + p.offset() + at, ByteBuffer.wrap(p.bytes(), at, len));
                    }
                }
            }
            raf.setLength(payloadOffset + virtualSize); // extends without writing: the rest stays a hole
            ch.force(true);
        }
    }

    private static ByteBuffer fileIdentifier(String creator) {
        ByteBuffer b = le(64 * 1024);
        b.put("vhdxfile".getBytes(StandardCharsets.US_ASCII));
        String c = creator.length() > 255 ? creator.substring(0, 255) : creator;
        b.put(c.getBytes(StandardCharsets.UTF_16LE));
        return b.rewind();
    }

    private static ByteBuffer header(long sequence, UUID fileWrite, UUID dataWrite) {
        ByteBuffer b = le(4096);
        b.put("head".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0); // checksum, filled below
        b.putLong(sequence);
        putGuid(b, fileWrite);
        putGuid(b, dataWrite);
        putGuid(b, new UUID(0, 0)); // LogGuid zero: the log is empty, nothing to replay
        b.putShort((short) 0); // LogVersion
        b.putShort((short) 1); // Version
        b.putInt(MIB); // LogLength
        b.putLong(LOG_OFFSET);
        return checksummed(b, 4);
    }

    private static ByteBuffer regionTable(int batLength) {
        ByteBuffer b = le(64 * 1024);
        b.put("regi".getBytes(StandardCharsets.US_ASCII));
        b.putInt(0);
        b.putInt(2);
        b.putInt(0);
        putGuid(b, BAT_REGION);
        b.putLong(BAT_OFFSET);
        b.putInt(batLength);
        b.putInt(1); // required
        putGuid(b, METADATA_REGION);
        b.putLong(METADATA_OFFSET);
        b.putInt(MIB);
        b.putInt(1);
        return checksummed(b, 4);
    }

    private static ByteBuffer metadata(long virtualSize, UUID diskId, boolean fixed) {
        ByteBuffer b = le(MIB);
        b.put("metadata".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) 0);
        b.putShort((short) 5);
        b.position(32);
        int isVirtualDisk = 0b010;
        int isRequired = 0b100;
        int items = 64 * 1024;
        entry(b, FILE_PARAMETERS, items, 8, isRequired);
        entry(b, VIRTUAL_DISK_SIZE, items + 8, 8, isVirtualDisk | isRequired);
        entry(b, VIRTUAL_DISK_ID, items + 16, 16, isVirtualDisk | isRequired);
        entry(b, LOGICAL_SECTOR, items + 32, 4, isVirtualDisk | isRequired);
        entry(b, PHYSICAL_SECTOR, items + 36, 4, isVirtualDisk | isRequired);
        b.position(items);
        b.putInt(BLOCK_SIZE);
        b.putInt(fixed ? 1 : 0); // LeaveBlocksAllocated: 1 fixed, 0 dynamic; HasParent = 0
        b.putLong(virtualSize);
        putGuid(b, diskId);
        b.putInt(LOGICAL_SECTOR_SIZE);
        b.putInt(PHYSICAL_SECTOR_SIZE);
        return b.rewind();
    }

    private static void entry(ByteBuffer b, UUID id, int offset, int length, int flags) {
        putGuid(b, id);
        b.putInt(offset);
        b.putInt(length);
        b.putInt(flags);
        b.putInt(0);
    }

    /** A GUID in its Windows binary form: Data1..Data3 little-endian, Data4 as bytes. */
    public static void putGuid(ByteBuffer b, UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        b.putInt((int) (msb >>> 32));
        b.putShort((short) (msb >>> 16));
        b.putShort((short) msb);
        ByteBuffer be = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putLong(lsb);
        b.put(be.array());
    }

    private static ByteBuffer checksummed(ByteBuffer b, int checksumOffset) {
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, b.capacity());
        b.putInt(checksumOffset, (int) crc.getValue());
        return b.rewind();
    }

    private static UUID derived(UUID base, String purpose) {
        return UUID.nameUUIDFromBytes((base + "/" + purpose).getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean isZero(byte[] a, int from, int len) {
        for (int i = from; i < from + len; i++) {
            if (a[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void writeAt(FileChannel ch, long position, ByteBuffer buf) throws IOException {
        long p = position; // callers pass buffers positioned at the first byte to write
        while (buf.hasRemaining()) {
            p += ch.write(buf, p);
        }
    }
}
