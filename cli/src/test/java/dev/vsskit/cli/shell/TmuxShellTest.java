package dev.vsskit.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vsskit shell} on a real terminal (tmux): Tab completion, Ctrl-C, history (Up) and Ctrl-D. Waits poll
 * the screen until the expected text shows (bounded, so a broken shell fails instead of hanging).
 */
class TmuxShellTest {

    @TempDir
    Path tmp;
    final String session = "vsskit-test-" + UUID.randomUUID();
    boolean started;

    @AfterEach
    void kill() throws Exception {
        if (started) {
            ScriptsTest.run(Map.of(), "tmux", "kill-session", "-t", session);
        }
    }

    private void keys(String... keys) throws Exception {
        String[] cmd = new String[keys.length + 4];
        cmd[0] = "tmux";
        cmd[1] = "send-keys";
        cmd[2] = "-t";
        cmd[3] = session;
        System.arraycopy(keys, 0, cmd, 4, keys.length);
        ScriptsTest.run(Map.of(), cmd);
    }

    private String screen() throws Exception {
        return ScriptsTest.run(Map.of(), "tmux", "capture-pane", "-p", "-t", session).output();
    }

    private String awaitScreen(Predicate<String> shows, String what) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String s = "";
        while (System.nanoTime() < deadline) {
            s = screen();
            if (shows.test(s)) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the screen never showed " + what + ":\n" + s);
    }

    private static String lastLine(String screen) {
        String[] lines = screen.strip().split("\n");
        return lines[lines.length - 1].strip();
    }

    @Test
    void completionCtrlCHistoryAndCtrlD() throws Exception {
        Assumptions.assumeTrue(ScriptsTest.onPath("tmux"), "tmux is not installed: terminal test skipped "
                + "(apt-get install tmux)");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path lab = CliRun.fixedLab(tmp.resolve("lab"));
        Path launcher = ScriptsTest.launcher(tmp);
        Path exited = tmp.resolve("exited");
        String command = "HOME='" + home + "' TERM=xterm '" + launcher + "' --lab '" + lab + "' shell; echo $? > '"
                + exited + "'; sleep 60";
        ScriptsTest.run(Map.of(), "tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50", command);
        started = true;
        awaitScreen(s -> s.contains("VSSKIT>"), "the prompt");

        keys("list prov", "Tab");
        awaitScreen(s -> lastLine(s).equals("VSSKIT> list providers"), "the completed command");
        keys("Enter");
        awaitScreen(s -> s.contains("Provider name: 'Data ONTAP VSS Hardware Provider'") && lastLine(s).equals("VSSKIT>"),
                "the providers");

        keys("backup --vm s", "Tab");
        awaitScreen(s -> lastLine(s).equals("VSSKIT> backup --vm sql01"), "the completed VM name");
        keys("C-c");
        awaitScreen(s -> lastLine(s).equals("VSSKIT>"), "a new prompt after Ctrl-C");
        keys("Up");
        awaitScreen(s -> lastLine(s).equals("VSSKIT> list providers"), "the last command from history");
        keys("C-u", "C-d");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(exited) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(Files.readString(exited).strip()).isEqualTo("0");
        assertThat(Files.readString(home.resolve(".local/share/vsskit/history"))).contains("list providers")
                .doesNotContain("backup --vm sql01");
    }
}
