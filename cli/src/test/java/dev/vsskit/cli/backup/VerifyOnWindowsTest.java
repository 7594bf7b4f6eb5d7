package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.windows.ServedVss;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code verify} on the Windows host (the COM binding over the served lab): without {@code --events} it reads the
 * live Application log through wevtapi, with no export (on Linux that path stops at the event log service, in one
 * line: the proof it was taken); {@code --events FILE} keeps working there.
 */
class VerifyOnWindowsTest extends LabCliTest {

    @Test
    void withoutEventsTheWindowsHostReadsTheLiveLogAndAnExportStillWorks() {
        assertThat(vsskit("backup", "--vm", "web01", "--name", "nightly").exitCode()).isZero();
        Path catalog = lab.resolve("catalog");
        try (LabHost labHost = LabHost.open(lab)) {
            ServedVss served = new ServedVss(labHost);
            Path evtx = labHost.eventLogFile("Application").orElseThrow();
            try (WindowsVssHost windows = new WindowsVssHost(served, ServedVss.TEST_TIMING)) {
                CliRun.Result live = CliRun.runOn(windows, "verify", "--last", "--catalog", catalog.toString());
                assertThat(live.exitCode()).isEqualTo(ExitCode.ERROR);
                assertThat(live.err()).isEqualTo("vsskit: the live Application log is read through Windows' event log"
                        + " service (wevtapi), which this system does not have; export it on the host (wevtutil epl"
                        + " Application app.evtx) and give --events app.evtx\n");

                CliRun.Result exported = CliRun.runOn(windows, "verify", "--last", "--catalog", catalog.toString(),
                        "--events", evtx.toString(), "-o", "json");
                assertThat(exported.exitCode()).as(exported.err()).isZero();
                assertThat(exported.out()).contains("\"passed\": true").contains("\"backup\": \"nightly\"");
            }
            assertThat(served.problems()).isEmpty();
        }
        // on the lab host the lab's own log is read, as before
        CliRun.Result onLab = vsskit("verify", "--last");
        assertThat(onLab.exitCode()).as(onLab.err()).isZero();
        CliRun.Result liveOnLab = vsskit("verify", "--last", "--events", "live");
        assertThat(liveOnLab.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
