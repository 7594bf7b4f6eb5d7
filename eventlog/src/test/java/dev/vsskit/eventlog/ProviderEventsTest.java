package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.eventlog.netapp.ProviderEvent;
import dev.vsskit.eventlog.netapp.ProviderEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderEventsTest {

    private static final Instant T = Instant.parse("2026-11-24T10:00:00Z");
    private static final UUID SET = UUID.fromString("6e8f7c11-0d1b-4c39-9a52-0123456789ab");

    private static EventRecord record(String source, int id, List<String> strings) {
        return new EventRecord(7, T, source, null, null, id, 0, 4, 0, 0, 0x80000000000000L, "Application", "HV01", null,
                Map.of(), strings, null);
    }

    @Test
    void acceptsTheDocumentedLayouts() {
        // Separate insertion strings, braces, as ReportEvent stores them.
        assertThat(ProviderEvents.parse(record("Navssprv", 4089, List.of("{" + SET + "}", "812"))))
                .contains(new ProviderEvent.CommitCompleted(7, T, "Navssprv", "HV01", SET, 812));
        // Milliseconds first, GUID without braces, translated spelling.
        assertThat(ProviderEvents.parse(record("Navsssv", 4089, List.of("812 ms", SET.toString()))))
                .contains(new ProviderEvent.CommitCompleted(7, T, "Navsssv", "HV01", SET, 812));
        // The whole message as one string.
        assertThat(ProviderEvents.parse(record("NAVSSPRV", 4089, List.of("The VSS provider has successfully completed "
                + "CommitSnapshots for SnapshotSetId {" + SET.toString().toUpperCase() + "} in 9123 milliseconds."))))
                .get().extracting(e -> ((ProviderEvent.CommitCompleted) e).milliseconds()).isEqualTo(9123L);
        // 4364 with and without values.
        assertThat(ProviderEvents.parse(record("Navssprv", 4364, List.of("{" + SET + "}", "12042"))))
                .contains(new ProviderEvent.CommitTooSlow(7, T, "Navssprv", "HV01", Optional.of(SET),
                        java.util.OptionalLong.of(12042)));
        assertThat(ProviderEvents.parse(record("Navssprv", 4364, List.of()))).get()
                .isInstanceOf(ProviderEvent.CommitTooSlow.class);
    }

    @Test
    void rejectsOtherSourcesIdsAndIncompleteCommits() {
        assertThat(ProviderEvents.parse(record("VSS", 4089, List.of("{" + SET + "}", "812")))).isEmpty();
        assertThat(ProviderEvents.parse(record("Navssprv", 4090, List.of("{" + SET + "}", "812")))).isEmpty();
        assertThat(ProviderEvents.parse(record("Navssprv", 4089, List.of("812")))).isEmpty();
        assertThat(ProviderEvents.parse(record("Navssprv", 4089, List.of("{" + SET + "}")))).isEmpty();
    }

    @Test
    void endToEndFromAnEvtxFileThroughTheQuery(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("Application.evtx");
        EvtxEventSink sink = new EvtxEventSink(f);
        sink.write(new ClassicEvent("Application", "VSS", 8224, 4, T.minusSeconds(30), "HV01", List.of("idle")));
        sink.write(new ClassicEvent("Application", "Navssprv", 4089, 4, T.minusSeconds(20), "HV01",
                List.of("{" + SET + "}", "812")));
        List<ProviderEvent> found = new ArrayList<>();
        EventLogFiles.query(dir, ProviderEvents.query(T.minusSeconds(3600), Clock.fixed(T, ZoneOffset.UTC)),
                EvtxReader.Render.EVENT, 1, EvtxWarningListener.IGNORE,
                r -> ProviderEvents.parse(r.event()).ifPresent(found::add));
        assertThat(found).containsExactly(new ProviderEvent.CommitCompleted(2, T.minusSeconds(20), "Navssprv", "HV01", SET, 812));
        assertThat(((ProviderEvent.CommitCompleted) found.get(0)).withinVssLimit()).isTrue();
    }
}
