package dev.vsskit.vss.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimelineTest {

    @Test
    void hresultsAreFoundByNameOrValueAndClassedByTheRetryPolicy() {
        assertThat(Timeline.hresultIn(List.of("failed with VSS_E_WRITERERROR_RETRYABLE"))).contains("VSS_E_WRITERERROR_RETRYABLE");
        assertThat(Timeline.hresultIn(List.of("hr = 0x80042306"))).contains("VSS_E_PROVIDER_VETO");
        assertThat(Timeline.hresultIn(List.of("hr = 0x80070005"))).contains("0x80070005");
        assertThat(Timeline.hresultIn(List.of("took 812 ms"))).isEmpty();
        assertThat(Timeline.classOf(Optional.of("VSS_E_HOLD_WRITES_TIMEOUT"))).isEqualTo(Timeline.HResultClass.RETRYABLE);
        assertThat(Timeline.classOf(Optional.of("VSS_E_PROVIDER_VETO"))).isEqualTo(Timeline.HResultClass.NOT_RETRYABLE);
        assertThat(Timeline.classOf(Optional.of("0x80070005"))).isEqualTo(Timeline.HResultClass.NOT_RETRYABLE);
        assertThat(Timeline.classOf(Optional.empty())).isEqualTo(Timeline.HResultClass.NONE);
    }

    @Test
    void aTrysNameStandsForItsJob() {
        assertThat(Timeline.jobName("prod_12-06-2026_18.59.29.try1")).isEqualTo("prod_12-06-2026_18.59.29");
        assertThat(Timeline.jobName("prod_12-06-2026_18.59.29")).isEqualTo("prod_12-06-2026_18.59.29");
    }
}
