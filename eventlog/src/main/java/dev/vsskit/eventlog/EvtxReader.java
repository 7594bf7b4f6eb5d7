package dev.vsskit.eventlog;

import dev.vsskit.eventlog.internal.BinXmlException;
import dev.vsskit.eventlog.internal.ChunkDecoder;
import dev.vsskit.eventlog.internal.Crc;
import dev.vsskit.eventlog.internal.Template;
import dev.vsskit.eventlog.internal.TreeSink;
import dev.vsskit.eventlog.internal.XmlTextSink;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads an EVTX file chunk by chunk (64 KiB at a time, so memory does not grow with the file).
 * Damage never escapes as an exception: each problem goes to the {@link EvtxWarningListener} with the
 * file, chunk and offset, and reading continues with the next record or chunk.
 *
 * <p>Policy: every chunk slot up to the end of the file is read (Windows leaves valid chunks past the
 * header's count); all-zero chunks are skipped silently; a chunk with a bad signature is skipped with a
 * warning; a chunk whose CRCs fail is reported and its records are still decoded; inside a chunk,
 * every well-formed record below the free-space offset is returned (also past the declared last record),
 * and after a damaged record the reader carves forward to the next record signature.
 */
public final class EvtxReader implements Closeable, Iterable<EvtxRecord> {

    /** What to build for each record. */
    public enum Render { NONE, XML, EVENT, BOTH }

    static final int HEADER_SIZE = 4096;
    static final int CHUNK_SIZE = ChunkDecoder.CHUNK_SIZE;

    private final Path file;
    private final FileChannel channel;
    private final EvtxWarningListener listener;
    private final EvtxFileHeader header;
    private final long size;

    private EvtxReader(Path file, FileChannel channel, EvtxWarningListener listener) throws IOException {
        this.file = file;
        this.channel = channel;
        this.listener = listener;
        this.size = channel.size();
        this.header = readHeader();
    }

    /** Opens a file; fails only when it cannot be opened or has no EVTX signature. */
    public static EvtxReader open(Path file, EvtxWarningListener listener) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new EvtxReader(file, ch, listener);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    EvtxFileHeader header() {
        return header;
    }

    /** Chunk slots in the file: (size − 4096) / 65536, rounded up (a truncated last chunk is read too). */
    public int chunkSlots() {
        return (int) Math.max(0, (size - HEADER_SIZE + CHUNK_SIZE - 1) / CHUNK_SIZE);
    }

    private EvtxFileHeader readHeader() throws IOException {
        ByteBuffer bb = ByteBuffer.allocate(HEADER_SIZE);
        channel.read(bb, 0);
        byte[] h = bb.array();
        int got = Math.max(0, bb.position());
        boolean signature = got >= 8 && new String(h, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("ElfFile\0");
        if (signature && got < 128) {
            throw new IOException(file + " is truncated (" + got + " bytes; an EVTX file header alone is 4096); "
                    + "export the log again");
        }
        if (!signature) {
            throw new IOException(file + " is not an EVTX file (no ElfFile signature); export the log as .evtx");
        }
        ByteBuffer le = ByteBuffer.wrap(h).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int flags = le.getInt(120);
        int crc = le.getInt(124);
        boolean crcOk = Crc.of(h, 0, 120) == crc;
        EvtxFileHeader fh = new EvtxFileHeader(le.getLong(8), le.getLong(16), le.getLong(24), le.getShort(36) & 0xFFFF,
                le.getShort(38) & 0xFFFF, le.getShort(42) & 0xFFFF, flags & 0x7, crcOk);
        if ((flags & ~0x7) != 0) {
            warn(-1, 120, "unknown file flags 0x" + Integer.toHexString(flags) + " (only 0x7 is used)");
        }
        if (!crcOk && !fh.noCrc32()) {
            warn(-1, 124, "file header CRC32 mismatch");
        }
        if (fh.majorVersion() != 3 || (fh.minorVersion() != 1 && fh.minorVersion() != 2)) {
            warn(-1, 36, "unexpected version " + fh.majorVersion() + "." + fh.minorVersion());
        }
        if (size < HEADER_SIZE + (long) fh.chunkCount() * CHUNK_SIZE) {
            warn(-1, size, "file is truncated: header says " + fh.chunkCount() + " chunks, the file holds "
                    + (size - HEADER_SIZE) / CHUNK_SIZE);
        }
        return fh;
    }

    void warn(int chunk, long offset, String message) {
        try {
            listener.warning(new EvtxWarning(file, chunk, offset, message));
        } catch (RuntimeException ignored) {
            // A listener's failure must not stop the reading.
        }
    }

    /** Iterates over all records in file order, rendering both XML and the typed event. */
    @Override
    public Iterator<EvtxRecord> iterator() {
        return records(Render.BOTH, RecordFilter.ALL);
    }

    /** Iterates over the matching records in file order, building what {@code render} asks for. */
    public Iterator<EvtxRecord> records(Render render, RecordFilter filter) {
        ChunkWorker worker = new ChunkWorker(render, filter);
        return new Iterator<>() {
            int nextChunk;
            List<EvtxRecord> current = List.of();
            int pos;

            @Override
            public boolean hasNext() {
                while (pos >= current.size()) {
                    if (nextChunk >= chunkSlots()) {
                        return false;
                    }
                    current = worker.read(nextChunk++);
                    pos = 0;
                }
                return true;
            }

            @Override
            public EvtxRecord next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.get(pos++);
            }
        };
    }

    /**
     * Delivers the matching records to {@code sink} in file order, decoding chunks on {@code threads}
     * threads; returns the number delivered. Memory stays bounded: a few chunks per thread are in flight.
     */
    public long query(RecordFilter filter, Render render, int threads, Consumer<EvtxRecord> sink) {
        return queryChunks(filter, render, threads, records -> records, records -> {
            records.forEach(sink);
            return true;
        });
    }

    /**
     * Decodes the chunks on {@code threads} threads, turns each chunk's matching records into an {@code R} with
     * {@code format} on the decoding thread (so that formatting the output runs in parallel too), and hands
     * the results to {@code sink} on the calling thread in file order, until it returns false. Returns the
     * number of records handed over. At most four chunks per thread are in flight, so memory stays bounded
     * whatever the size of the file.
     */
    public <R> long queryChunks(RecordFilter filter, Render render, int threads,
            java.util.function.Function<List<EvtxRecord>, R> format, java.util.function.Predicate<R> sink) {
        int slots = chunkSlots();
        long n = 0;
        if (threads <= 1 || slots < 2) {
            ChunkWorker worker = new ChunkWorker(render, filter);
            for (int c = 0; c < slots; c++) {
                List<EvtxRecord> records = worker.read(c);
                if (records.isEmpty()) {
                    continue;
                }
                n += records.size();
                if (!sink.test(format.apply(records))) {
                    break;
                }
            }
            return n;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "evtx-reader");
            t.setDaemon(true);
            return t;
        });
        ThreadLocal<ChunkWorker> workers = ThreadLocal.withInitial(() -> new ChunkWorker(render, filter));
        java.util.ArrayDeque<Future<Decoded<R>>> inFlight = new java.util.ArrayDeque<>();
        int window = threads * 4;
        int next = 0;
        try {
            while (next < slots && inFlight.size() < window) {
                inFlight.add(submit(pool, workers, format, next++));
            }
            while (!inFlight.isEmpty()) {
                Decoded<R> d = inFlight.poll().get();
                if (next < slots) {
                    inFlight.add(submit(pool, workers, format, next++));
                }
                if (d.count() == 0) {
                    continue;
                }
                n += d.count();
                if (!sink.test(d.value())) {
                    break;
                }
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return n;
        } catch (ExecutionException e) {
            throw new IllegalStateException("EVTX reader worker failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private record Decoded<R>(int count, R value) {
    }

    private static <R> Future<Decoded<R>> submit(ExecutorService pool, ThreadLocal<ChunkWorker> workers,
            java.util.function.Function<List<EvtxRecord>, R> format, int chunk) {
        return pool.submit(() -> {
            List<EvtxRecord> records = workers.get().read(chunk);
            return new Decoded<>(records.size(), records.isEmpty() ? null : format.apply(records));
        });
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Decodes one chunk at a time into its own buffer; one per thread. */
    private final class ChunkWorker {

        private final ChunkDecoder decoder = new ChunkDecoder();
        private final ByteBuffer bb = ByteBuffer.wrap(decoder.buffer());
        private final Render render;
        private final RecordFilter filter;
        private final boolean skipPath;

        ChunkWorker(Render render, RecordFilter filter) {
            this.render = render;
            this.filter = filter;
            this.skipPath = filter != RecordFilter.ALL;
        }

        List<EvtxRecord> read(int chunk) {
            List<EvtxRecord> out = new ArrayList<>();
            try {
                readInto(chunk, out);
            } catch (IOException e) {
                warn(chunk, chunkOffset(chunk), "cannot read chunk: " + e.getMessage());
            } catch (RuntimeException e) {
                warn(chunk, chunkOffset(chunk), "chunk abandoned: " + e);
            }
            return out;
        }

        private long chunkOffset(int chunk) {
            return HEADER_SIZE + (long) chunk * CHUNK_SIZE;
        }

        private void readInto(int chunk, List<EvtxRecord> out) throws IOException {
            long base = chunkOffset(chunk);
            byte[] b = decoder.buffer();
            bb.clear();
            int got = 0;
            while (bb.hasRemaining()) {
                int r = channel.read(bb, base + got);
                if (r < 0) {
                    break;
                }
                got += r;
            }
            if (got < CHUNK_SIZE) {
                java.util.Arrays.fill(b, got, CHUNK_SIZE, (byte) 0);
            }
            decoder.reset();
            if (!(b[0] == 'E' && b[1] == 'l' && b[2] == 'f' && b[3] == 'C' && b[4] == 'h' && b[5] == 'n' && b[6] == 'k'
                    && b[7] == 0)) {
                if (!allZero(b, got)) {
                    warn(chunk, base, "bad chunk signature; chunk skipped");
                }
                return;
            }
            if (got < CHUNK_SIZE) {
                warn(chunk, base + got, "chunk truncated at " + got + " of 65536 bytes; reading what is there");
            }
            int flags = le32(b, 120);
            boolean checkCrc = !header.noCrc32() && (flags & 0x4) == 0;
            int free = le32(b, 48);
            if (free < 512 || free > CHUNK_SIZE) {
                warn(chunk, base + 48, "free-space offset " + free + " out of range; reading to the end of the chunk");
                free = CHUNK_SIZE;
            }
            if (checkCrc) {
                if (Crc.chunkHeader(b) != le32(b, 124)) {
                    warn(chunk, base + 124, "chunk header CRC32 mismatch; records still decoded");
                }
                if (Crc.of(b, 512, free - 512) != le32(b, 52)) {
                    warn(chunk, base + 52, "event records CRC32 mismatch; records still decoded");
                }
            }
            int p = 512;
            while (p + 28 <= free) {
                int magic = le32(b, p);
                if (magic == 0 && le32(b, p + 4) == 0) {
                    break; // clean end of the records
                }
                int size = le32(b, p + 4);
                if (magic == 0x00002a2a && size >= 28 && size <= free - p && le32(b, p + size - 4) != size) {
                    // The peers still decode such a record (the trailer is only a copy); so do we.
                    warn(chunk, base + p, "record size " + size + " does not match its trailing copy");
                    record(chunk, base, p, size, out);
                    int next = carve(b, p + 1, free);
                    if (next < 0) {
                        break;
                    }
                    p = next;
                    continue;
                }
                if (magic != 0x00002a2a || size < 28 || size > CHUNK_SIZE - p || le32(b, p + size - 4) != size) {
                    warn(chunk, base + p, magic != 0x00002a2a ? "no record signature; scanning for the next record"
                            : "record size " + Integer.toUnsignedString(size) + " invalid; scanning for the next record");
                    p = carve(b, p + 1, free);
                    if (p < 0) {
                        break;
                    }
                    continue;
                }
                record(chunk, base, p, size, out);
                p += size;
            }
        }

        private int carve(byte[] b, int from, int free) {
            for (int p = from; p + 28 <= free; p++) {
                if (b[p] == 0x2a && b[p + 1] == 0x2a && b[p + 2] == 0 && b[p + 3] == 0) {
                    int size = le32(b, p + 4);
                    if (size >= 28 && size <= CHUNK_SIZE - p && le32(b, p + size - 4) == size) {
                        return p;
                    }
                }
            }
            return -1;
        }

        private void record(int chunk, long base, int p, int size, List<EvtxRecord> out) {
            byte[] b = decoder.buffer();
            long id = le64(b, p + 8);
            int start = p + 24;
            int end = p + size - 4;
            if (skipPath && !preFilter(start, end)) {
                return;
            }
            boolean complete = true;
            TreeSink tree = null;
            StringBuilder xml = null;
            XmlElement event = null;
            boolean wantTree = render == Render.EVENT || render == Render.BOTH || skipPath;
            boolean wantXml = render == Render.XML || render == Render.BOTH;
            try {
                if (wantTree) {
                    tree = new TreeSink();
                    decoder.renderRecord(start, end, tree);
                    event = tree.root();
                }
            } catch (BinXmlException e) {
                complete = false;
                warn(chunk, base + p, "record " + id + ": " + e.getMessage());
                event = tree.root();
            } catch (RuntimeException e) {
                complete = false;
                warn(chunk, base + p, "record " + id + ": " + e);
                event = tree.root();
            }
            if (skipPath && (event == null || !filter.matches(event))) {
                return;
            }
            if (wantXml) {
                xml = new StringBuilder(1024);
                XmlTextSink sink = new XmlTextSink(xml);
                try {
                    decoder.renderRecord(start, end, sink);
                } catch (BinXmlException e) {
                    if (complete) {
                        warn(chunk, base + p, "record " + id + ": " + e.getMessage());
                    }
                    complete = false;
                } catch (RuntimeException e) {
                    if (complete) {
                        warn(chunk, base + p, "record " + id + ": " + e);
                    }
                    complete = false;
                }
                sink.closeAll();
            }
            EventRecord typed = null;
            Instant written = fileTime(le64(b, p + 16));
            if (render == Render.EVENT || render == Render.BOTH) {
                // The record header's id and time are what can be trusted when the BinXml is damaged (the
                // EventRecordID value is a substitution of the template, and the template may be what broke).
                typed = EventXml.toEventRecord(event != null ? event : new XmlElement("Event")).withHeader(id, written);
            }
            out.add(new EvtxRecord(id, written, chunk, base + p, xml == null ? null : xml.toString(), typed, complete));
        }

        /** Template-level test: false when this record cannot match, decided without decoding it. */
        private boolean preFilter(int start, int end) {
            byte[] b = decoder.buffer();
            int q = start;
            if (q < end && b[q] == 0x0F) {
                q += 4;
            }
            if (q + 10 > end || b[q] != 0x0C) {
                return true;
            }
            try {
                decoder.resetBudget();
                Template t = decoder.template(le32(b, q + 6));
                if (!t.providerVerdict(filter)) {
                    return false;
                }
                int id = t.eventIdLiteral();
                if (id < 0 && t.eventIdIndex() >= 0) {
                    id = decoder.instanceValueU16(q, end, t.eventIdIndex());
                }
                return id < 0 || filter.eventIdMayMatch(id);
            } catch (RuntimeException e) {
                return true; // let the full decode report it
            }
        }
    }

    static Instant fileTime(long ticks) {
        long t = ticks - 116444736000000000L;
        return Instant.ofEpochSecond(Math.floorDiv(t, 10_000_000L), Math.floorMod(t, 10_000_000L) * 100L);
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static int le32(byte[] b, int p) {
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    static long le64(byte[] b, int p) {
        return (le32(b, p) & 0xFFFFFFFFL) | ((long) le32(b, p + 4)) << 32;
    }
}
