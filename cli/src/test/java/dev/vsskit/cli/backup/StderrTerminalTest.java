package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StderrTerminalTest {

    @Test
    void terminalDevicesAreTerminalsAndPipesFilesAndNullAreNot() {
        assertThat(StderrTerminal.isTerminalDevice("/dev/pts/3")).isTrue();
        assertThat(StderrTerminal.isTerminalDevice("/dev/tty1")).isTrue();
        assertThat(StderrTerminal.isTerminalDevice("/dev/ttyS0")).isTrue();
        assertThat(StderrTerminal.isTerminalDevice("pipe:[48213]")).isFalse();
        assertThat(StderrTerminal.isTerminalDevice("/var/log/vsskit/nightly.log")).isFalse();
        assertThat(StderrTerminal.isTerminalDevice("/dev/null")).isFalse();
        assertThat(StderrTerminal.isTerminalDevice("socket:[1]")).isFalse();
    }

    @Test
    void theTestRunnersStderrIsNotATerminal() {
        // Surefire's forked JVM writes stderr into a pipe: progress must take the plain, timestamped form.
        assertThat(StderrTerminal.probe()).isFalse();
    }
}
