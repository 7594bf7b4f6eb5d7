package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's training log: every output format of {@code events --file} reads it whole. */
class CdsTrainingTest {

    @TempDir
    Path tmp;

    @Test
    void theTrainingLogHoldsFourHundredEventsWithFourNavssprv4089() throws Exception {
        Path log = tmp.resolve("Application.evtx");
        CdsTraining.write(log);
        Map<String, String> env = Map.of("HOME", tmp.toString());
        assertThat(CliRun.run(env, "-q", "events", "--file", log.toString(), "--count").out().trim()).isEqualTo("400");
        CliRun.Result navssprv = CliRun.run(env, "-q", "events", "--file", log.toString(), "--id", "4089", "-o", "json");
        assertThat(navssprv.exitCode()).as(navssprv.err()).isZero();
        assertThat(navssprv.out()).contains("\"source\": \"Navssprv\"");
        assertThat(navssprv.out().split("\"eventId\": 4089", -1)).hasSize(5);
        CliRun.Result xml = CliRun.run(env, "-q", "events", "--file", log.toString(), "--xml");
        assertThat(xml.exitCode()).as(xml.err()).isZero();
        assertThat(xml.out()).startsWith("<Events>").contains("<Provider Name=\"SQLWriter\"");
        CdsTraining.write(log); // again over the old one
        assertThat(CliRun.run(env, "-q", "events", "--file", log.toString(), "--count").out().trim()).isEqualTo("400");
    }
}
