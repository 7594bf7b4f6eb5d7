package dev.vsskit.lab;

import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.ClusterSharedVolume.IoMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The failover cluster's view of the lab's CSVs: {@code <lab>/cluster/csv-states.json}, a JSON array of
 * {@link ClusterSharedVolume} entries that differ from the default (owned by the lab's host, direct I/O).
 * Absent means every CSV is direct. Rehearsals of a CSV left in redirected I/O after a failed backup write it.
 */
public final class LabCsvStates {

    public static final String FILE = "cluster/csv-states.json";

    private LabCsvStates() {
    }

    /** Every CSV of the lab with its owner and I/O mode. */
    static List<ClusterSharedVolume> of(LabHost host) {
        Path file = host.dir().resolve(FILE);
        List<ClusterSharedVolume> set = Files.exists(file) ? LabJson.readList(file, ClusterSharedVolume.class) : List.of();
        List<ClusterSharedVolume> out = new ArrayList<>();
        for (LabConfig.LabVolume v : host.config().volumes()) {
            if (v.kind() != LabConfig.VolumeKind.CSV) {
                continue;
            }
            out.add(set.stream().filter(c -> c.path().equalsIgnoreCase(v.path())).findFirst()
                    .orElse(new ClusterSharedVolume(v.path(), host.config().host().name(), IoMode.DIRECT, "")));
        }
        return out;
    }

    /** Sets one CSV's owner and I/O mode (a rehearsal of what a failed backup leaves). */
    public static void set(Path labDir, ClusterSharedVolume state) {
        Path file = labDir.resolve(FILE);
        List<ClusterSharedVolume> all = new ArrayList<>(Files.exists(file)
                ? LabJson.readList(file, ClusterSharedVolume.class) : List.of());
        all.removeIf(c -> c.path().equalsIgnoreCase(state.path()));
        all.add(state);
        try {
            Files.createDirectories(file.getParent());
            LabJson.write(file, all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
