package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.vss.LabVss;
import dev.vsskit.vss.VssId;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code vsskit lab csv ...}: the Cluster Shared Volumes' state and their redirected-I/O history. */
@Command(name = "csv", description = "The lab's Cluster Shared Volumes: coordinator node, I/O mode and backup state,"
        + " the redirected-I/O windows of past backups, and clearing what a killed backup left.",
        subcommands = {LabCsvCommand.ListCsvs.class, LabCsvCommand.History.class, LabCsvCommand.ClearBackupState.class})
public final class LabCsvCommand {

    /** One CSV as {@code lab csv list} shows it. */
    record CsvLine(String volume, String path, String coordinator, String ioMode, String backupState) {
    }

    static final RecordView<CsvLine> CSVS = new RecordView<>() {
        @Override
        public List<Field<CsvLine>> fields() {
            return List.of(Field.of("volume", CsvLine::volume), Field.of("path", CsvLine::path),
                    Field.of("coordinator", CsvLine::coordinator), Field.of("ioMode", CsvLine::ioMode),
                    Field.of("backupState", CsvLine::backupState));
        }

        @Override
        public void text(List<CsvLine> rows, PrintWriter out) {
            for (CsvLine c : rows) {
                out.println("CSV: " + c.volume() + " (" + c.path() + ")");
                out.println("   Coordinator node: " + c.coordinator());
                out.println("   I/O mode: " + c.ioMode());
                out.println("   Backup state: " + c.backupState());
                out.println();
            }
        }
    };

    static List<CsvLine> lines(LabHost lab) {
        LabCluster cluster = lab.cluster();
        List<LabCluster.CsvState> stale = cluster.stale();
        List<CsvLine> out = new ArrayList<>();
        for (LabCluster.CsvState c : cluster.state().csvs()) {
            String path = lab.config().volume(c.volume()).map(LabConfig.LabVolume::path).orElse("");
            String mode = c.redirectedSince() == null ? "Direct" : "Redirected since " + c.redirectedSince();
            String backup = c.backupSet() == null ? "None"
                    : "Backup in progress: snapshot set " + c.backupSet() + ", node " + c.backupNode() + ", process "
                            + c.backupPid() + (stale.contains(c) ? " (gone: left by a backup that died; `vsskit lab csv"
                                    + " clear-backup-state` or the next backup clears it)" : " (running)")
                            + " since " + c.backupSince();
            out.add(new CsvLine(c.volume(), path, c.coordinator(), mode, backup));
        }
        return out;
    }

    @Command(name = "list", description = "Each CSV: its coordinator node, I/O mode (Direct or Redirected) and backup state.")
    public static final class ListCsvs extends VsskitCommand {
        @Override
        protected int run() {
            ctx().renderer().list(CSVS, lines(Hosts.lab(ctx())));
            return ExitCode.OK;
        }
    }

    /** One redirected-I/O window, with its length. */
    record WindowLine(String volume, String node, String snapshotSet, String start, String end, long millis) {
    }

    static final RecordView<WindowLine> WINDOWS = new RecordView<>() {
        @Override
        public List<Field<WindowLine>> fields() {
            return List.of(Field.of("volume", WindowLine::volume), Field.of("node", WindowLine::node),
                    Field.of("snapshotSet", WindowLine::snapshotSet), Field.of("start", WindowLine::start),
                    Field.of("end", WindowLine::end), Field.of("millis", WindowLine::millis));
        }

        @Override
        public void text(List<WindowLine> rows, PrintWriter out) {
            for (WindowLine w : rows) {
                out.println(w.volume() + "  redirected I/O " + w.start() + " .. " + w.end() + " (" + w.millis()
                        + " ms)  set " + w.snapshotSet() + " from " + w.node());
            }
        }
    };

    @Command(name = "history", description = "The redirected-I/O windows of past backups, per CSV, with their times"
            + " (CSV 2.0: only while the snapshot was created).")
    public static final class History extends VsskitCommand {
        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            ctx().renderer().list(WINDOWS, lab.cluster().redirectedHistory().stream()
                    .map(w -> new WindowLine(w.volume(), w.node(), w.snapshotSet().toString(), w.start().toString(),
                            w.end().toString(), Duration.between(w.start(), w.end()).toMillis())).toList());
            return ExitCode.OK;
        }
    }

    @Command(name = "clear-backup-state", description = "Clear the backup state (and redirected I/O) that a backup"
            + " which died left on CSVs (ClusterClearBackupStateForSharedVolume); refused while a snapshot set is"
            + " being created on any node. A backup does the same before it starts.")
    public static final class ClearBackupState extends VsskitCommand {
        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            Optional<VssId> inProgress = LabVss.setInProgress(lab.dir());
            if (inProgress.isPresent()) {
                throw new CliException(ExitCode.TRANSIENT, "snapshot set " + inProgress.get() + " is being created;"
                        + " a CSV's backup state is cleared only when no set is in progress on any node: try again"
                        + " when it ends");
            }
            List<LabCluster.CsvState> cleared = lab.cluster().clearStale(Optional.empty());
            for (LabCluster.CsvState c : cleared) {
                ctx().out().println("Cleared the backup state of CSV " + c.volume() + " (snapshot set " + c.backupSet()
                        + ", node " + c.backupNode() + ", process " + c.backupPid() + ").");
            }
            if (cleared.isEmpty()) {
                ctx().out().println("No CSV was left in backup state by a backup that died.");
            }
            ctx().out().flush();
            return ExitCode.OK;
        }
    }
}
