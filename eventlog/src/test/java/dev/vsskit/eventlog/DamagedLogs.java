package dev.vsskit.eventlog;

import dev.vsskit.eventlog.internal.Crc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A seeded corpus of damaged EVTX files made from intact ones: bit flips, zeroed ranges, truncations,
 * corrupt string tables (names with '@', NUL, control characters, zero length) and corrupt templates, each
 * with the CRCs left stale or recomputed (so that the reader cannot skip the damage by its checksums).
 * Used by the reader's and the CLI's corpus tests (every output must parse) and by the long bench run.
 */
public final class DamagedLogs {

    /** One damaged file and how it was made. */
    public record Damaged(Path file, String how) {
    }

    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;
    private static final String[] KINDS = {"bitflip", "zeroed", "truncated", "strings", "template", "values"};

    private DamagedLogs() {
    }

    /** A vsskit-written log of {@code events} classic events (several templates, names and strings). */
    public static Path written(Path dir, int events) throws IOException {
        Path f = dir.resolve("base-" + events + ".evtx");
        try (EvtxWriter w = EvtxWriter.open(f)) {
            for (int i = 0; i < events; i++) {
                ClassicEvent c = EvtxWriterTest.commit(i);
                if (i % 7 == 3) {
                    c = new ClassicEvent("Application", "Source" + (i % 5), 1000 + i % 13, 1 + i % 4, c.time(),
                            "HOST-" + (i % 3), List.of("value " + i, "", "line1\r\nline2\t<&>"));
                }
                w.write(c);
            }
        }
        return f;
    }

    /** The bases: a vsskit-written log and, when the shared samples are present, a few real ones. */
    public static List<Path> bases(Path dir) throws IOException {
        List<Path> bases = new ArrayList<>();
        bases.add(written(dir, 300));
        if (Samples.present()) {
            for (String name : List.of("omer__Application_no_crc32.evtx", "omer__MSExchange_Management_wec.evtx",
                    "omer__Microsoft-Windows-HelloForBusiness-Operational.evtx", "pyevtx__dns_log_malformed.evtx")) {
                Path f = Samples.file(name);
                if (Files.isRegularFile(f)) {
                    bases.add(f);
                }
            }
            for (String name : List.of("omer__security.evtx", "omer__sysmon.evtx", "omer__2-vss_7-System.evtx")) {
                Path f = Samples.file(name);
                if (Files.isRegularFile(f)) {
                    bases.add(firstChunks(f, dir.resolve("cut-" + name), 2));
                }
            }
        }
        return bases;
    }

    /** The file header and the first {@code n} chunks of a real log, the header's chunk count and CRC fixed. */
    static Path firstChunks(Path from, Path to, int n) throws IOException {
        byte[] b = java.util.Arrays.copyOf(Files.readAllBytes(from), 4096 + 65536 * n);
        b[42] = (byte) n;
        b[43] = 0;
        recomputeCrcs(b);
        Files.write(to, b);
        return to;
    }

