package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.eventlog.query.EventQuery;
import dev.vsskit.eventlog.query.QueryParseException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;

    private Path lab() throws IOException {
        Path f = dir.resolve("Application.evtx");
        try (EvtxWriter w = EvtxWriter.open(f)) {
            for (int i = 0; i < 300; i++) {
                w.write(new ClassicEvent("Application", i % 3 == 0 ? "VSS" : "MSSQLSERVER", 8224 + (i % 2), 4,
                        NOW.minusSeconds(3600L * (300 - i)), "HV01", List.of("filler " + i)));
            }
            w.write(new ClassicEvent("Application", "Navssprv", 4089, 4, NOW.minusSeconds(7200), "HV01",
                    List.of("{11111111-2222-3333-4444-555555555555}", "812")));
            w.write(new ClassicEvent("Application", "Navssprv", 4364, 3, NOW.minusSeconds(60), "HV01",
                    List.of("{11111111-2222-3333-4444-666666666666}", "12042")));
            w.write(new ClassicEvent("Application", "Navssprv", 4089, 4, NOW.minusSeconds(200_000), "HV01",
                    List.of("{11111111-2222-3333-4444-777777777777}", "95")));
        }
        return f;
    }

    private static List<EvtxRecord> run(Path f, String q, int threads) throws IOException {
        List<EvtxRecord> out = new ArrayList<>();
        try (EvtxReader r = EvtxReader.open(f, EvtxWarningListener.IGNORE)) {
            r.query(EventQuery.parse(q, CLOCK), EvtxReader.Render.EVENT, threads, out::add);
        }
        return out;
    }

    @Test
    void theNetAppQueryFindsTheLastDaysCommitEvents() throws IOException {
        Path f = lab();
        String q = "*[System[Provider[@Name='Navssprv'] and (EventID=4089 or EventID=4364) and "
                + "TimeCreated[timediff(@SystemTime) <= 86400000]]]";
        List<EvtxRecord> one = run(f, q, 1);
        assertThat(one).extracting(r -> r.event().eventId()).containsExactly(4089, 4364);
        assertThat(run(f, q, 4)).extracting(EvtxRecord::recordId).containsExactlyElementsOf(
                one.stream().map(EvtxRecord::recordId).toList());
        EventQuery parsed = EventQuery.parse(q, CLOCK);
        assertThat(parsed.requiredProviders()).containsExactly("navssprv");
        assertThat(parsed.requiredEventIds()).containsExactlyInAnyOrder(4089, 4364);
    }

    @Test
    void levelRecordIdTimesNotAndEventData() throws IOException {
        Path f = lab();
        assertThat(run(f, "*[System[Level=3]]", 1)).extracting(r -> r.event().eventId()).containsExactly(4364);
        assertThat(run(f, "*[System[EventRecordID=2 or EventRecordID>=302]]", 1)).extracting(EvtxRecord::recordId)
                .containsExactly(2L, 302L, 303L);
        assertThat(run(f, "*[System[TimeCreated[@SystemTime >= '2026-11-24T11:30:00.000Z']]]", 1))
                .extracting(r -> r.event().providerName()).containsExactly("Navssprv");
        assertThat(run(f, "*[System[Provider[@Name='Navssprv'] and not(EventID=4089)]]", 1)).hasSize(1);
        assertThat(run(f, "*[EventData[Data='812']]", 1)).extracting(EvtxRecord::recordId).containsExactly(301L);
        assertThat(run(f, "*[System[band(Keywords, 0x80000000000000)]]", 1)).hasSize(303);
        assertThat(run(f, "*", 2)).hasSize(303);
    }

    @Test
    void namedEventDataOnARealSecurityLog() throws IOException {
        Assumptions.assumeTrue(Samples.present(), "sample corpus absent: " + Samples.dir());
        Path f = Samples.file("omer__security.evtx");
        List<EvtxRecord> all = run(f, "*[System[EventID=4624]]", 1);
        List<EvtxRecord> service = run(f, "*[System[EventID=4624] and EventData[Data[@Name='LogonType']='5']]", 2);
        assertThat(all).isNotEmpty();
        assertThat(service).isNotEmpty().hasSizeLessThan(all.size())
                .allMatch(r -> r.event().data().get("LogonType").equals("5"));
    }

    @Test
    void parseErrorsPointAtTheColumn() {
        assertThatThrownBy(() -> EventQuery.parse("*[System[EventID=4089]"))
                .isInstanceOf(QueryParseException.class).hasMessageContaining("column 23")
                .hasMessageContaining("expected ']'");
        assertThatThrownBy(() -> EventQuery.parse("*[System[Provider[@Name='Navssprv]]]"))
                .hasMessageContaining("column 25").hasMessageContaining("not closed");
        assertThatThrownBy(() -> EventQuery.parse("*[System[count(EventID)=1]]"))
                .hasMessageContaining("column 10").hasMessageContaining("unsupported function count()");
        assertThat(((QueryParseException) org.assertj.core.api.Assertions.catchThrowable(
                () -> EventQuery.parse("*[System[Level=]]"))).column()).isEqualTo(16);
    }

    @Test
    void builtQueriesAndPrefilter() {
        EventQuery q = EventQuery.of(Set.of("Navssprv", "Navsssv"), Set.of(4089), null, null, CLOCK);
        assertThat(q.providerMayMatch("NAVSSSV")).isTrue();
        assertThat(q.providerMayMatch("VSS")).isFalse();
        assertThat(q.eventIdMayMatch(4364)).isFalse();
        assertThat(EventQuery.parse("*[System[EventID=1 or Level=2]]").requiredEventIds()).isNull();
    }
}
