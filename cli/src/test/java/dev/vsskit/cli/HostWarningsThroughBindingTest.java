package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.lab.windows.ServedLab;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Windows host's warnings (COM security already set: RPC_E_TOO_LATE; a failed Cancel or AbortBackup) are
 * shown when the command that met them ends: a {@code warning:} line on stderr, or a JSON object there in JSON
 * mode, once each; stdout keeps its data. Over the lab served as native COM objects.
 */
class HostWarningsThroughBindingTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int RPC_E_TOO_LATE = 0x80010119;

    @TempDir
    Path tmp;

    @Test
    void comSecuritySetBeforeVsskitIsShownOnceAsAWarningInText() {
        try (ServedLab served = ServedLab.open(CliRun.fixedLab(tmp.resolve("lab")))) {
            served.vss().faults().securityResult(RPC_E_TOO_LATE);
            CliRun.Result r = CliRun.runOn(served.windows(), "list", "writers");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.err()).isEqualTo("vsskit: warning: COM security was already set in this process"
                    + " (RPC_E_TOO_LATE); if writers fail to call back (VSS event 8194), report it\n");
            assertThat(r.out()).contains("Writer name: 'Microsoft Hyper-V VSS Writer'").doesNotContain("warning");

            CliRun.Result again = CliRun.runOn(served.windows(), "list", "providers");
            assertThat(again.exitCode()).isZero();
            assertThat(again.err()).as("shown by the command that met it, not by every later one").isEmpty();
        }
    }

    @Test
    void inJsonModeTheWarningIsAJsonObjectOnStderrAndStdoutStaysData() throws Exception {
        try (ServedLab served = ServedLab.open(CliRun.fixedLab(tmp.resolve("lab")))) {
            served.vss().faults().securityResult(RPC_E_TOO_LATE);
            CliRun.Result r = CliRun.runOn(served.windows(), "list", "writers", "--output", "json");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(JSON.readTree(r.out()).isArray()).isTrue();
            assertThat(r.err()).hasLineCount(1);
            JsonNode w = JSON.readTree(r.err());
            assertThat(w.path("warning").path("message").asText()).startsWith("COM security was already set")
                    .contains("RPC_E_TOO_LATE");
        }
    }

    @Test
    void aHostWithoutWarningsAddsNothing() {
        try (ServedLab served = ServedLab.open(CliRun.fixedLab(tmp.resolve("lab")))) {
            CliRun.Result r = CliRun.runOn(served.windows(), "list", "writers");
            assertThat(r.exitCode()).isZero();
            assertThat(r.err()).isEmpty();
        }
    }
}
