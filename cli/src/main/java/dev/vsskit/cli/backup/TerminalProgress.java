package dev.vsskit.cli.backup;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupPlan;
import java.io.PrintWriter;
import java.time.Duration;

/** Backup progress as plain lines on stderr, shown only when stderr is a terminal (and not with -q). */
final class TerminalProgress implements BackupListener {

    private final PrintWriter err;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    static BackupListener forTerminal(PrintWriter err, boolean quiet) {
        // System.console() is null when stdin/stdout are redirected: a script, a pipe, a scheduled task
        return quiet || System.console() == null ? BackupListener.NONE : new TerminalProgress(err);
    }

    private void line(String s) {
        err.println("  " + s);
        err.flush();
    }

    @Override
    public void planned(BackupPlan plan) {
        line("plan: " + plan.vms().size() + " VMs on " + plan.volumes().size() + " volumes");
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
