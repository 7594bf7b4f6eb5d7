package dev.vsskit.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.eventlog.EvtxWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void log() throws Exception {
        EventsCommand.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        file = dir.resolve("Application.evtx");
        try (EvtxWriter w = EvtxWriter.open(file)) {
            w.write(new ClassicEvent("Application", "VSS", 8224, 4, NOW.minusSeconds(90_000), "HV01", List.of("idle")));
            w.write(new ClassicEvent("Application", "Navssprv", 4089, 4, NOW.minusSeconds(3600), "HV01",
                    List.of("{6e8f7c11-0d1b-4c39-9a52-0123456789ab}", "812")));
            w.write(new ClassicEvent("Application", "Navssprv", 4364, 3, NOW.minusSeconds(60), "HV01",
                    List.of("{6e8f7c11-0d1b-4c39-9a52-0123456789ac}", "12042")));
        }
    }

    @AfterEach
    void clock() {
        EventsCommand.clock = Clock.systemUTC();
    }

    @Test
    void textIsOneLinePerEvent() {
        CliRun.Result r = CliRun.run("events", "--file", file.toString(), "--source", "Navssprv", "--since", "24h");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).endsWith(
                "2026-11-24 11:00:00  Information  Navssprv  4089  {6e8f7c11-0d1b-4c39-9a52-0123456789ab} | 812\n"
                + "2026-11-24 11:59:00  Warning      Navssprv  4364  {6e8f7c11-0d1b-4c39-9a52-0123456789ac} | 12042\n");
    }

    @Test
    void countJsonXmlAndQuery() throws Exception {
        assertThat(CliRun.run("events", "--file", file.toString(), "--count").out()).isEqualTo("3\n");
        assertThat(CliRun.run("events", "--dir", dir.toString(), "--id", "4089,4364", "--count").out()).isEqualTo("2\n");
        assertThat(CliRun.run("events", "--file", file.toString(), "--query",
                "*[System[Provider[@Name='Navssprv'] and Level=3]]", "--count").out()).isEqualTo("1\n");
        CliRun.Result json = CliRun.run("events", "--file", file.toString(), "--id", "4089", "-o", "json");
        JsonNode a = new ObjectMapper().readTree(json.out());
        assertThat(a.isArray()).isTrue();
        assertThat(a.get(0).get("source").asText()).isEqualTo("Navssprv");
        assertThat(a.get(0).get("strings").get(1).asText()).isEqualTo("812");
        assertThat(a.get(0).get("time").asText()).isEqualTo("2026-11-24T11:00:00Z");
        CliRun.Result xml = CliRun.run("events", "--file", file.toString(), "--limit", "1", "--xml");
        assertThat(xml.out()).startsWith("<Events>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">")
                .contains("<Provider Name=\"VSS\" EventSourceName=\"VSS\"/>").endsWith("</Events>\n");
        assertThat(CliRun.run("events", "--file", file.toString(), "--limit", "1", "-o", "xml").out())
                .isEqualTo(xml.out());
        CliRun.Result notHere = CliRun.run("list", "providers", "-o", "xml");
        assertThat(notHere.exitCode()).isEqualTo(dev.vsskit.cli.ExitCode.USAGE);
        assertThat(notHere.err()).contains("--output xml is only for `vsskit events`");
    }

    @Test
    void readsTheLabsApplicationLog() {
        Path lab = CliRun.fixedLab(dir.resolve("lab"));
        CliRun.Result none = CliRun.run("--lab", lab.toString(), "events", "--count");
        if (!java.nio.file.Files.exists(lab.resolve("events/Application.evtx"))) {
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.err()).contains("the lab has no Application log yet");
        }
        new dev.vsskit.eventlog.EvtxEventSink(lab.resolve("events/Application.evtx")).write(new ClassicEvent("Application",
                "Navssprv", 4089, 4, NOW, "HV01", List.of("{6e8f7c11-0d1b-4c39-9a52-0123456789ab}", "640")));
        CliRun.Result r = CliRun.run("--lab", lab.toString(), "events", "--source", "Navssprv", "--id", "4089", "-o", "csv");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Navssprv").contains("640");
    }

    @Test
    void badInputIsAUsageError() {
        CliRun.Result q = CliRun.run("events", "--file", file.toString(), "--query", "*[System[EventID=]]");
        assertThat(q.exitCode()).isEqualTo(2);
        assertThat(q.err()).contains("column 18");
        assertThat(CliRun.run("events", "--file", dir.resolve("nope.evtx").toString()).exitCode()).isEqualTo(2);
        assertThat(CliRun.run("events", "--file", file.toString(), "--since", "yesterday").err()).contains("not an age");
    }
}
