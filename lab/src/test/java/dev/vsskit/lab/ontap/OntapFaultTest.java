package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Injected faults: the client retries what is safe, never duplicates, and fails cleanly otherwise. */
class OntapFaultTest {

    @TempDir
    Path dir;

    ManualTime time = new ManualTime();
    LabOntap lab;
    OntapClient client;
    String volume;

    @BeforeEach
    void start() throws IOException {
        lab = LabOntap.start(dir, "9.13.1", time);
        client = lab.client(lab.connection().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(700),
                Duration.ofSeconds(5)));
        volume = client.requireVolume("hv_csv1").uuid();
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private void fault(SimFault f) throws IOException {
        lab.sim.setKnobs(SimKnobs.NONE.withFaults(f));
    }

    private SnapshotInfo create(String name) {
        return client.createSnapshot(volume, SnapshotSpec.named(name), Duration.ZERO);
    }

    @Test
    void getRetriedAfter503() throws IOException {
        fault(SimFault.failNth("GET /api/cluster", 1, 503, "", ""));
        assertThat(client.cluster().name()).isEqualTo("cluster1");
        assertThat(lab.retries).singleElement().asString().contains("SERVER_ERROR");
    }

    @Test
    void createRetriedAfter503WithoutDuplicate() throws IOException {
        fault(SimFault.failNth("POST /snapshots", 1, 503, "", ""));
        assertThat(create("s503").name()).isEqualTo("s503");
        assertThat(client.snapshots(volume)).extracting(SnapshotInfo::name).containsExactly("s503");
        assertThat(lab.retries).hasSize(1);
    }

    @Test
    void error500WithOntapCodeFailsCleanlyWithoutRetry() throws IOException {
        fault(SimFault.failNth("POST /snapshots", 1, 500, "1638537", "Cannot determine status of the create."));
        assertThatThrownBy(() -> create("s500")).isInstanceOfSatisfying(OntapException.class, e -> {
            assertThat(e.kind()).isEqualTo(OntapErrorKind.API_ERROR);
            assertThat(e.httpStatus()).isEqualTo(500);
            assertThat(e.code()).isEqualTo("1638537");
            assertThat(e.getMessage()).contains("Cannot determine status");
        });
        assertThat(lab.retries).isEmpty();
        assertThat(client.snapshots(volume)).isEmpty();
    }

    @Test
    void resetAfterTheCreateTookEffectFindsItInsteadOfDuplicating() throws IOException {
        fault(SimFault.resetNth("POST /snapshots", 1, true));
        SnapshotInfo s = create("sreset");
        assertThat(s.name()).isEqualTo("sreset");
        assertThat(client.snapshots(volume)).extracting(SnapshotInfo::name).containsExactly("sreset");
        assertThat(lab.retries).singleElement().asString().contains("CONNECTION_RESET");
        assertThat(lab.store("Volume1").snapshots()).hasSize(1);
    }

    @Test
    void resetBeforeTheCreateIsRetried() throws IOException {
        fault(SimFault.resetNth("POST /snapshots", 1, false));
        assertThat(create("sreset2").name()).isEqualTo("sreset2");
        assertThat(client.snapshots(volume)).hasSize(1);
    }

    @Test
    void hungCreateTimesOutAndIsRetriedOnce() throws IOException {
        fault(SimFault.hangNth("POST /snapshots", 1));
        assertThat(create("shang").name()).isEqualTo("shang");
        assertThat(lab.retries).singleElement().asString().contains("TIMEOUT");
        assertThat(client.snapshots(volume)).extracting(SnapshotInfo::name).containsExactly("shang");
    }

    @Test
    void aHungCallHoldsUpNoOtherCallAndEndsWhenTheSimulatorCloses() throws Exception {
        fault(SimFault.hangNth("POST /api/storage/volumes/" + volume + "/snapshots", 1));
        String other = client.requireVolume("hv_csv2").uuid();
        OntapClient patient = lab.client(lab.connection().withRetry(dev.vsskit.ontap.client.RetryPolicy.NONE)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60)));
        long before = lab.sim.calls();
        var hung = java.util.concurrent.CompletableFuture.runAsync(
                () -> patient.postSnapshot(volume, SnapshotSpec.named("hung"), Duration.ZERO));
        while (lab.sim.calls() == before) {
            Thread.sleep(5);
        }
        // while it hangs, other calls (a retry, an abort's look-up and delete) are answered
        long t0 = System.nanoTime();
        assertThat(client.createSnapshot(other, SnapshotSpec.named("meanwhile"), Duration.ZERO).name())
                .isEqualTo("meanwhile");
        assertThat(client.snapshots(other)).extracting(SnapshotInfo::name).containsExactly("meanwhile");
        assertThat(client.snapshots(volume)).isEmpty();
        assertThat(lab.retries).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(hung).isNotDone();
        // closing the simulator ends the hung call (its client sees the connection go), without waiting for it
        t0 = System.nanoTime();
        lab.sim.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> hung.get(20, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(OntapException.class);
    }

    @Test
    void persistent503GivesUpAfterTheBoundAndLeavesNothing() throws IOException {
        fault(SimFault.failNth("POST /snapshots", 1, 503, "", "").times(100));
        assertThatThrownBy(() -> create("never")).isInstanceOfSatisfying(OntapException.class, e -> {
            assertThat(e.kind()).isEqualTo(OntapErrorKind.SERVER_ERROR);
            assertThat(e.getMessage()).contains("HTTP 503").contains("retry later");
        });
        assertThat(lab.retries).hasSize(2); // 3 attempts in all
        assertThat(client.snapshots(volume)).isEmpty();
    }

    @Test
    void latencyKnobDelaysEveryCall() throws IOException {
        lab.sim.setKnobs(SimKnobs.NONE.withLatency(20));
        long before = time.millis();
        client.cluster();
        client.volumes();
        assertThat(time.millis() - before).isEqualTo(40);
    }

    @Test
    void knobsPersistInTheLabAndAreReloadedFromTheFile() throws IOException {
        OntapLab.setKnobs(dir, SimKnobs.NONE.withFaults(SimFault.failNth("GET /api/svm", 1, 500, "2", "boom")));
        assertThatThrownBy(() -> client.svms()).isInstanceOfSatisfying(OntapException.class,
                e -> assertThat(e.code()).isEqualTo("2"));
        assertThat(client.svms()).hasSize(1);
        assertThat(OntapLab.knobs(dir).faults()).hasSize(1);
    }
}
