package dev.vsskit.eventlog;

import dev.vsskit.eventlog.internal.BinXmlWriter;
import dev.vsskit.eventlog.internal.Crc;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Writes classic (ReportEvent-style) events into an EVTX file that Windows' readers and the peers open:
 * a v3.1 header and 64 KiB chunks with both CRC32s, string and template tables, one template per
 * (source, channel, computer) defined once per chunk, the classic EventData as a nested template with an
 * ArrayString of insertion strings, and EventRecordIDs that continue across chunks and across appends.
 *
 * <p>An existing file is appended to: the writer continues in its last chunk. The header's dirty flag is
 * set while the writer is open and cleared by {@link #close()}. Not thread-safe; for several processes
 * use {@link EvtxEventSink}, which locks the file.
 */
public final class EvtxWriter implements Closeable {

    private static final int HEADER_SIZE = 4096;
    private static final int CHUNK_SIZE = BinXmlWriter.CHUNK_SIZE;
    private static final String EVENT_NS = "http://schemas.microsoft.com/win/2004/08/events/event";
    /** Keywords of every classic event. */
    public static final long KEYWORDS_CLASSIC = 0x80000000000000L;

    private final Path file;
    private final FileChannel channel;
    private final byte[] chunk = new byte[CHUNK_SIZE];
    private Map<String, Integer> names = new HashMap<>();
    private Map<UUID, Integer> templates = new HashMap<>();
    private int chunkIndex;
    private int chunkCount;
    private int free;
    private int lastRecordOffset;
    private long firstIdInChunk;
    private long nextRecordId;
    private boolean chunkHasRecords;
    private boolean closed;

    private EvtxWriter(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating if absent) an EVTX file for appending. */
    public static EvtxWriter open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        EvtxWriter w = new EvtxWriter(file, ch);
        try {
            if (ch.size() == 0) {
                w.startNewFile();
            } else {
                w.loadExisting();
            }
            w.writeHeader(true);
            return w;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    private void startNewFile() {
        chunkIndex = 0;
        chunkCount = 1;
        nextRecordId = 1;
        resetChunk();
    }

    private void resetChunk() {
        java.util.Arrays.fill(chunk, (byte) 0);
        names = new HashMap<>();
        templates = new HashMap<>();
        free = 512;
        lastRecordOffset = 0;
        firstIdInChunk = nextRecordId;
        chunkHasRecords = false;
    }

    private void loadExisting() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(h, 0);
        byte[] hb = h.array();
        if (!new String(hb, 0, 8, StandardCharsets.ISO_8859_1).equals("ElfFile\0")) {
            throw new IOException(file + " is not an EVTX file; choose another file or remove it");
        }
        long first = h.getLong(8);
        long last = h.getLong(16);
        int count = h.getShort(42) & 0xFFFF;
        long fileChunks = (channel.size() - HEADER_SIZE) / CHUNK_SIZE;
        if (first > last || (h.getInt(120) & EvtxFileHeader.FULL) != 0) {
            throw new IOException(file + " is a wrapped or full log; vsskit appends only to logs it can extend "
                    + "(start a new file)");
        }
        if (count == 0 || fileChunks < count) {
            throw new IOException(file + " is truncated (header says " + count + " chunks, file holds " + fileChunks
                    + "); repair or remove it");
        }
        chunkCount = count;
        chunkIndex = count - 1;
        nextRecordId = h.getLong(24);
        ByteBuffer cb = ByteBuffer.wrap(chunk);
        channel.read(cb, HEADER_SIZE + (long) chunkIndex * CHUNK_SIZE);
        ByteBuffer c = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        if (!new String(chunk, 0, 8, StandardCharsets.ISO_8859_1).equals("ElfChnk\0")) {
            throw new IOException(file + ": last chunk " + chunkIndex + " has no chunk signature; repair or remove it");
        }
        free = c.getInt(48);
        if (free < 512 || free > CHUNK_SIZE) {
            throw new IOException(file + ": last chunk " + chunkIndex + " has a bad free-space offset " + free);
        }
        lastRecordOffset = c.getInt(44);
        firstIdInChunk = c.getLong(24);
        long lastId = c.getLong(32);
        chunkHasRecords = lastRecordOffset >= 512;
        if (chunkHasRecords) {
            nextRecordId = Math.max(nextRecordId, lastId + 1);
        } else {
            firstIdInChunk = nextRecordId;
        }
        names = BinXmlWriter.namesOf(chunk);
        templates = new HashMap<>();
        for (int i = 0; i < 32; i++) {
            int p = c.getInt(384 + 4 * i);
            for (int guard = 0; p >= 512 && p + 24 <= CHUNK_SIZE && guard < 4096; guard++) {
                ByteBuffer g = ByteBuffer.wrap(chunk, p + 4, 16).order(ByteOrder.LITTLE_ENDIAN);
                templates.putIfAbsent(guidFromLe(g), p);
                p = c.getInt(p);
            }
        }
    }

    /**
     * Appends a classic event; returns its EventRecordID. {@code eventId} may carry the Qualifiers in its
     * high 16 bits, as ReportEvent's dwEventID does.
     */
    public long write(ClassicEvent event) throws IOException {
        ensureOpen();
        int bound = sizeBound(event);
        if (bound > CHUNK_SIZE - 512) {
            throw new IllegalArgumentException("event from " + event.source() + " is too large for an EVTX chunk ("
                    + bound + " bytes); shorten its insertion strings");
        }
        if (free + bound > CHUNK_SIZE) {
            flushChunk();
            chunkIndex++;
            chunkCount++;
            resetChunk();
        }
        long id = nextRecordId++;
        int start = free;
        BinXmlWriter w = new BinXmlWriter(chunk, names, start);
        w.u32(0x00002a2a);
        w.u32(0); // size, patched
        w.u64(id);
        w.u64(fileTime(event.time()));
        w.fragmentHeader();
        instance(w, event, id);
        w.eof();
        int size = w.pos() + 4 - start;
        w.u32(size);
        BinXmlWriter.put32(chunk, start + 4, size);
        lastRecordOffset = start;
        free = w.pos();
        chunkHasRecords = true;
        return id;
    }

    private static int sizeBound(ClassicEvent e) {
        int chars = e.source().length() * 2 + e.channel().length() + e.computer().length();
        for (String s : e.insertionStrings()) {
            chars += s.length() + 1;
        }
        return 4096 + 4 * chars;
    }

    private void instance(BinXmlWriter w, ClassicEvent e, long id) {
        UUID guid = UUID.nameUUIDFromBytes(("vsskit-classic-system|" + e.source() + "|" + e.channel() + "|" + e.computer())
                .getBytes(StandardCharsets.UTF_8));
        templateInstance(w, guid, () -> systemTemplateBody(w, e));
        int[] types = new int[20];
        types[0] = 0x04; // Level
        types[1] = 0x04; // Opcode
        types[2] = 0x06; // Task
        types[3] = 0x06; // EventID
        types[4] = 0x06; // Qualifiers
        types[5] = 0x15; // Keywords
        types[6] = 0x11; // TimeCreated
        types[10] = 0x0A; // EventRecordID
        types[19] = 0x21; // EventData
        w.u32(20);
        int descAt = w.pos();
        for (int i = 0; i < 20; i++) {
            w.u16(0);
            w.u8(types[i]);
            w.u8(0);
        }
        int[] sizes = new int[20];
        int p = w.pos();
        w.u8(e.level());
        sizes[0] = 1;
        w.u8(0);
        sizes[1] = 1;
        w.u16(0);
        sizes[2] = 2;
        w.u16(e.eventId() & 0xFFFF);
        sizes[3] = 2;
        w.u16(e.eventId() >>> 16);
        sizes[4] = 2;
        w.u64(KEYWORDS_CLASSIC);
        sizes[5] = 8;
        w.u64(fileTime(e.time()));
        sizes[6] = 8;
        w.u64(id);
        sizes[10] = 8;
        p = w.pos();
        eventData(w, e);
        sizes[19] = w.pos() - p;
        for (int i = 0; i < 20; i++) {
            chunk[descAt + 4 * i] = (byte) sizes[i];
            chunk[descAt + 4 * i + 1] = (byte) (sizes[i] >>> 8);
        }
    }

    /** The nested EventData document: {@code <EventData><Data>%0</Data></EventData>}, %0 an ArrayString. */
    private void eventData(BinXmlWriter w, ClassicEvent e) {
        w.fragmentHeader();
        UUID guid = UUID.nameUUIDFromBytes("vsskit-classic-eventdata".getBytes(StandardCharsets.UTF_8));
        templateInstance(w, guid, () -> {
            int ed = w.openElement("EventData", false);
            w.closeStart();
            int data = w.openElement("Data", false);
            w.closeStart();
            w.substitution(0, 0x81, false);
            w.endElement(data);
            w.endElement(ed);
        });
        StringBuilder sb = new StringBuilder();
        for (String s : e.insertionStrings()) {
            sb.append(s.replace('\0', ' ')).append('\0');
        }
        byte[] strings = sb.toString().getBytes(StandardCharsets.UTF_16LE);
        w.u32(1);
        w.u16(strings.length);
        w.u8(0x81);
        w.u8(0);
        w.bytes(strings);
        w.eof();
    }

    private void systemTemplateBody(BinXmlWriter w, ClassicEvent e) {
        int event = w.openElement("Event", true);
        int attrs = w.attributesStart();
        w.attribute("xmlns", false);
        w.text(EVENT_NS);
        w.endAttributes(attrs);
        w.closeStart();
        int system = w.openElement("System", false);
        w.closeStart();
        int provider = w.openElement("Provider", true);
        attrs = w.attributesStart();
        w.attribute("Name", true);
        w.text(e.source());
        w.attribute("EventSourceName", false);
        w.text(e.source());
        w.endAttributes(attrs);
        w.closeEmpty(provider);
        int eventId = w.openElement("EventID", true);
        attrs = w.attributesStart();
        w.attribute("Qualifiers", false);
        w.substitution(4, 0x06, true);
        w.endAttributes(attrs);
        w.closeStart();
        w.substitution(3, 0x06, false);
        w.endElement(eventId);
        simple(w, "Level", 0, 0x04);
        simple(w, "Task", 2, 0x06);
        simple(w, "Keywords", 5, 0x15);
        int created = w.openElement("TimeCreated", true);
        attrs = w.attributesStart();
        w.attribute("SystemTime", false);
        w.substitution(6, 0x11, false);
        w.endAttributes(attrs);
        w.closeEmpty(created);
        simple(w, "EventRecordID", 10, 0x0A);
        literal(w, "Channel", e.channel());
        literal(w, "Computer", e.computer());
        int security = w.openElement("Security", true);
        attrs = w.attributesStart();
        w.attribute("UserID", false);
        w.substitution(12, 0x13, true);
        w.endAttributes(attrs);
        w.closeEmpty(security);
        w.endElement(system);
        w.substitution(19, 0x21, true);
        w.endElement(event);
    }

    private static void simple(BinXmlWriter w, String name, int index, int type) {
        int at = w.openElement(name, false);
        w.closeStart();
        w.substitution(index, type, false);
        w.endElement(at);
    }

    private static void literal(BinXmlWriter w, String name, String text) {
        int at = w.openElement(name, false);
        w.closeStart();
        w.text(text);
        w.endElement(at);
    }

    /** Writes the instance token and, on the template's first use in this chunk, its definition inline. */
    private void templateInstance(BinXmlWriter w, UUID guid, Runnable body) {
        byte[] g = guidToLe(guid);
        int templateId = (g[0] & 0xFF) | (g[1] & 0xFF) << 8 | (g[2] & 0xFF) << 16 | (g[3] & 0xFF) << 24;
        w.u8(0x0C);
        w.u8(0x01);
        w.u32(templateId);
        Integer def = templates.get(guid);
        if (def != null) {
            w.u32(def);
            return;
        }
        int at = w.pos() + 4;
        w.u32(at);
        w.u32(0); // next template in the bucket
        w.bytes(g);
        int sizeAt = w.pos();
        w.u32(0);
        w.fragmentHeader();
        body.run();
        w.eof();
        BinXmlWriter.put32(chunk, sizeAt, w.pos() - sizeAt - 4);
        templates.put(guid, at);
        int bucket = 384 + 4 * Integer.remainderUnsigned(templateId, 32);
        int p = le32(bucket);
        if (p == 0) {
            BinXmlWriter.put32(chunk, bucket, at);
        } else {
            for (int guard = 0; le32(p) != 0 && guard < 4096; guard++) {
                p = le32(p);
            }
            BinXmlWriter.put32(chunk, p, at);
        }
    }

    private int le32(int p) {
        return (chunk[p] & 0xFF) | (chunk[p + 1] & 0xFF) << 8 | (chunk[p + 2] & 0xFF) << 16 | (chunk[p + 3] & 0xFF) << 24;
    }

    /** Writes the current chunk (header fields and both CRCs) and the file header (still dirty). */
    public void flush() throws IOException {
        ensureOpen();
        flushChunk();
        writeHeader(true);
    }

    private void flushChunk() throws IOException {
        byte[] c = chunk;
        System.arraycopy("ElfChnk\0".getBytes(StandardCharsets.ISO_8859_1), 0, c, 0, 8);
        long lastId = chunkHasRecords ? nextRecordId - 1 : firstIdInChunk - 1;
        BinXmlWriter.put64(c, 8, firstIdInChunk);
        BinXmlWriter.put64(c, 16, chunkHasRecords ? lastId : firstIdInChunk);
        BinXmlWriter.put64(c, 24, firstIdInChunk);
        BinXmlWriter.put64(c, 32, chunkHasRecords ? lastId : firstIdInChunk);
        BinXmlWriter.put32(c, 40, 128);
        BinXmlWriter.put32(c, 44, lastRecordOffset);
        BinXmlWriter.put32(c, 48, free);
        java.util.Arrays.fill(c, free, CHUNK_SIZE, (byte) 0);
        BinXmlWriter.put32(c, 52, Crc.of(c, 512, free - 512));
        BinXmlWriter.put32(c, 120, 0);
        BinXmlWriter.put32(c, 124, Crc.chunkHeader(c));
        ByteBuffer bb = ByteBuffer.wrap(c);
        long at = HEADER_SIZE + (long) chunkIndex * CHUNK_SIZE;
        while (bb.hasRemaining()) {
            at += channel.write(bb, at);
        }
    }

    private void writeHeader(boolean dirty) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        h.put("ElfFile\0".getBytes(StandardCharsets.ISO_8859_1));
        h.putLong(8, 0);
        h.putLong(16, chunkCount - 1);
        h.putLong(24, nextRecordId);
        h.putInt(32, 128);
        h.putShort(36, (short) 1);
        h.putShort(38, (short) 3);
        h.putShort(40, (short) HEADER_SIZE);
        h.putShort(42, (short) chunkCount);
        h.putInt(120, dirty ? EvtxFileHeader.DIRTY : 0);
        h.putInt(124, Crc.of(h.array(), 0, 120));
        h.clear();
        long at = 0;
        while (h.hasRemaining()) {
            at += channel.write(h, at);
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("EVTX writer for " + file + " is closed");
        }
    }

    /** Writes the last chunk, clears the dirty flag and forces the file to disk. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flushChunk();
            channel.force(false);
            writeHeader(false);
            channel.force(true);
        } finally {
            closed = true;
            channel.close();
        }
    }

    static long fileTime(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 10_000_000L), t.getNano() / 100) + 116444736000000000L;
    }

    private static byte[] guidToLe(UUID u) {
        ByteBuffer be = ByteBuffer.allocate(16);
        be.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
        byte[] x = be.array();
        return new byte[] {x[3], x[2], x[1], x[0], x[5], x[4], x[7], x[6], x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15]};
    }

    private static UUID guidFromLe(ByteBuffer g) {
        byte[] x = new byte[16];
        g.get(x);
        byte[] be = {x[3], x[2], x[1], x[0], x[5], x[4], x[7], x[6], x[8], x[9], x[10], x[11], x[12], x[13], x[14], x[15]};
        ByteBuffer b = ByteBuffer.wrap(be);
        return new UUID(b.getLong(), b.getLong());
    }
}
