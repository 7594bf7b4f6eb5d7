package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by vsskit are valid EVTX: vsskit, python-evtx and libevtx's evtxexport read the same records. */
class EvtxWriterTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:15:30.1234567Z");

    @TempDir
    Path dir;

    static ClassicEvent commit(int i) {
        return new ClassicEvent("Application", "Navssprv", 4089, ClassicEvent.LEVEL_INFORMATION, T0.plusSeconds(i),
                "HV01.lab.local", List.of("{6e8f7c11-0d1b-4c39-9a52-" + String.format("%012d", i) + "}", Integer.toString(100 + i),
                        "padding " + "x".repeat(i % 300) + " & <tag> \"quoted\" 'single'"));
    }

    private static List<EvtxRecord> readAll(Path f, List<EvtxWarning> warnings) throws IOException {
        List<EvtxRecord> out = new ArrayList<>();
        try (EvtxReader r = EvtxReader.open(f, warnings::add)) {
            r.forEach(out::add);
            assertThat(r.header().dirty()).as("dirty flag after close").isFalse();
        }
        return out;
    }

    @Test
    void writesSeveralChunksThatReadBackWithoutWarnings() throws IOException {
        Path f = dir.resolve("Application.evtx");
        try (EvtxWriter w = EvtxWriter.open(f)) {
            for (int i = 0; i < 700; i++) {
                assertThat(w.write(commit(i))).isEqualTo(i + 1L);
            }
        }
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = readAll(f, warnings);
        assertThat(warnings).isEmpty();
        assertThat(records).hasSize(700);
        assertThat(Files.size(f)).isGreaterThan(4096 + 2 * 65536L).matches(s -> (s - 4096) % 65536 == 0);
        for (int i = 0; i < 700; i++) {
            EventRecord e = records.get(i).event();
            assertThat(e.recordId()).isEqualTo(i + 1L);
            assertThat(e.providerName()).isEqualTo("Navssprv");
            assertThat(e.eventSourceName()).isEqualTo("Navssprv");
            assertThat(e.eventId()).isEqualTo(4089);
            assertThat(e.qualifiers()).isZero();
            assertThat(e.level()).isEqualTo(4);
            assertThat(e.keywords()).isEqualTo(0x80000000000000L);
            assertThat(e.channel()).isEqualTo("Application");
            assertThat(e.computer()).isEqualTo("HV01.lab.local");
            assertThat(e.time()).isEqualTo(T0.plusSeconds(i));
            assertThat(e.strings()).isEqualTo(commit(i).insertionStrings());
        }
        assertThat(records.get(0).xml()).contains("<Keywords>0x80000000000000</Keywords>",
                "<EventID Qualifiers=\"0\">4089</EventID>", "<Security/>");
    }

    @Test
    void appendsContinueTheRecordNumbers() throws IOException {
        Path f = dir.resolve("Application.evtx");
        EvtxEventSink sink = new EvtxEventSink(f);
        for (int i = 0; i < 5; i++) {
            assertThat(sink.writeAndGetId(commit(i))).isEqualTo(i + 1L);
        }
        try (EvtxWriter w = EvtxWriter.open(f)) {
            for (int i = 5; i < 400; i++) {
                w.write(commit(i));
            }
        }
        assertThat(sink.writeAndGetId(commit(400))).isEqualTo(401);
        List<EvtxWarning> warnings = new ArrayList<>();
        List<EvtxRecord> records = readAll(f, warnings);
        assertThat(warnings).isEmpty();
        assertThat(records).extracting(EvtxRecord::recordId).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 401).boxed().toList());
    }

    @Test
    void pythonEvtxAndEvtxexportReadTheSameRecords() throws Exception {
        Path f = dir.resolve("Application.evtx");
        try (EvtxWriter w = EvtxWriter.open(f)) {
            for (int i = 0; i < 450; i++) {
                w.write(commit(i));
            }
            w.write(new ClassicEvent("Application", "Navssprv", 4364, ClassicEvent.LEVEL_WARNING, T0, "HV01", List.of()));
        }
        List<EvtxRecord> ours = readAll(f, new ArrayList<>());

        // python-evtx: every record renders, and the XML is the same document.
        Path script = dir.resolve("dump.py");
        try (InputStream in = getClass().getResourceAsStream("/evtx_oracle_dump.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Process py = new ProcessBuilder(Samples.PYTHON, script.toString(), f.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(py.waitFor()).isZero();
        assertThat(lines).hasSize(ours.size());
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode n = json.readTree(lines.get(i));
            assertThat(n.has("xml")).as("python-evtx renders record %d: %s", i + 1, n).isTrue();
            assertThat(n.get("id").asLong()).isEqualTo(ours.get(i).recordId());
            assertThat(XmlEquivalence.difference(ours.get(i).xml(), n.get("xml").asText())).isNull();
        }

        // libevtx: evtxexport lists every record with our source, id and strings; evtxinfo sees no corruption.
        Process ex = new ProcessBuilder("evtxexport", f.toString()).redirectErrorStream(true).start();
        String out = new String(ex.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ex.waitFor()).isZero();
        Matcher m = Pattern.compile("Event number\\s*:\\s*(\\d+)").matcher(out);
        List<Long> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        assertThat(ids).containsExactlyElementsOf(ours.stream().map(EvtxRecord::recordId).toList());
        assertThat(out).contains("Source name\t\t\t: Navssprv").contains("Event identifier\t\t: 0x00000ff9 (4089)")
                .contains(ours.get(7).event().strings().get(0));
        Process info = new ProcessBuilder("evtxinfo", f.toString()).redirectErrorStream(true).start();
        String infoOut = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(info.waitFor()).isZero();
        assertThat(infoOut).contains("Number of records\t\t: " + ours.size()).doesNotContain("corrupted")
                .doesNotContain("dirty");
    }
}
