package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the host seam gives on Windows: the machine's defaults (expose, unexpose and revert go through the COM
 * binding: {@code ServedExposeTest} in the lab runs them).
 */
class WindowsHostSeamTest {

    private final WindowsVssHost host = new WindowsVssHost();

    @Test
    void catalogAndEventLogAreTheMachinesAndVmNamesAreNotKnownYet() {
        assertThat(host.catalogFolder()).as("the CLI uses %ProgramData%\\vsskit\\catalog").isEmpty();
        assertThat(host.eventLogFile("Application")).as("the live log").isEmpty();
        assertThat(host.virtualMachineNames()).isEmpty();
    }
}
