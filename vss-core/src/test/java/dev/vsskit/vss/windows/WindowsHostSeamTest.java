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
    void catalogAndEventLogAreTheMachinesAndVmNamesCompleteNothingWithoutWmi() {
        assertThat(host.catalogFolder()).as("the CLI uses %ProgramData%\\vsskit\\catalog").isEmpty();
        assertThat(host.eventLogFile("Application")).as("the live log").isEmpty();
        // completion asks Hyper-V's WMI (ServedHyperVTest); where it cannot be reached (here: no ole32) it offers nothing
        assertThat(host.virtualMachineNames()).isEmpty();
    }
}
