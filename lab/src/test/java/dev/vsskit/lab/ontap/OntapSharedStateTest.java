package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every process of a lab runs its own simulator; all of them serve one cluster. Two simulators of one lab
 * (each with its own copy of the state, as two processes have) must never lose each other's changes.
 */
class OntapSharedStateTest {

    @TempDir
    Path dir;

    @Test
    void twoSimulatorsOfOneLabSeeAndKeepEachOthersSnapshots() throws Exception {
        try (LabOntap a = LabOntap.start(dir, "9.13.1", SimTime.REAL);
                OntapSimulator other = OntapSimulator.start(dir, 0)) {
            OntapClient ca = a.client();
            OntapClient cb = a.client(OntapLab.connection(dir, other.address()));
            String vol = ca.requireVolume("hv_csv1").uuid();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<SnapshotInfo>> made = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    OntapClient c = i % 2 == 0 ? ca : cb;
                    String name = "s" + i;
                    made.add(pool.submit(() -> c.createSnapshot(vol, SnapshotSpec.named(name), Duration.ZERO)));
                }
                for (Future<SnapshotInfo> f : made) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(ca.snapshots(vol)).extracting(SnapshotInfo::name).hasSize(12);
            assertThat(cb.snapshots(vol)).extracting(SnapshotInfo::name).hasSize(12);
            // a delete through one simulator is seen by the other, and a later change there does not undo it
            SnapshotInfo s0 = ca.snapshots(vol).stream().filter(s -> s.name().equals("s0")).findFirst().orElseThrow();
            cb.deleteSnapshot(vol, s0.uuid(), false);
            ca.createSnapshot(vol, SnapshotSpec.named("after"), Duration.ZERO);
            assertThat(cb.snapshots(vol)).extracting(SnapshotInfo::name).doesNotContain("s0").contains("after")
                    .hasSize(12);
            assertThat(SimState.load(OntapLab.stateFile(dir)).volumeByName("hv_csv1").orElseThrow().snapshots)
                    .extracting(s -> s.name).doesNotContain("s0").contains("after").hasSize(12);
        }
    }

    @Test
    void aTwoPhaseSnapshotStartedThroughOneSimulatorFencesTheGroupForTheOther() throws IOException {
        try (LabOntap a = LabOntap.start(dir, "9.13.1", SimTime.REAL);
                OntapSimulator other = OntapSimulator.start(dir, 0)) {
            OntapClient ca = a.client();
            OntapClient cb = a.client(OntapLab.connection(dir, other.address()));
            var v1 = ca.requireVolume("hv_csv1");
            var v2 = ca.requireVolume("hv_csv2");
            var cg = ca.createConsistencyGroup("svm1", "cg1", List.of(v1.name(), v2.name()));
            ca.startCgSnapshot(cg.uuid(), SnapshotSpec.named("first"), Duration.ofSeconds(30), Duration.ZERO);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> cb.startCgSnapshot(cg.uuid(),
                    SnapshotSpec.named("second"), Duration.ofSeconds(30),
                    Duration.ZERO)).hasMessageContaining("53411918");
        }
    }
}