    /** Writes {@code count} damaged copies of the bases into {@code dir}; the same seed makes the same files. */
    public static List<Damaged> make(List<Path> bases, Path dir, int count, long seed) throws IOException {
        Random rnd = new Random(seed);
        List<byte[]> originals = new ArrayList<>();
        for (Path b : bases) {
            originals.add(Files.readAllBytes(b));
        }
        List<Damaged> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int which = rnd.nextInt(originals.size());
            byte[] b = originals.get(which).clone();
            String kind = KINDS[i % KINDS.length];
            boolean fixCrc = (i / KINDS.length) % 2 == 1;
            String detail = damage(kind, b, rnd);
            if (!kind.equals("truncated")) {
                if (fixCrc) {
                    recomputeCrcs(b);
                }
            } else {
                fixCrc = false;
            }
            int len = kind.equals("truncated") ? truncation(b.length, rnd) : b.length;
            Path f = dir.resolve(String.format("damaged-%04d-%s%s.evtx", i, kind, fixCrc ? "-crc" : ""));
            Files.write(f, java.util.Arrays.copyOf(b, len));
            out.add(new Damaged(f, bases.get(which).getFileName() + ": " + kind + " " + detail
                    + (fixCrc ? " (CRCs recomputed)" : "")));
        }
        return out;
    }

    private static int truncation(int length, Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0 -> 8 + rnd.nextInt(120); // under 128 bytes: only the signature and part of the header
            case 1 -> 128 + rnd.nextInt(HEADER - 128);
            case 2 -> HEADER + rnd.nextInt(600);
            default -> HEADER + rnd.nextInt(Math.max(1, length - HEADER));
        };
    }

    private static String damage(String kind, byte[] b, Random rnd) {
        int chunks = Math.max(1, (b.length - HEADER) / CHUNK);
        int chunk = HEADER + CHUNK * rnd.nextInt(chunks);
        int free = Math.min(CHUNK, Math.max(512, le32(b, chunk + 48)));
        switch (kind) {
            case "truncated" -> {
                return "";
            }
            case "bitflip" -> {
                int n = 1 + rnd.nextInt(8);
                for (int k = 0; k < n; k++) {
                    int at = chunk + 512 + rnd.nextInt(Math.max(1, free - 512));
                    b[at] ^= (byte) (1 << rnd.nextInt(8));
                }
                return n + " bit(s) in chunk at 0x" + Integer.toHexString(chunk);
            }
            case "zeroed" -> {
                int at = chunk + 512 + rnd.nextInt(Math.max(1, free - 512));
                int len = Math.min(b.length - at, 8 + rnd.nextInt(rnd.nextBoolean() ? 64 : 2048));
                java.util.Arrays.fill(b, at, at + len, (byte) 0);
                return len + " bytes at 0x" + Integer.toHexString(at);
            }
            case "strings" -> {
                List<Integer> names = tableEntries(b, chunk, 128, 64);
                if (names.isEmpty()) {
                    return "no string table";
                }
                int n = 1 + rnd.nextInt(3);
                for (int k = 0; k < n; k++) {
                    int off = chunk + names.get(rnd.nextInt(names.size()));
                    corruptName(b, off, rnd);
                }
                return n + " name(s)";
            }
            case "template", "values" -> {
                List<Integer> templates = tableEntries(b, chunk, 384, 32);
                if (templates.isEmpty()) {
                    return "no template table";
                }
                int def = chunk + templates.get(rnd.nextInt(templates.size()));
                int size = le32(b, def + 20);
                if (size <= 0 || def + 24 + size > b.length) {
                    return "bad template size";
                }
                int n = 1 + rnd.nextInt(4);
                for (int k = 0; k < n; k++) {
                    int at = def + 24 + rnd.nextInt(size);
                    if (kind.equals("template")) {
                        b[at] = TOKENS[rnd.nextInt(TOKENS.length)];
                    } else {
                        b[at] = (byte) rnd.nextInt(256);
                    }
                }
                return n + " byte(s) of the template at 0x" + Integer.toHexString(def);
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    /** BinXml token bytes and values that confuse a decoder most. */
    private static final byte[] TOKENS = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C,
        0x0D, 0x0E, 0x0F, 0x41, 0x45, 0x46, (byte) 0xFF, 0x21, (byte) 0x81};

    private static final char[] BAD_CHARS = {0, 1, 0x1F, '@', ' ', '<', '>', '"', '&', '\'', '=', '/', ':', '-', '1',
        0xD800, 0xDC00, 0xFFFE, 0xFFFF, '\t'};

    private static void corruptName(byte[] b, int off, Random rnd) {
        if (off + 8 > b.length) {
            return;
        }
        int n = (b[off + 6] & 0xFF) | (b[off + 7] & 0xFF) << 8;
        switch (rnd.nextInt(4)) {
            case 0 -> { // zero length
                b[off + 6] = 0;
                b[off + 7] = 0;
            }
            case 1 -> { // length longer than the name
                int m = n + 1 + rnd.nextInt(40);
                b[off + 6] = (byte) m;
                b[off + 7] = (byte) (m >>> 8);
            }
            default -> { // characters replaced
                for (int k = 0; k < 1 + rnd.nextInt(3) && n > 0; k++) {
                    int at = off + 8 + 2 * (rnd.nextInt(n));
                    char c = BAD_CHARS[rnd.nextInt(BAD_CHARS.length)];
                    if (at + 1 < b.length) {
                        b[at] = (byte) c;
                        b[at + 1] = (byte) (c >>> 8);
                    }
                }
            }
        }
    }

    private static List<Integer> tableEntries(byte[] b, int chunk, int table, int entries) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            int off = le32(b, chunk + table + 4 * i);
            if (off >= 512 && off < CHUNK - 32) {
                out.add(off);
            }
        }
        return out;
    }

    /** Makes the file header's and every chunk's CRCs match the (damaged) bytes. */
    public static void recomputeCrcs(byte[] b) {
        if (b.length >= 128) {
            putInt(b, 124, Crc.of(b, 0, 120));
        }
        for (int c = HEADER; c + CHUNK <= b.length; c += CHUNK) {
            if (b[c] != 'E' || b[c + 1] != 'l') {
                continue;
            }
            int free = le32(b, c + 48);
            if (free >= 512 && free <= CHUNK) {
                putInt(b, c + 52, Crc.of(b, c + 512, free - 512));
            }
            byte[] head = java.util.Arrays.copyOfRange(b, c, c + 512);
            putInt(b, c + 124, Crc.chunkHeader(head));
        }
    }

    public static int le32(byte[] b, int p) {
        if (p < 0 || p + 4 > b.length) {
            return 0;
        }
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    private static void putInt(byte[] b, int p, int v) {
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
