package dev.vsskit.cli.backup;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupPlan;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Backup progress on stderr (never with -q): indented lines on a terminal; plain lines each starting with the
 * time when stderr is not a terminal (a scheduled job, a pipe, a log file), so that long work with retries is
 * never silent there and its log says when each step happened.
 */
final class TerminalProgress implements BackupListener {

    private final PrintWriter err;
    private final boolean terminal;
    private final java.time.ZoneId zone;
    private final java.time.Clock clock;

    private TerminalProgress(PrintWriter err, boolean terminal, java.time.ZoneId zone, java.time.Clock clock) {
        this.err = err;
        this.terminal = terminal;
        this.zone = zone;
        this.clock = clock;
    }

    /** Progress for this process: terminal lines when its stderr is a terminal ({@link StderrTerminal}). */
    static BackupListener forStderr(PrintWriter err, boolean quiet, java.time.ZoneId zone) {
        return of(err, quiet, StderrTerminal.probe(), zone, java.time.Clock.systemUTC());
    }

    static BackupListener of(PrintWriter err, boolean quiet, boolean terminal, java.time.ZoneId zone,
            java.time.Clock clock) {
        return quiet ? BackupListener.NONE : new TerminalProgress(err, terminal, zone, clock);
    }

    private void line(String s) {
        err.println(terminal ? "  " + s : "vsskit: " + dev.vsskit.cli.render.Times.text(clock.instant(), zone) + " " + s);
        err.flush();
    }

    @Override
    public void planned(BackupPlan plan) {
        line("plan: " + count(plan.vms().size(), "VM") + " on " + count(plan.volumes().size(), "volume"));
    }

    private static String count(int n, String noun) {
        return dev.vsskit.vss.Words.count(n, noun);
    }

    @Override
    public void attempt(int attempt, int of) {
        if (attempt > 1) {
            line("try " + attempt + " of " + of);
        }
    }

    @Override
    public void phase(VssId snapshotSetId, String phase) {
        line(phase);
    }

    @Override
    public void providerSelected(VssId snapshotSetId, String volume, String providerName) {
        line(volume + " -> " + providerName);
    }

    @Override
    public void writerState(Writer writer) {
        if (writer.state().isFailed()) {
            line(writer.name() + ": " + writer.state().text() + " (" + writer.lastError().text() + ")");
        }
    }

    @Override
    public void committed(VssId snapshotSetId, Duration commitDuration) {
        line("committed " + snapshotSetId + " in " + commitDuration.toMillis() + " ms");
    }

    @Override
    public void retrying(int attempt, String reason, Duration wait) {
        line("try " + attempt + " failed (" + reason + "); next try in " + wait.toSeconds() + " s");
    }

    @Override
    public void retentionDeleted(String backupName) {
        line("retention deleted " + backupName);
    }

    @Override
    public void warning(String message) {
        line("warning: " + message);
    }
}
