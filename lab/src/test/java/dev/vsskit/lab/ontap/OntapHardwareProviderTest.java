package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.eventlog.EventSink;
import dev.vsskit.ontap.LunIds;
import dev.vsskit.ontap.OntapHardwareProvider;
import dev.vsskit.ontap.SnapshotNames;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider driven in VSS's documented call order against the simulator. */
class OntapHardwareProviderTest {

    @TempDir
    Path dir;

    final ManualTime time = new ManualTime();
    final List<ClassicEvent> events = Collections.synchronizedList(new ArrayList<>());
    final EventSink sink = events::add;
    LabOntap lab;
    OntapClient client;
    OntapHardwareProvider provider;

    private void start(String version, int extraVolumes) throws IOException {
        OntapLab.init(dir, version, false);
        for (int i = 1; i <= extraVolumes; i++) {
            OntapLab.addVolume(dir, new OntapLab.VolumeSeed(String.format("bench_v%02d", i),
                    String.format("bench%02d", i), String.format("/vol/bench_v%02d/lun", i), serial(i)));
        }
        lab = LabOntap.start(dir, version, time);
        client = lab.client();
        provider = newProvider();
    }

    private OntapHardwareProvider newProvider() {
        return new OntapHardwareProvider(client, sink, OntapHardwareProvider.Options.defaults("HV-LAB-01.lab.local")
                .withClock(time::now).withStateFile(dir.resolve("ontap-provider.json")));
    }

    static String serial(int i) {
        return String.format("BENCHlun%04d", i);
    }

    @AfterEach
    void stop() {
        if (provider != null) {
            provider.close();
        }
        lab.close();
    }

    static VolumeTarget lunVolume(String path, String serial) {
        return new VolumeTarget(path, "\\\\?\\Volume{" + java.util.UUID.nameUUIDFromBytes(path.getBytes()) + "}\\",
                List.of(new LunInfo("NETAPP", "LUN C-Mode", serial, LunIds.naaFromSerial(serial))), Optional.empty());
    }

