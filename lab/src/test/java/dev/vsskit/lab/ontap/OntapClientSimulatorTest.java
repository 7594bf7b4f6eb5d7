package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.client.CgSnapshotInfo;
import dev.vsskit.ontap.client.ClusterInfo;
import dev.vsskit.ontap.client.ConsistencyGroupInfo;
import dev.vsskit.ontap.client.JobInfo;
import dev.vsskit.ontap.client.LunRecord;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.internal.RestTransport;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.PasswordSource;
import dev.vsskit.ontap.client.SnapshotChange;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;
import dev.vsskit.ontap.client.TlsTrust;
import dev.vsskit.ontap.client.VolumeInfo;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OntapClientSimulatorTest {

    @TempDir
    Path dir;

    ManualTime time = new ManualTime();
    LabOntap lab;
    OntapClient client;

    @BeforeEach
    void start() throws IOException {
        lab = LabOntap.start(dir, "9.13.1", time);
        client = lab.client();
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private String vol(String name) {
        return client.requireVolume(name).uuid();
    }

    @Test
    void clusterSvmsVolumesLunsMapsIgroupsShares() {
        ClusterInfo c = client.cluster();
        assertThat(c.name()).isEqualTo("cluster1");
        assertThat(c.version().toString()).isEqualTo("9.13.1");
        assertThat(c.version().hasTwoPhaseCgSnapshots()).isTrue();
        assertThat(client.svms()).extracting(s -> s.name()).containsExactly("svm1");
        assertThat(client.volumes()).extracting(VolumeInfo::name).containsExactly("hv_csv1", "hv_csv2", "hv_smb1");
        assertThat(client.volumes().get(0).svmName()).isEqualTo("svm1");
        List<LunRecord> luns = client.luns();
        assertThat(luns).extracting(LunRecord::name, LunRecord::serialNumber, LunRecord::volumeName)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/vol/hv_csv1/csv1_lun", "80D4nK+x3Qa1", "hv_csv1"),
                        org.assertj.core.groups.Tuple.tuple("/vol/hv_csv2/csv2_lun", "80D4nK+x3Qa2", "hv_csv2"));
        assertThat(luns.get(0).osType()).isEqualTo("hyper_v");
        assertThat(luns.get(0).mapped()).isTrue();
        assertThat(client.lunBySerial("80D4nK+x3Qa2")).map(LunRecord::name).contains("/vol/hv_csv2/csv2_lun");
        assertThat(client.lunBySerial("nosuchserial")).isEmpty();
        assertThat(client.lunMaps()).extracting(m -> m.lunName() + "@" + m.logicalUnitNumber())
                .containsExactly("/vol/hv_csv1/csv1_lun@0", "/vol/hv_csv2/csv2_lun@1");
        assertThat(client.igroups()).singleElement().satisfies(g -> {
            assertThat(g.osType()).isEqualTo("hyper_v");
            assertThat(g.initiators()).hasSize(1);
        });
        assertThat(client.cifsShares()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("hvshare");
            assertThat(s.volumeName()).isEqualTo("hv_smb1");
            assertThat(s.continuouslyAvailable()).isTrue();
            assertThat(client.cifsShare(s.svmUuid(), "hvshare")).isPresent();
            assertThat(client.cifsShare(s.svmUuid(), "nope")).isEmpty();
        });
    }

    @Test
    void pagingFollowsNextLinks() throws IOException {
        long before = lab.sim.calls();
        assertThat(client.volumes(1)).extracting(VolumeInfo::name).containsExactly("hv_csv1", "hv_csv2", "hv_smb1");
        assertThat(lab.sim.calls() - before).isEqualTo(3);
        var raw = lab.transport().collection("/api/storage/volumes",
                RestTransport.query("max_records", "2", "name", "hv_csv*"));
        assertThat(raw).extracting(n -> n.get("name").asText()).containsExactly("hv_csv1", "hv_csv2");
        assertThat(raw.get(0).has("state")).isFalse(); // default: key fields only
    }

    @Test
    void snapshotLifecycleThroughJobs() {
        String v = vol("hv_csv1");
        Instant expiry = Instant.parse("2026-11-24T11:00:00Z");
        SnapshotInfo s = client.createSnapshot(v, SnapshotSpec.named("vsskit_daily_1").withComment("first")
                .withLabel("daily").withExpiry(expiry), Duration.ZERO);
        assertThat(s.name()).isEqualTo("vsskit_daily_1");
        assertThat(s.comment()).isEqualTo("first");
        assertThat(s.snapmirrorLabel()).isEqualTo("daily");
        assertThat(s.expiryTime()).contains(expiry);
        assertThat(s.created()).isEqualTo(time.now());
        assertThat(s.state()).isEqualTo("valid");
        assertThat(client.snapshot(v, s.uuid()).name()).isEqualTo("vsskit_daily_1");

        client.modifySnapshot(v, s.uuid(), SnapshotChange.rename("vsskit_daily_renamed"));
        client.modifySnapshot(v, s.uuid(), SnapshotChange.comment("second"));
        client.modifySnapshot(v, s.uuid(), SnapshotChange.label("weekly"));
        SnapshotInfo after = client.snapshot(v, s.uuid());
        assertThat(after.name()).isEqualTo("vsskit_daily_renamed");
        assertThat(after.comment()).isEqualTo("second");
        assertThat(after.snapmirrorLabel()).isEqualTo("weekly");

        // expiry guards deletion until it passes
        assertThatThrownBy(() -> client.deleteSnapshot(v, s.uuid(), false))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.kind()).isEqualTo(OntapErrorKind.JOB_FAILED);
                    assertThat(e.code()).isEqualTo("1638555");
                });
        time.advance(Duration.ofHours(2).toMillis());
        client.deleteSnapshot(v, s.uuid(), false);
        assertThat(client.snapshots(v)).isEmpty();
        assertThat(lab.store("Volume1").snapshots()).isEmpty();
        // idempotent delete of a snapshot already gone
        client.deleteSnapshot(v, s.uuid(), true);
        assertThatThrownBy(() -> client.deleteSnapshot(v, s.uuid(), false))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.code()).isEqualTo("1638600");
                    assertThat(e.getMessage()).contains("does not exist");
                });
    }

    @Test
    void synchronousCreateWithReturnTimeoutAndListFields() {
        String v = vol("hv_csv2");
        client.postSnapshot(v, SnapshotSpec.named("a"), Duration.ofSeconds(5));
        client.postSnapshot(v, SnapshotSpec.named("b"), Duration.ZERO);
        assertThat(client.snapshots(v)).extracting(SnapshotInfo::name).containsExactly("a", "b");
        assertThat(client.snapshots(v, Map.of("name", "b"))).extracting(SnapshotInfo::name).containsExactly("b");
        assertThat(client.jobs()).hasSizeGreaterThanOrEqualTo(2).allMatch(j -> j.state().equals("success"));
    }

    @Test
    void jobsArePolledWhileRunningAndExpire300SecondsAfterTheyEnd() throws IOException {
        lab.sim.setKnobs(SimKnobs.NONE.withJobDelay(50));
        String v = vol("hv_csv1");
        // the job stays "running" for 50 ms of simulator time; the client's polling waits are the simulator's
        // clock, so the test is deterministic: each poll moves time on by exactly the client's pause
        List<Long> pauses = new ArrayList<>();
        OntapClient polling = lab.client(lab.connection(), millis -> {
            pauses.add(millis);
            time.advance(millis);
        });
        SnapshotInfo s = polling.createSnapshot(v, SnapshotSpec.named("polled"), Duration.ZERO);
        assertThat(pauses).as("the client polled the running job at least once").isNotEmpty();
        assertThat(s.name()).isEqualTo("polled");
        List<JobInfo> jobs = client.jobs();
        assertThat(jobs).isNotEmpty();
        JobInfo j = jobs.get(0);
        assertThat(client.job(j.uuid()).state()).isEqualTo("success");
        time.advance(301_000);
        assertThatThrownBy(() -> client.job(j.uuid())).isInstanceOfSatisfying(OntapException.class,
                e -> assertThat(e.httpStatus()).isEqualTo(404));
    }

    @Test
    void snapshotErrorsHaveCodesAndClearMessages() {
        String v = vol("hv_csv1");
        client.createSnapshot(v, SnapshotSpec.named("dup"), Duration.ofSeconds(5));
        assertThatThrownBy(() -> client.createSnapshot(v, SnapshotSpec.named("dup"), Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.code()).isEqualTo("525059");
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("already exists").contains("choose another name");
                });
        assertThatThrownBy(() -> client.createSnapshot(v, SnapshotSpec.named("bad/name"), Duration.ZERO))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.code()).isEqualTo("1638518");
                    assertThat(e.target()).isEqualTo("name");
                    assertThat(e.httpStatus()).isEqualTo(400);
                });
        assertThatThrownBy(() -> client.createSnapshot(v, SnapshotSpec.named("snapmirror.x"), Duration.ZERO))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("1638477"));
        assertThatThrownBy(() -> client.snapshots("00000000-0000-0000-0000-000000000000"))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(404);
                    assertThat(e.code()).isEqualTo("4");
                });
        assertThat(client.snapshots(v)).extracting(SnapshotInfo::name).containsExactly("dup");
    }

    @Test
    void snapshotLimitIs1023AndEnforced() throws IOException {
        assertThat(new SimState().snapshotLimit).isEqualTo(OntapSimulator.MAX_SNAPSHOTS).isEqualTo(1023);
        lab.close();
        SimState s = SimState.load(OntapLab.stateFile(dir));
        s.snapshotLimit = 2;
        s.save(OntapLab.stateFile(dir));
        lab = LabOntap.start(dir, "9.13.1", time);
        client = lab.client();
        String v = vol("hv_smb1");
        client.createSnapshot(v, SnapshotSpec.named("s1"), Duration.ZERO);
        client.createSnapshot(v, SnapshotSpec.named("s2"), Duration.ZERO);
        assertThatThrownBy(() -> client.createSnapshot(v, SnapshotSpec.named("s3"), Duration.ZERO))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.code()).isEqualTo("525062");
                    assertThat(e.getMessage()).contains("1023");
                });
    }

    @Test
    void cloneMakesParentSnapshotBusyAndShowsItsFiles() throws IOException {
        String v = vol("hv_csv1");
        byte[] before = Files.readAllBytes(dir.resolve("volumes/Volume1/data/sql01/Virtual Hard Disks/sql01.vhdx"));
        SnapshotInfo s = client.createSnapshot(v, SnapshotSpec.named("base"), Duration.ZERO);
        lab.store("Volume1").write("sql01/Virtual Hard Disks/sql01.vhdx", 0, new byte[1000]);
        VolumeInfo clone = client.createClone("svm1", "hv_csv1_clone", "hv_csv1", "base");
        assertThat(clone.flexClone()).isTrue();
        assertThat(clone.cloneParentVolume()).isEqualTo("hv_csv1");
        assertThat(clone.cloneParentSnapshot()).isEqualTo("base");
        assertThat(Files.readAllBytes(dir.resolve("ontap/clones/hv_csv1_clone/data/sql01/Virtual Hard Disks/sql01.vhdx")))
                .isEqualTo(before);
        assertThat(client.snapshot(v, s.uuid()).owners()).containsExactly("volume_clone");
        assertThatThrownBy(() -> client.deleteSnapshot(v, s.uuid(), false))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.code()).isEqualTo("1638543");
                    assertThat(e.getMessage()).contains("busy");
                });
        assertThatThrownBy(() -> client.createClone("svm1", "hv_csv1_clone", "hv_csv1", "base"))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("917526"));
        client.deleteVolume(clone.uuid());
        assertThat(Files.exists(dir.resolve("ontap/clones/hv_csv1_clone"))).isFalse();
        client.deleteSnapshot(v, s.uuid(), false);
        assertThat(client.snapshots(v)).isEmpty();
        assertThatThrownBy(() -> client.deleteVolume(v)).isInstanceOfSatisfying(OntapException.class,
                e -> assertThat(e.getMessage()).contains("holds lab data"));
    }

    @Test
    void volumeAndFileRestoreAreByteExact() throws IOException {
        String v = vol("hv_csv1");
        CowVolumeStore store = lab.store("Volume1");
        String sql = "sql01/Virtual Hard Disks/sql01.vhdx";
        String web = "web01/Virtual Hard Disks/web01.vhdx";
        byte[] sqlBefore = store.readLive(sql);
        byte[] webBefore = store.readLive(web);
        client.createSnapshot(v, SnapshotSpec.named("before"), Duration.ZERO);
        store.write(sql, 5, new byte[70_000]);
        store.write(web, 5, new byte[70_000]);
        client.createSnapshot(v, SnapshotSpec.named("newer"), Duration.ZERO);

        client.restoreFile(v, "before", "/" + sql, "/" + sql);
        assertThat(store.readLive(sql)).isEqualTo(sqlBefore);
        assertThat(store.readLive(web)).isNotEqualTo(webBefore);
        assertThatThrownBy(() -> client.restoreFile(v, "before", "/nope.vhdx", "/nope.vhdx"))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("542797"));

        client.restoreVolume(v, "before");
        assertThat(store.readLive(web)).isEqualTo(webBefore);
        assertThat(client.snapshots(v)).extracting(SnapshotInfo::name).containsExactly("before");
        assertThatThrownBy(() -> client.restoreVolume(v, "gone"))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("1638600"));
    }

    @Test
    void consistencyGroupOneAndTwoPhaseSnapshots() throws IOException {
        ConsistencyGroupInfo cg = client.createConsistencyGroup("svm1", "vsskit_cg", List.of("hv_csv1", "hv_csv2"));
        assertThat(cg.volumes()).extracting(ConsistencyGroupInfo.VolumeRef::name).containsExactly("hv_csv1", "hv_csv2");
        assertThatThrownBy(() -> client.createConsistencyGroup("svm1", "other", List.of("hv_csv1")))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("53411865"));

        CgSnapshotInfo one = client.createCgSnapshot(cg.uuid(), SnapshotSpec.named("cg1"), Duration.ofSeconds(5));
        assertThat(one.members()).extracting(CgSnapshotInfo.Member::volumeName).containsExactly("hv_csv1", "hv_csv2");
        assertThat(client.snapshotByName(vol("hv_csv2"), "cg1")).map(SnapshotInfo::state).contains("valid");

        String started = client.startCgSnapshot(cg.uuid(), SnapshotSpec.named("cg2"), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        assertThat(client.snapshotByName(vol("hv_csv1"), "cg2")).isEmpty(); // taken at commit
        // the volume is fenced until the commit
        String member = client.snapshotByName(vol("hv_csv1"), "cg1").orElseThrow().uuid();
        assertThatThrownBy(() -> client.deleteSnapshot(vol("hv_csv1"), member, false))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("524481"));
        client.commitCgSnapshot(cg.uuid(), started, Duration.ofSeconds(5));
        assertThat(client.snapshotByName(vol("hv_csv1"), "cg2")).map(SnapshotInfo::state).contains("valid");
        assertThatThrownBy(() -> client.commitCgSnapshot(cg.uuid(), started, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(OntapException.class, e -> assertThat(e.code()).isEqualTo("53411925"));

        // a commit after the write-fence timeout finds nothing: the started snapshot is gone everywhere
        String late = client.startCgSnapshot(cg.uuid(), SnapshotSpec.named("cg3"), Duration.ofSeconds(7),
                Duration.ofSeconds(5));
        time.advance(7_001);
        assertThatThrownBy(() -> client.commitCgSnapshot(cg.uuid(), late, Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(OntapException.class, e -> {
                    assertThat(e.code()).isEqualTo("53411925");
                    assertThat(e.getMessage()).contains("write-fence timeout");
                });
        assertThat(client.snapshotByName(vol("hv_csv1"), "cg3")).isEmpty();
        assertThat(client.cgSnapshots(cg.uuid())).extracting(CgSnapshotInfo::name).containsExactly("cg1", "cg2");

        client.deleteCgSnapshot(cg.uuid(), one.uuid(), false);
        assertThat(client.snapshotByName(vol("hv_csv2"), "cg1")).isEmpty();
        client.deleteConsistencyGroup(cg.uuid());
        assertThat(client.consistencyGroups()).isEmpty();
    }

    @Test
    void version98HasNoConsistencyGroups() throws IOException {
        lab.sim.setVersion("9.8.0");
        assertThat(client.cluster().version().hasConsistencyGroups()).isFalse();
        assertThatThrownBy(() -> client.consistencyGroups()).isInstanceOfSatisfying(OntapException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.getMessage()).contains("9.10");
        });
    }

    @Test
    void wrongPasswordIs401WithoutLeakingIt() throws IOException {
        Path cred = dir.resolve("wrong-cred");
        OntapLab.writePrivate(cred, "password=not-the-password-123\n");
        OntapConnection c = OntapConnection.of(lab.sim.address(), "vsskit", new PasswordSource.CredentialFile(cred),
                new TlsTrust.PinnedCertificate(OntapLab.certificateSha256(dir)));
        assertThatThrownBy(() -> lab.client(c).cluster()).isInstanceOfSatisfying(OntapException.class, e -> {
            assertThat(e.kind()).isEqualTo(OntapErrorKind.AUTHENTICATION);
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.getMessage()).doesNotContain("not-the-password-123");
        });
        assertThat(c.toString()).doesNotContain("not-the-password-123");
    }

    @Test
    void credentialFileReadableByOthersIsRefused() throws IOException {
        Path cred = dir.resolve("open-cred");
        Files.writeString(cred, "password=x\n");
        Files.setPosixFilePermissions(cred, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        OntapConnection c = OntapConnection.of(lab.sim.address(), "vsskit", new PasswordSource.CredentialFile(cred),
                new TlsTrust.PinnedCertificate(OntapLab.certificateSha256(dir)));
        assertThatThrownBy(() -> lab.client(c).cluster()).hasMessageContaining("chmod 600");
    }

    @Test
    void tlsPinCaSystemAndInsecure() throws IOException {
        PasswordSource pw = new PasswordSource.CredentialFile(OntapLab.credentialsFile(dir));
        URI a = lab.sim.address();
        OntapConnection wrongPin = OntapConnection.of(a, "vsskit", pw, new TlsTrust.PinnedCertificate("00".repeat(32)));
        assertThatThrownBy(() -> lab.client(wrongPin).cluster()).isInstanceOfSatisfying(OntapException.class,
                e -> assertThat(e.kind()).isEqualTo(OntapErrorKind.TLS));
        OntapConnection system = OntapConnection.of(a, "vsskit", pw, new TlsTrust.SystemTrustStore());
        assertThatThrownBy(() -> lab.client(system).cluster()).isInstanceOfSatisfying(OntapException.class,
                e -> assertThat(e.kind()).isEqualTo(OntapErrorKind.TLS));
        OntapConnection ca = OntapConnection.of(a, "vsskit", pw,
                new TlsTrust.CaCertificate(dir.resolve("ontap/tls/server.crt")));
        assertThat(lab.client(ca).cluster().name()).isEqualTo("cluster1");
        OntapConnection insecure = OntapConnection.of(a, "vsskit", pw, new TlsTrust.Insecure());
        assertThat(lab.client(insecure).cluster().name()).isEqualTo("cluster1");
        assertThat(lab.warnings).anyMatch(w -> w.contains("verification is OFF"));
    }

    @Test
    void connectionRefusedIsToldApart() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        OntapConnection c = OntapLab.connection(dir, URI.create("https://127.0.0.1:" + port))
                .withRetry(new dev.vsskit.ontap.client.RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1)));
        assertThatThrownBy(() -> lab.client(c).cluster()).isInstanceOfSatisfying(OntapException.class, e -> {
            assertThat(e.kind()).isEqualTo(OntapErrorKind.CONNECTION_REFUSED);
            assertThat(e.getMessage()).contains("connection refused");
        });
        assertThat(lab.retries).hasSize(1);
    }
}
