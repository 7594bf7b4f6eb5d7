package dev.vsskit.eventlog.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.eventlog.query.EventQuery;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class WindowsEventLogTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void elsewhereItSaysWhatToUseInstead() {
        assertThat(WindowsEventLog.isAvailable()).isFalse();
        assertThatThrownBy(() -> WindowsEventLog.query("Application", false, EventQuery.parse("*"), d -> true))
                .hasMessageContaining("needs Windows").hasMessageContaining("--file");
    }

    /** On a Windows runner: the live Application log answers a query and its XML parses into records. */
    @Test
    @EnabledOnOs(OS.WINDOWS)
    void readsTheLiveApplicationLog() {
        List<WindowsEventLog.Delivered> got = new ArrayList<>();
        WindowsEventLog.query("Application", false, EventQuery.parse("*[System[Level<=4]]"), d -> {
            got.add(d);
            return got.size() < 5;
        });
        // Every Windows Application log holds Information events (level 4): an empty result is a failure,
        // not a vacuous pass.
        assertThat(got).isNotEmpty().allSatisfy(d -> {
            assertThat(d.event().channel()).isEqualTo("Application");
            assertThat(d.event().recordId()).isPositive();
        });
    }
}