    static List<VolumeTarget> benchVolumes(int n) {
        List<VolumeTarget> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(lunVolume("C:\\ClusterStorage\\Bench" + i + "\\", serial(i)));
        }
        return out;
    }

    static final VolumeTarget CSV1 = lunVolume("C:\\ClusterStorage\\Volume1\\", "80D4nK+x3Qa1");
    static final VolumeTarget CSV2 = lunVolume("C:\\ClusterStorage\\Volume2\\", "80D4nK+x3Qa2");

    /** What the coordinator does: the provider calls in order, AbortSnapshots on any failure. */
    private List<VssId> snapshotSet(VssId set, List<VolumeTarget> volumes) {
        List<VssId> ids = new ArrayList<>();
        try {
            for (VolumeTarget v : volumes) {
                assertThat(provider.isSupported(v, SnapshotContext.BACKUP)).as(v.path()).isTrue();
            }
            for (VolumeTarget v : volumes) {
                VssId id = VssId.random();
                ids.add(id);
                provider.beginPrepareSnapshot(set, id, v, SnapshotContext.BACKUP);
            }
            provider.endPrepareSnapshots(set);
            provider.preCommitSnapshots(set);
            provider.commitSnapshots(set);
            provider.postCommitSnapshots(set, ids.size());
            provider.preFinalCommitSnapshots(set);
            provider.postFinalCommitSnapshots(set);
            return ids;
        } catch (RuntimeException e) {
            provider.abortSnapshots(set);
            throw e;
        }
    }

    private List<String> snapshotsEverywhere() {
        List<String> out = new ArrayList<>();
        for (VolumeInfo v : client.volumes()) {
            client.snapshots(v.uuid()).forEach(s -> out.add(v.name() + ":" + s.name()));
        }
        return out;
    }

    private ClassicEvent onlyEvent() {
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void oneVolume() throws IOException {
        start("9.13.1", 0);
        VssId set = VssId.random();
        List<VssId> ids = snapshotSet(set, List.of(CSV1));
        String name = SnapshotNames.of("vsskit_vss", set);
        assertThat(snapshotsEverywhere()).containsExactly("hv_csv1:" + name);
        ClassicEvent e = onlyEvent();
        assertThat(e.source()).isEqualTo("Navssprv");
        assertThat(e.channel()).isEqualTo("Application");
        assertThat(e.eventId()).isEqualTo(4089);
        assertThat(e.level()).isEqualTo(ClassicEvent.LEVEL_INFORMATION);
        assertThat(e.computer()).isEqualTo("HV-LAB-01.lab.local");
        assertThat(e.insertionStrings()).containsExactly(set.toString(), "0"); // the fake clock did not move
        assertThat(provider.shadowDeviceName(ids.get(0))).startsWith("\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy");
        assertThat(client.consistencyGroups()).isEmpty();

        // another process (a fresh provider on the same state file) deletes it
        provider.close();
        provider = newProvider();
        provider.deleteSnapshot(ids.get(0));
        assertThat(snapshotsEverywhere()).isEmpty();
        assertThatThrownBy(() -> provider.deleteSnapshot(ids.get(0))).isInstanceOfSatisfying(VssException.class,
                x -> assertThat(x.hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND));
    }

    @Test
    void twoVolumesTakeTheTwoPhaseConsistencyGroupPath() throws IOException {
        start("9.13.1", 0);
        lab.sim.setKnobs(SimKnobs.NONE.withLatency(20));
        VssId set = VssId.random();
        snapshotSet(set, List.of(CSV1, CSV2));
        String name = SnapshotNames.of("vsskit_vss", set);
        assertThat(snapshotsEverywhere()).containsExactlyInAnyOrder("hv_csv1:" + name, "hv_csv2:" + name);
        assertThat(client.consistencyGroups()).singleElement().satisfies(cg ->
                assertThat(client.cgSnapshots(cg.uuid())).extracting(s -> s.name()).containsExactly(name));
        // commit was one call: the PATCH action=commit, 20 ms of added latency
        assertThat(onlyEvent().insertionStrings()).containsExactly(set.toString(), "20");
    }

    @Test
    void twoVolumesOn98TakeThePerVolumePath() throws IOException {
        start("9.8.0", 0);
        VssId set = VssId.random();
        snapshotSet(set, List.of(CSV1, CSV2));
        String name = SnapshotNames.of("vsskit_vss", set);
        assertThat(snapshotsEverywhere()).containsExactlyInAnyOrder("hv_csv1:" + name, "hv_csv2:" + name);
        assertThat(onlyEvent().eventId()).isEqualTo(4089);
    }

    @Test
    void sixteenVolumesBothPaths() throws IOException {
        start("9.13.1", 16);
        VssId cgSet = VssId.random();
        snapshotSet(cgSet, benchVolumes(16));
        assertThat(snapshotsEverywhere()).hasSize(16).allMatch(s -> s.endsWith(cgSet.uuid().toString()));
        assertThat(client.consistencyGroups()).singleElement().satisfies(cg -> assertThat(cg.volumes()).hasSize(16));

        lab.sim.setVersion("9.8.0");
        provider.close();
        provider = newProvider();
        VssId perVolume = VssId.random();
        snapshotSet(perVolume, benchVolumes(16));
        assertThat(snapshotsEverywhere()).hasSize(32);
        assertThat(events).extracting(ClassicEvent::eventId).containsExactly(4089, 4089);
    }

    @Test
    void commitSlowerThan10SecondsLogs4364AbortsAndLeavesNothing() throws IOException {
        start("9.13.1", 0);
        for (String version : List.of("9.13.1", "9.8.0")) {
            lab.sim.setVersion(version);
            provider.close();
            provider = newProvider();
            events.clear();
            lab.sim.setKnobs(SimKnobs.NONE);
            VssId set = VssId.random();
            for (VolumeTarget v : List.of(CSV1, CSV2)) {
                provider.isSupported(v, SnapshotContext.BACKUP);
                provider.beginPrepareSnapshot(set, VssId.random(), v, SnapshotContext.BACKUP);
            }
            provider.endPrepareSnapshots(set);
            provider.preCommitSnapshots(set);
            lab.sim.setKnobs(SimKnobs.NONE.withLatency(11_000)); // every call now takes 11 s of simulator time
            assertThatThrownBy(() -> provider.commitSnapshots(set)).as(version)
                    .isInstanceOfSatisfying(VssException.class, e -> {
                        assertThat(e.hresult()).isEqualTo(HResult.VSS_E_HOLD_WRITES_TIMEOUT);
                        assertThat(e.getMessage()).contains("event 4364");
                    });
            provider.abortSnapshots(set);
            lab.sim.setKnobs(SimKnobs.NONE);
            assertThat(snapshotsEverywhere()).as(version).isEmpty();
            ClassicEvent e = onlyEvent();
            assertThat(e.eventId()).isEqualTo(4364);
            assertThat(e.level()).isEqualTo(ClassicEvent.LEVEL_WARNING);
            assertThat(e.insertionStrings().get(0)).isEqualTo(set.toString());
            assertThat(Long.parseLong(e.insertionStrings().get(1))).isGreaterThan(10_000);
        }
    }

    @Test
    void commitFailureOnOneVolumeIsVetoedAndAbortLeavesNothing() throws IOException {
        start("9.8.0", 0);
        String v2 = client.requireVolume("hv_csv2").uuid();
        lab.sim.setKnobs(SimKnobs.NONE.withFaults(
                SimFault.failNth("POST /api/storage/volumes/" + v2 + "/snapshots", 1, 500, "1638537",
                        "Cannot determine status of the create.")));
        VssId set = VssId.random();
        assertThatThrownBy(() -> snapshotSet(set, List.of(CSV1, CSV2))).isInstanceOfSatisfying(VssException.class,
                e -> {
                    assertThat(e.hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
                    assertThat(e.getMessage()).contains("1638537");
                });
        assertThat(snapshotsEverywhere()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void resetDuringCommitCreateIsRetriedWithoutDuplicate() throws IOException {
        start("9.8.0", 0);
        lab.sim.setKnobs(SimKnobs.NONE.withFaults(SimFault.resetNth("POST /snapshots", 1, true),
                SimFault.failNth("POST /snapshots", 2, 503, "", "")));
        VssId set = VssId.random();
        snapshotSet(set, List.of(CSV1, CSV2));
        assertThat(snapshotsEverywhere()).hasSize(2);
        assertThat(onlyEvent().eventId()).isEqualTo(4089);
    }

    @Test
    void abortAfterTwoPhaseStartRemovesTheStartedSnapshot() throws IOException {
        start("9.13.1", 0);
        VssId set = VssId.random();
        for (VolumeTarget v : List.of(CSV1, CSV2)) {
            provider.isSupported(v, SnapshotContext.BACKUP);
            provider.beginPrepareSnapshot(set, VssId.random(), v, SnapshotContext.BACKUP);
        }
        provider.endPrepareSnapshots(set);
        provider.preCommitSnapshots(set);
        String cg = client.consistencyGroups().get(0).uuid();
        assertThat(client.cgSnapshots(cg)).hasSize(1);
        provider.abortSnapshots(set);
        assertThat(client.cgSnapshots(cg)).isEmpty();
        assertThat(snapshotsEverywhere()).isEmpty();
        provider.abortSnapshots(set); // again, and for a set it never knew: no error
        provider.abortSnapshots(VssId.random());
    }

    @Test
    void supportIsDecidedByTheLunsOnTheCluster() throws IOException {
        start("9.13.1", 0);
        assertThat(provider.isSupported(CSV1, SnapshotContext.BACKUP)).isTrue();
        VolumeTarget byNaaOnly = new VolumeTarget("E:\\", "\\\\?\\Volume{1}\\", List.of(new LunInfo("NETAPP",
                "LUN C-Mode", "", LunIds.naaFromSerial("80D4nK+x3Qa2"))), Optional.empty());
        assertThat(provider.isSupported(byNaaOnly, SnapshotContext.BACKUP)).isTrue();
        assertThat(provider.isSupported(lunVolume("F:\\", "UNKNOWNSER12"), SnapshotContext.BACKUP)).isFalse();
        VolumeTarget otherVendor = new VolumeTarget("G:\\", "\\\\?\\Volume{2}\\",
                List.of(new LunInfo("DGC", "VRAID", "80D4nK+x3Qa1", "")), Optional.empty());
        assertThat(provider.isSupported(otherVendor, SnapshotContext.BACKUP)).isFalse();
        VolumeTarget mixed = new VolumeTarget("H:\\", "\\\\?\\Volume{3}\\", List.of(CSV1.luns().get(0),
                CSV2.luns().get(0)), Optional.empty());
        assertThat(provider.isSupported(mixed, SnapshotContext.BACKUP)).as("LUNs of two volumes").isFalse();
        VolumeTarget share = new VolumeTarget("\\\\svm1\\hvshare\\", "\\\\svm1\\hvshare\\", List.of(),
                Optional.of("\\\\svm1\\hvshare\\"));
        assertThat(provider.isSupported(share, SnapshotContext.FILE_SHARE_BACKUP)).isFalse();
        lab.sim.close();
        assertThat(provider.isSupported(CSV2, SnapshotContext.BACKUP)).as("cluster unreachable").isFalse();
    }

    @Test
    void manyVolumesAreDecidedFromOneInventoryWithTheAnswersOfOneCallEach() throws IOException {
        start("9.13.1", 40);
        List<VolumeTarget> volumes = new ArrayList<>(benchVolumes(40));
        VolumeTarget byNaaOnly = new VolumeTarget("E:\\", "\\\\?\\Volume{1}\\", List.of(new LunInfo("NETAPP",
                "LUN C-Mode", "", LunIds.naaFromSerial("80D4nK+x3Qa2"))), Optional.empty());
        VolumeTarget otherVendor = new VolumeTarget("G:\\", "\\\\?\\Volume{2}\\",
                List.of(new LunInfo("DGC", "VRAID", "80D4nK+x3Qa1", "")), Optional.empty());
        VolumeTarget mixed = new VolumeTarget("H:\\", "\\\\?\\Volume{3}\\", List.of(CSV1.luns().get(0),
                CSV2.luns().get(0)), Optional.empty());
        VolumeTarget share = new VolumeTarget("\\\\svm1\\hvshare\\", "\\\\svm1\\hvshare\\", List.of(),
                Optional.of("\\\\svm1\\hvshare\\"));
        volumes.addAll(List.of(CSV1, byNaaOnly, lunVolume("F:\\", "UNKNOWNSER12"), otherVendor, mixed, share));
        List<Boolean> one = new ArrayList<>();
        for (VolumeTarget v : volumes) {
            one.add(provider.isSupported(v, SnapshotContext.BACKUP));
        }
        assertThat(one).containsSequence(true, true, false, false, false, false).filteredOn(b -> b).hasSize(42);

        try (OntapHardwareProvider fresh = newProvider()) {
            long before = lab.sim.calls();
            assertThat(fresh.areSupported(volumes, SnapshotContext.BACKUP)).isEqualTo(one);
            assertThat(lab.sim.calls() - before).as("one LUN and one volume query, not two per volume").isEqualTo(2);
            lab.sim.close();
            assertThat(fresh.areSupported(List.of(CSV1, CSV2), SnapshotContext.BACKUP)).as("cluster unreachable")
                    .containsExactly(false, false);
        }
    }

    @Test
    void existingNameIsRefusedAtEndPrepare() throws IOException {
        start("9.13.1", 0);
        VssId set = VssId.random();
        String name = SnapshotNames.of("vsskit_vss", set);
        client.createSnapshot(client.requireVolume("hv_csv1").uuid(), dev.vsskit.ontap.client.SnapshotSpec.named(name),
                java.time.Duration.ZERO);
        assertThatThrownBy(() -> snapshotSet(set, List.of(CSV1, CSV2))).isInstanceOfSatisfying(VssException.class,
                e -> assertThat(e.hresult()).isEqualTo(HResult.VSS_E_OBJECT_ALREADY_EXISTS));
        assertThat(snapshotsEverywhere()).containsExactly("hv_csv1:" + name); // the other copy stays
    }
}
