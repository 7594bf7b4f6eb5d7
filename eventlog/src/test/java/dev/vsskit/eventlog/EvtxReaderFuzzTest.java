package dev.vsskit.eventlog;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Coverage-guided fuzzing of the reader with Jazzer: each input patches bytes into a valid one-chunk log
 * written by vsskit's own writer (so mutations reach the chunk, record and BinXml parsers rather than
 * dying at the file magic), and reading it must never throw out of the iterator. {@code mvn verify} sets
 * {@code JAZZER_FUZZ=1} for the eventlog tests, so this fuzzes for 20 s on every build; without it the test
 * replays the corpus only. The long run is {@code bench/eventlog/jazzer.sh}.
 */
class EvtxReaderFuzzTest {

    private static final byte[] BASE = baseLog();

    private static byte[] baseLog() {
        try {
            Path dir = Files.createTempDirectory("vsskit-fuzz-base");
            Path f = dir.resolve("base.evtx");
            try (EvtxWriter w = EvtxWriter.open(f)) {
                for (int i = 0; i < 40; i++) {
                    w.write(EvtxWriterTest.commit(i));
                }
            }
            byte[] b = Files.readAllBytes(f);
            Files.delete(f);
            Files.delete(dir);
            return b;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "20s")
    void readingAPatchedLogNeverThrows(FuzzedDataProvider data) throws IOException {
        byte[] b = BASE.clone();
        int patches = data.consumeInt(1, 8);
        for (int i = 0; i < patches && data.remainingBytes() > 4; i++) {
            int at = data.consumeInt(4096, b.length - 1); // the chunk, not the file header
            byte[] bytes = data.consumeBytes(data.consumeInt(1, 16));
            System.arraycopy(bytes, 0, b, at, Math.min(bytes.length, b.length - at));
        }
        Path f = Files.createTempFile("vsskit-fuzz", ".evtx");
        try {
            Files.write(f, b);
            try (EvtxReader r = EvtxReader.open(f, w -> { })) {
                r.forEach(rec -> { });
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
