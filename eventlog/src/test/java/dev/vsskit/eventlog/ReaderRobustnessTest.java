package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files never throw out of the iterator, never hang, and the rest is still read; plus a short
 * seeded mutation fuzz run (the long run is bench/fuzz-evtx.sh). Each case that once failed stays here.
 */
class ReaderRobustnessTest {

    @TempDir
    Path dir;

    private Path written(int events) throws IOException {
        Path f = dir.resolve("base.evtx");
        try (EvtxWriter w = EvtxWriter.open(f)) {
            for (int i = 0; i < events; i++) {
                w.write(EvtxWriterTest.commit(i));
            }
        }
        return f;
    }

    private static int readAll(Path f, List<EvtxWarning> warnings) throws IOException {
        int n = 0;
        try (EvtxReader r = EvtxReader.open(f, warnings::add)) {
            for (EvtxRecord rec : r) {
                assertThat(rec.xml()).isNotNull();
                n++;
            }
        }
        return n;
    }

    private Path mutate(Path base, String name, java.util.function.Consumer<byte[]> change) throws IOException {
        byte[] b = Files.readAllBytes(base);
        change.accept(b);
        Path f = dir.resolve(name);
        Files.write(f, b);
        return f;
    }

    @Test
    void truncatedFileStillYieldsTheCompleteChunks() throws IOException {
        Path base = written(700);
        byte[] b = Files.readAllBytes(base);
        Path f = dir.resolve("truncated.evtx");
        Files.write(f, Arrays.copyOf(b, 4096 + 65536 + 30_000));
        long firstChunk;
        try (EvtxReader r = EvtxReader.open(base, x -> { })) {
            firstChunk = java.util.stream.StreamSupport.stream(r.spliterator(), false).filter(x -> x.chunk() == 0).count();
        }
        List<EvtxWarning> w = new ArrayList<>();
        int n = readAll(f, w);
        assertThat(n).isGreaterThan((int) firstChunk + 10); // chunk 0 and the records of the partial chunk 1
        assertThat(w).anyMatch(x -> x.message().contains("truncated"));
    }

    @Test
    void garbageChunkIsReportedAndTheNextChunksAreRead() throws IOException {
        Path base = written(700);
        int all = readAll(base, new ArrayList<>());
        Path f = mutate(base, "garbage.evtx", b -> fill(b, 4096, 65536));
        List<EvtxWarning> w = new ArrayList<>();
        int n = readAll(f, w);
        assertThat(n).isGreaterThan(0).isLessThan(all);
        assertThat(w).anyMatch(x -> x.chunk() == 0 && x.message().contains("bad chunk signature")
                && x.file().equals(f) && x.fileOffset() == 4096);
    }

    private static byte[] fill(byte[] b, int from, int len) {
        byte[] g = new byte[len];
        new Random(7).nextBytes(g);
        System.arraycopy(g, 0, b, from, len);
        return b;
    }

    @Test
    void recordSizePastTheChunkTemplateLoopAndAbsurdLengths() throws IOException {
        Path base = written(50);
        int all = readAll(base, new ArrayList<>());
        // Record 2's size points far past the chunk: reported, carving finds record 3.
        Path big = mutate(base, "size.evtx", b -> {
            int second = nextRecord(b, 4096 + 512);
            putInt(b, second + 4, 0x7FFFFFF0);
        });
        List<EvtxWarning> w = new ArrayList<>();
        assertThat(readAll(big, w)).isEqualTo(all - 1);
        assertThat(w).anyMatch(x -> x.message().contains("record size"));
        // Template definition offset of record 2 pointing at itself (a loop) and at garbage.
        Path loop = mutate(base, "loop.evtx", b -> {
            int second = nextRecord(b, 4096 + 512);
            int inst = second + 24 + 4; // after the fragment header
            putInt(b, inst + 6, inst - 4096); // chunk-relative offset of the instance token itself
        });
        w.clear();
        assertThat(readAll(loop, w)).isEqualTo(all);
        // Every name length set to 0xFFFF.
        Path names = mutate(base, "names.evtx", b -> {
            for (int p = 4096 + 512; p + 8 < 4096 + 65536; p++) {
                if (b[p] == 'E' && b[p + 1] == 0 && b[p + 2] == 'v' && b[p + 3] == 0) {
                    b[p - 2] = (byte) 0xFF;
                    b[p - 1] = (byte) 0xFF;
                }
            }
        });
        w.clear();
        assertThat(readAll(names, w)).isEqualTo(all);
        assertThat(w).isNotEmpty();
    }

    @Test
    void seededMutationFuzzNeverThrows() throws IOException {
        Path base = written(120);
        byte[] original = Files.readAllBytes(base);
        Random rnd = new Random(20261124L);
        long executions = 0;
        List<String> budgetStops = new ArrayList<>();
        for (int round = 0; round < 300; round++) {
            byte[] b = original.clone();
            int edits = 1 + rnd.nextInt(16);
            for (int e = 0; e < edits; e++) {
                int at = 4096 + rnd.nextInt(b.length - 4096);
                switch (rnd.nextInt(4)) {
                    case 0 -> b[at] = (byte) rnd.nextInt(256);
                    case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                    case 2 -> putInt(b, at & ~3, rnd.nextInt());
                    default -> putInt(b, at & ~3, rnd.nextInt(65536));
                }
            }
            Path f = dir.resolve("fuzz.evtx");
            Files.write(f, b);
            try (EvtxReader r = EvtxReader.open(f, w -> budgetStops.add(w.message()))) {
                r.forEach(x -> { });
            }
            executions++;
        }
        // Regression: this seed once produced records whose nested BinXml expanded exponentially (a hang);
        // the work budget now stops them with a warning.
        assertThat(budgetStops).anyMatch(m -> m.contains("expands beyond"));
        assertThat(executions).isEqualTo(300);
    }

    private static int nextRecord(byte[] b, int first) {
        int size = (b[first + 4] & 0xFF) | (b[first + 5] & 0xFF) << 8 | (b[first + 6] & 0xFF) << 16;
        return first + size;
    }

    private static void putInt(byte[] b, int p, int v) {
        if (p + 4 > b.length) {
            return;
        }
        b[p] = (byte) v;
        b[p + 1] = (byte) (v >>> 8);
        b[p + 2] = (byte) (v >>> 16);
        b[p + 3] = (byte) (v >>> 24);
    }
}
