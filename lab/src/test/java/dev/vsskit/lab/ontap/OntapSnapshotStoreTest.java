package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.OntapSnapshotStore;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.vss.store.FileRestore;
import dev.vsskit.vss.store.StorageSnapshot;
import dev.vsskit.vss.store.StorageVolume;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OntapSnapshotStoreTest {

    @TempDir
    Path dir;

    ManualTime time = new ManualTime();
    LabOntap lab;
    OntapClient client;
    OntapSnapshotStore store;

    private void start(String version) throws IOException {
        lab = LabOntap.start(dir, version, time);
        client = lab.client();
        store = new OntapSnapshotStore(client, OntapLab.snapshotFileAccess(dir));
    }

    @AfterEach
    void stop() {
        store.close();
        lab.close();
    }

    private static final String SQL = "sql01/Virtual Hard Disks/sql01.vhdx";

    @Test
    void multiVolumeSnapshotUsesAConsistencyGroupOn913() throws IOException {
        start("9.13.1");
        assertThat(store.describe()).startsWith("ONTAP 9.13.1 cluster cluster1 (https://127.0.0.1:");
        assertThat(store.volumes()).extracting(StorageVolume::name).containsExactly("hv_csv1", "hv_csv2", "hv_smb1");
        CowVolumeStore v1 = lab.store("Volume1");
        byte[] before = v1.readLive(SQL);
        List<StorageSnapshot> made = store.createSnapshots(List.of("hv_csv1", "hv_csv2"), "bk1", "vsskit backup bk1");
        assertThat(made).extracting(StorageSnapshot::volume).containsExactly("hv_csv1", "hv_csv2");
        assertThat(made).allMatch(s -> s.name().equals("bk1") && s.comment().equals("vsskit backup bk1"));
        assertThat(client.consistencyGroups()).singleElement().satisfies(cg ->
                assertThat(cg.name()).startsWith("vsskit_cg_"));
        assertThat(client.cgSnapshots(client.consistencyGroups().get(0).uuid())).hasSize(1);

        v1.write(SQL, 0, new byte[100_000]);
        try (var in = store.openSnapshotFile("hv_csv1", "bk1", SQL)) {
            assertThat(in.readAllBytes()).isEqualTo(before);
        }
        store.restoreFiles("hv_csv1", "bk1", List.of(new FileRestore(SQL, SQL)));
        assertThat(v1.readLive(SQL)).isEqualTo(before);

        // a second set reuses the group
        store.createSnapshots(List.of("hv_csv2", "hv_csv1"), "bk2", "vsskit backup bk2");
        assertThat(client.consistencyGroups()).hasSize(1);
        assertThat(store.snapshots("hv_csv2")).extracting(StorageSnapshot::name).containsExactly("bk1", "bk2");
    }

    @Test
    void perVolumeSnapshotsOn98AndRestoreCloneDelete() throws IOException {
        start("9.8.0");
        CowVolumeStore v1 = lab.store("Volume1");
        byte[] before = v1.readLive(SQL);
        store.createSnapshots(List.of("hv_csv1", "hv_csv2", "hv_smb1"), "nightly", "vsskit backup nightly");
        assertThat(store.snapshots("hv_smb1")).extracting(StorageSnapshot::name).containsExactly("nightly");
        v1.write(SQL, 10, new byte[] {1, 2, 3});
        v1.create("new.txt", new byte[] {7});
        store.restoreVolume("hv_csv1", "nightly");
        assertThat(v1.readLive(SQL)).isEqualTo(before);
        assertThat(v1.liveFiles()).doesNotContain("new.txt");

        String clone = store.cloneVolume("hv_csv1", "nightly", "hv_csv1_inspect");
        assertThat(Files.readAllBytes(dir.resolve("ontap/clones/hv_csv1_inspect/data").resolve(SQL))).isEqualTo(before);
        assertThatThrownBy(() -> store.deleteSnapshot("hv_csv1", "nightly")).isInstanceOf(OntapException.class)
                .hasMessageContaining("busy");
        assertThatThrownBy(() -> store.deleteClone("hv_csv1")).hasMessageContaining("not a FlexClone");
        store.deleteClone(clone);
        store.deleteSnapshot("hv_csv1", "nightly");
        assertThat(store.snapshots("hv_csv1")).isEmpty();
    }

    @Test
    void failureOnOneVolumeLeavesNoSnapshotAnywhere() throws IOException {
        start("9.8.0");
        String v2 = client.requireVolume("hv_csv2").uuid();
        lab.sim.setKnobs(SimKnobs.NONE.withFaults(SimFault.failNth("POST /api/storage/volumes/" + v2 + "/snapshots", 1,
                500, "524479", "The volume is not online or lacks space")));
        assertThatThrownBy(() -> store.createSnapshots(List.of("hv_csv1", "hv_csv2", "hv_smb1"), "torn", "vsskit backup torn"))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("524479"));
        for (String v : List.of("hv_csv1", "hv_csv2", "hv_smb1")) {
            assertThat(store.snapshots(v)).as(v).isEmpty();
        }
        assertThat(lab.store("Volume1").snapshots()).isEmpty();
    }

    @Test
    void takenNameIsRefusedAndTheOtherCopyIsLeftAlone() throws IOException {
        start("9.13.1");
        store.createSnapshots(List.of("hv_csv2"), "mine", "made by hand");
        assertThatThrownBy(() -> store.createSnapshots(List.of("hv_csv1", "hv_csv2"), "mine", "vsskit backup mine"))
                .hasMessageContaining("already exists on hv_csv2");
        assertThat(store.snapshots("hv_csv2")).extracting(StorageSnapshot::comment).containsExactly("made by hand");
        assertThat(store.snapshots("hv_csv1")).isEmpty();
        assertThatThrownBy(() -> store.createSnapshots(List.of("hv_nope"), "x", "c"))
                .hasMessageContaining("no ONTAP volume named hv_nope");
        assertThatThrownBy(() -> store.createSnapshots(List.of("hv_csv1"), "bad/name", "c"))
                .hasMessageContaining("invalid Snapshot copy name");
    }

    @Test
    void snapshotsOfOneVolumeListWithTimes() throws IOException {
        start("9.13.1");
        store.createSnapshots(List.of("hv_csv1"), "one", "vsskit backup one");
        SnapshotInfo s = client.snapshotByName(client.requireVolume("hv_csv1").uuid(), "one").orElseThrow();
        assertThat(store.snapshots("hv_csv1")).singleElement().satisfies(x -> {
            assertThat(x.uuid()).isEqualTo(s.uuid());
            assertThat(x.created()).isEqualTo(time.now());
        });
        assertThat(client.consistencyGroups()).isEmpty(); // one volume needs no group
    }
}
