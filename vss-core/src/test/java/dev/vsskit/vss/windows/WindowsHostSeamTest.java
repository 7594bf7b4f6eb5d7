package dev.vsskit.vss.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the host seam gives on Windows before the COM binding: the machine's defaults, and clear refusals. */
class WindowsHostSeamTest {

    private final WindowsVssHost host = new WindowsVssHost();

    @Test
    void catalogAndEventLogAreTheMachinesAndVmNamesAreNotKnownYet() {
        assertThat(host.catalogFolder()).as("the CLI uses %ProgramData%\\vsskit\\catalog").isEmpty();
        assertThat(host.eventLogFile("Application")).as("the live log").isEmpty();
        assertThat(host.virtualMachineNames()).isEmpty();
    }

    @Test
    void exposeUnexposeAndRevertAreRefusedInOneLineLikeTheOtherVerbsNotYetBound() {
        VssId id = VssId.parse("{00000000-0000-0000-0000-000000000001}");
        assertThatThrownBy(() -> host.exposeShadow(id, Path.of("x"))).isInstanceOf(VssException.class)
                .hasMessage("`expose` is not yet available on Windows in this vsskit version (only `list providers` is);"
                        + " run diskshadow's expose or use --host lab")
                .satisfies(e -> assertThat(((VssException) e).hresult()).isEqualTo(HResult.VSS_E_UNEXPECTED));
        assertThatThrownBy(() -> host.unexposeShadow(Path.of("x"))).hasMessageStartingWith("`unexpose` is not yet");
        assertThatThrownBy(() -> host.revertToShadow(id)).hasMessageStartingWith("`revert` is not yet");
        assertThatThrownBy(host::writers).hasMessage("`list writers` is not yet available on Windows in this vsskit"
                + " version (only `list providers` is); run vssadmin list writers or use --host lab");
    }
}
