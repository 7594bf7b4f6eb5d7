package dev.vsskit.lab;

import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.vss.ClusterSharedVolume.IoMode;
import dev.vsskit.vss.ClusterSharedVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover cluster's view of the lab's CSVs: {@code <lab>/cluster/csv-states.json}, a JSON array of
 * {@link ClusterSharedVolume} entries that differ from the default (owned by the lab's host, direct I/O).
 * Absent means every CSV is direct. Rehearsals of a CSV left in redirected I/O after a failed backup write it.
 */
final class LabCsvStates {

    static final String FILE = "cluster/csv-states.json";

    private LabCsvStates() {
    }

    /**
     * Every CSV of the lab with its owner and I/O mode: the cluster's own state ({@link LabCluster}: the
     * coordinating node, redirected I/O while a snapshot is created, a backup state left by a killed backup),
     * overridden by {@code csv-states.json} where a rehearsal set one.
     */
    static List<ClusterSharedVolume> of(LabHost host) {
        Path file = host.dir().resolve(FILE);
        List<ClusterSharedVolume> set = Files.exists(file) ? LabJson.readList(file, ClusterSharedVolume.class) : List.of();
        LabCluster cluster = host.cluster();
        LabCluster.State state = cluster.state();
        List<LabCluster.CsvState> stale = cluster.stale();
        List<ClusterSharedVolume> out = new ArrayList<>();
        for (LabConfig.LabVolume v : host.config().volumes()) {
            if (v.kind() != LabConfig.VolumeKind.CSV) {
                continue;
            }
            out.add(set.stream().filter(c -> c.path().equalsIgnoreCase(v.path())).findFirst()
                    .orElseGet(() -> fromCluster(host, v, state, stale)));
        }
        return out;
    }

    private static ClusterSharedVolume fromCluster(LabHost host, LabConfig.LabVolume v, LabCluster.State state,
            List<LabCluster.CsvState> stale) {
        LabCluster.CsvState c = state.csvs().stream().filter(x -> x.volume().equalsIgnoreCase(v.key()))
                .findFirst().orElse(null);
        String owner = c != null && c.coordinator() != null ? c.coordinator() : host.config().host().name();
        if (c == null) {
            return new ClusterSharedVolume(v.path(), owner, IoMode.DIRECT, "");
        }
        boolean left = stale.stream().anyMatch(x -> x.volume().equalsIgnoreCase(v.key()));
        if (left) {
            return new ClusterSharedVolume(v.path(), owner, IoMode.FILE_SYSTEM_REDIRECTED, "backup in progress:"
                    + " left by a backup of snapshot set " + c.backupSet() + " on " + c.backupNode()
                    + " whose process is gone (vsskit lab csv clear-backup-state, or the next backup, clears it)");
        }
        if (c.redirectedSince() != null) {
            return new ClusterSharedVolume(v.path(), owner, IoMode.FILE_SYSTEM_REDIRECTED, "snapshot set "
                    + c.backupSet() + " is being created on " + c.backupNode() + " (since " + c.redirectedSince() + ")");
        }
        return new ClusterSharedVolume(v.path(), owner, IoMode.DIRECT, "");
    }
}
