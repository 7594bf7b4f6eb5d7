package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.LabBackupTarget;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.catalog.CatalogListing;
import dev.vsskit.vss.store.StorageSnapshot;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real {@code vsskit backup} process with SIGKILL at points spread over a whole backup (planning,
 * the VSS phases, the ONTAP commit, the catalog write, retention) and checks after each kill that the
 * next backup succeeds and cleans up: no torn catalog record, no ONTAP snapshot and no shadow that no
 * record names, no writer left frozen, no set-in-progress marker blocking.
 */
class BackupKillIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int KILLS = 8;

    @TempDir
    Path tmp;

    Path jar() {
        Path jar = Path.of(System.getProperty("vsskit.jar", "target/vsskit.jar")).toAbsolutePath();
        assertThat(jar).as("run `mvn package` first").isRegularFile();
        return jar;
    }

    ProcessBuilder vsskit(Path lab, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar().toString()));
        if (lab != null) {
            cmd.addAll(List.of("--lab", lab.toString()));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", tmp.resolve("home").toString());
        pb.environment().put("VSSKIT_CONFIG", tmp.resolve("config.json").toString());
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        return pb;
    }

    int runToEnd(Path lab, String... args) throws Exception {
        Process p = vsskit(lab, args).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("vsskit finished").isTrue();
        return p.exitValue();
    }

    @Test
    void aBackupKilledAtAnyPointLeavesNothingTheNextBackupCannotCleanUp() throws Exception {
        Path lab = tmp.resolve("lab");
        assertThat(runToEnd(null, "lab", "init", "--dir", lab.toString())).as(read("err.txt")).isZero();
        long t0 = System.nanoTime();
        assertThat(runToEnd(lab, "backup", "--all", "--name", "baseline", "--retain", "2")).as(read("err.txt")).isZero();
        long fullMillis = (System.nanoTime() - t0) / 1_000_000;

        for (int i = 1; i <= KILLS; i++) {
            Process p = vsskit(lab, "backup", "--all", "--name", "killed-" + i, "--retain", "2").start();
            long at = fullMillis * i / (KILLS + 1);
            boolean finished = p.waitFor(at, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.toHandle().destroyForcibly(); // SIGKILL on POSIX: no shutdown hooks, no finally blocks
                p.waitFor(30, TimeUnit.SECONDS);
            }
            int next = runToEnd(lab, "backup", "--vm", "web01", "--name", "after-kill-" + i, "--retain", "2");
            assertThat(next).as("the backup after kill " + i + " at " + at + " ms: " + read("err.txt")).isZero();
            assertConsistent(lab, "after kill " + i + " at " + at + " ms of " + fullMillis);
        }
    }

    void assertConsistent(Path lab, String when) throws Exception {
        CatalogListing listing = new BackupCatalog(lab.resolve("catalog")).list();
        assertThat(listing.problems()).as(when + ": torn or unreadable catalog records").isEmpty();
        Set<String> recordedSnapshots = listing.records().stream().flatMap(r -> r.volumes().stream())
                .map(v -> v.storageVolume() + ":" + v.storageSnapshot()).collect(Collectors.toSet());
        Set<String> recordedSets = listing.records().stream().map(BackupRecord::snapshotSetId)
                .flatMap(java.util.Optional::stream).map(Object::toString).collect(Collectors.toSet());
        try (LabHost host = LabHost.open(lab)) {
            LabBackupTarget target = new LabBackupTarget(host);
            for (String volume : List.of("hv_csv1", "hv_csv2", "hv_smb1")) {
                for (StorageSnapshot s : target.storage().orElseThrow().snapshots(volume)) {
                    assertThat(recordedSnapshots).as(when + ": ONTAP snapshot " + volume + ":" + s.name()
                            + " is named by no backup record").contains(volume + ":" + s.name());
                }
            }
            for (Shadow s : host.shadows()) {
                assertThat(recordedSets).as(when + ": shadow " + s.shadowId() + " of set " + s.setId()
                        + " belongs to no backup record").contains(s.setId().toString());
            }
        }
        Process writers = vsskit(lab, "list", "writers", "--output", "json").start();
        assertThat(writers.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writers.exitValue()).as(when + ": list writers exit code").isZero();
        JsonNode w = JSON.readTree(read("out.txt"));
        // One state per writer the lab lists: an empty or partial answer must fail, not pass vacuously.
        assertThat(w.isArray() && w.size() > 0).as(when + ": list writers returned writers").isTrue();
        assertThat(w.findValuesAsText("state")).as(when + ": writer states").hasSize(w.size()).allMatch(
                s -> s.equals("Stable") || s.equals("Waiting for completion"));
        assertThat(lab.resolve("vss/set-in-progress.json")).as(when + ": set-in-progress marker").doesNotExist();
    }

    String read(String name) throws Exception {
        File f = tmp.resolve(name).toFile();
        return f.exists() ? Files.readString(f.toPath(), StandardCharsets.UTF_8) : "";
    }
}
