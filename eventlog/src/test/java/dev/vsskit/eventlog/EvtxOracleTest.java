package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The correctness oracle: for every sample, vsskit recovers at least as many records as the best peer
 * (expected.tsv), and every record python-evtx renders without error is the same document in vsskit's
 * XML (see {@link XmlEquivalence}). python-evtx runs once per file, two files at a time. Every record
 * is checked (about 70 s on two idle cores); {@code -Devtx.oracle.sample=true} checks an even stride of
 * at most {@value #DEFAULT_RECORDS_PER_FILE} records per file instead, for quick local runs.
 */
class EvtxOracleTest {

    static final int DEFAULT_RECORDS_PER_FILE = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everySampleMatchesThePeers() throws IOException {
        Assumptions.assumeTrue(Samples.present(), "sample corpus absent: " + Samples.dir() + " (skipping the oracle)");
        Map<String, Integer> best = bestCounts();
        List<Path> files;
        try (Stream<Path> s = Files.list(Samples.dir())) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        Path script = extractScript();
        boolean full = !Boolean.getBoolean("evtx.oracle.sample");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Map<Path, CompletableFuture<List<JsonNode>>> dumps = new HashMap<>();
        for (Path f : files) {
            dumps.put(f, CompletableFuture.supplyAsync(() -> pythonDump(script, f, full), pool));
        }
        pool.shutdown();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            String name = f.getFileName().toString();
            List<EvtxRecord> ours = new ArrayList<>();
            List<EvtxWarning> warnings = new ArrayList<>();
            try (EvtxReader r = EvtxReader.open(f, warnings::add)) {
                r.forEach(ours::add);
            }
            assertThat(best).as("expected.tsv lists %s", name).containsKey(name);
            assertThat(ours.size()).as("records recovered from %s (best peer %d)", name, best.get(name))
                    .isGreaterThanOrEqualTo(best.get(name));
            Map<Long, EvtxRecord> byId = new HashMap<>();
            for (EvtxRecord r : ours) {
                byId.putIfAbsent(r.recordId(), r);
            }
            List<String> differences = new ArrayList<>();
            int compared = 0;
            for (JsonNode line : dumps.get(f).join()) {
                if (!line.has("xml") || line.get("id").isNull()) {
                    continue;
                }
                long id = line.get("id").asLong();
                EvtxRecord mine = byId.get(id);
                if (mine == null) {
                    differences.add("record " + id + ": python-evtx renders it, vsskit has no such record");
                    continue;
                }
                String d = XmlEquivalence.difference(mine.xml(), line.get("xml").asText());
                compared++;
                if (d != null) {
                    differences.add("record " + id + ": " + d);
                }
            }
            assertThat(differences).as("%s: %d records compared with python-evtx", name, compared).isEmpty();
        }));
    }

    private static Map<String, Integer> bestCounts() throws IOException {
        Map<String, Integer> best = new HashMap<>();
        List<String> lines = Files.readAllLines(Samples.file("expected.tsv"));
        List<String> header = List.of(lines.get(0).split("\t"));
        int col = header.indexOf("best");
        for (String l : lines.subList(1, lines.size())) {
            String[] cells = l.split("\t", -1);
            if (cells.length > col && !cells[col].isBlank()) {
                best.put(cells[0], Integer.parseInt(cells[col].trim()));
            }
        }
        return best;
    }

    private static Path extractScript() throws IOException {
        Path dir = Path.of("target", "evtx-oracle");
        Files.createDirectories(dir);
        Path script = dir.resolve("evtx_oracle_dump.py");
        try (InputStream in = EvtxOracleTest.class.getResourceAsStream("/evtx_oracle_dump.py")) {
            Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return script;
    }

    /** Runs python-evtx once for the file; the output is cached under target/ keyed by size and stride. */
    private static List<JsonNode> pythonDump(Path script, Path file, boolean full) {
        try {
            int step = 1;
            if (!full) {
                long records;
                try (EvtxReader r = EvtxReader.open(file, EvtxWarningListener.IGNORE)) {
                    records = r.query(RecordFilter.ALL, EvtxReader.Render.NONE, 1, x -> { });
                }
                step = (int) Math.max(1, (records + DEFAULT_RECORDS_PER_FILE - 1) / DEFAULT_RECORDS_PER_FILE);
            }
            Path cache = Path.of("target", "evtx-oracle", file.getFileName() + "." + Files.size(file) + "." + step + ".jsonl");
            if (!Files.exists(cache)) {
                Path tmp = Path.of(cache + ".tmp");
                Process p = new ProcessBuilder(Samples.PYTHON, script.toString(), file.toString(), Integer.toString(step))
                        .redirectOutput(tmp.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
                int rc = p.waitFor();
                if (rc != 0) {
                    throw new IllegalStateException("python-evtx failed (rc " + rc + ") on " + file
                            + "; install the Debian package python3-evtx");
                }
                Files.move(tmp, cache, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            List<JsonNode> out = new ArrayList<>();
            for (String l : Files.readAllLines(cache, StandardCharsets.UTF_8)) {
                if (!l.isBlank()) {
                    out.add(JSON.readTree(l));
                }
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run python-evtx on " + file + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
