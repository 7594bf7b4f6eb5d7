package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.eventlog.netapp.ProviderEvent;
import dev.vsskit.eventlog.netapp.ProviderEvents;
import dev.vsskit.eventlog.query.EventQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The parser the live Windows log uses (EvtRender XML → EventRecord), tested on Linux. */
class EventXmlTest {

    /** The shape EvtRender(EvtRenderEventXml) returns for a classic event: single quotes, no whitespace. */
    static final String EVT_RENDER = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
            + "<Provider Name='Navssprv'/><EventID Qualifiers='0'>4089</EventID><Level>4</Level><Task>0</Task>"
            + "<Keywords>0x80000000000000</Keywords><TimeCreated SystemTime='2026-11-24T10:15:30.1234567Z'/>"
            + "<EventRecordID>98765</EventRecordID><Channel>Application</Channel><Computer>HV01.lab.local</Computer>"
            + "<Security/></System><EventData><Data>{6E8F7C11-0D1B-4C39-9A52-0123456789AB}</Data><Data>812</Data>"
            + "</EventData></Event>";

    @Test
    void parsesWhatEvtRenderReturns() {
        EventRecord e = EventXml.parseEventRecord(EVT_RENDER);
        assertThat(e.recordId()).isEqualTo(98765);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-11-24T10:15:30.1234567Z"));
        assertThat(e.providerName()).isEqualTo("Navssprv");
        assertThat(e.eventId()).isEqualTo(4089);
        assertThat(e.qualifiers()).isZero();
        assertThat(e.keywords()).isEqualTo(0x80000000000000L);
        assertThat(e.computer()).isEqualTo("HV01.lab.local");
        assertThat(e.strings()).containsExactly("{6E8F7C11-0D1B-4C39-9A52-0123456789AB}", "812");
        assertThat(ProviderEvents.parse(e)).get().isInstanceOf(ProviderEvent.CommitCompleted.class);
        assertThat(EventQuery.parse("*[System[Provider[@Name='Navssprv'] and EventID=4089]]")
                .matches(EventXml.parse(EVT_RENDER))).isTrue();
    }

    @Test
    void rejectsBrokenXmlWithAClearMessage() {
        assertThatThrownBy(() -> EventXml.parseEventRecord("<Event><System>")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not well formed");
    }

    @Test
    void textXmlAndTreeGiveTheSameEventRecordOnRealLogs() throws IOException {
        Assumptions.assumeTrue(Samples.present(), "sample corpus absent: " + Samples.dir());
        for (String name : List.of("omer__security.evtx", "hayabusa__many-events-application.evtx", "omer__sysmon.evtx")) {
            try (EvtxReader r = EvtxReader.open(Samples.file(name), EvtxWarningListener.IGNORE)) {
                int n = 0;
                for (EvtxRecord rec : r) {
                    if (rec.recordId() % 3 != 0) {
                        continue; // a third of the records keeps this test quick; the oracle covers all
                    }
                    assertThat(EventXml.parseEventRecord(rec.xml())).as("%s record %d", name, rec.recordId())
                            .isEqualTo(rec.event());
                    n++;
                }
                assertThat(n).isGreaterThan(100);
            }
        }
    }
}
