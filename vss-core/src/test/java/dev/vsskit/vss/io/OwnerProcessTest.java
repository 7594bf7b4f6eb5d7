package dev.vsskit.vss.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OwnerProcessTest {

    private static final Instant MY_START = ProcessHandle.current().info().startInstant().orElseThrow();

    @Test
    void thisProcessRunsWithItsIdAloneAndWithItsStart() {
        assertThat(OwnerProcess.current().runs()).isTrue();
        assertThat(OwnerProcess.current().started()).contains(MY_START);
        assertThat(OwnerProcess.ofPid(ProcessHandle.current().pid()).runs()).isTrue();
    }

    @Test
    void aProcessWithTheOwnersIdThatStartedAtAnotherTimeIsNotTheOwner() {
        long pid = ProcessHandle.current().pid();
        assertThat(new OwnerProcess(pid, Optional.of(MY_START.minus(Duration.ofHours(1)))).runs())
                .as("the owner started an hour earlier: this process only got its id again").isFalse();
        assertThat(new OwnerProcess(pid, Optional.of(MY_START.plusMillis(400))).runs())
                .as("within the slack of two readings of one start").isTrue();
    }

    @Test
    void aProcessThatEndedDoesNotRun() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        assertThat(OwnerProcess.ofPid(p.pid()).runs()).isFalse();
        assertThat(OwnerProcess.runsSince(p.pid(), Instant.now())).isFalse();
        assertThat(OwnerProcess.ofPid(-1).runs()).isFalse();
    }

    @Test
    void somethingMadeBeforeAProcessStartedWasNotMadeByIt() {
        long pid = ProcessHandle.current().pid();
        assertThat(OwnerProcess.runsSince(pid, Instant.now())).isTrue();
        assertThat(OwnerProcess.runsSince(pid, MY_START.minus(Duration.ofMinutes(5)))).isFalse();
    }

    @Test
    void theTextFormReadsBackAndABarePidReadsAsAnIdOnly() {
        OwnerProcess me = OwnerProcess.current();
        assertThat(OwnerProcess.parse(me.toText())).contains(me);
        assertThat(OwnerProcess.parse("4242\n")).contains(OwnerProcess.ofPid(4242));
        assertThat(OwnerProcess.parse("not a pid")).isEmpty();
        assertThat(OwnerProcess.parse("4242 yesterday")).isEmpty();
    }
}
