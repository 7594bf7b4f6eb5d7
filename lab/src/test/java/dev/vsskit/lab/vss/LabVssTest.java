package dev.vsskit.lab.vss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.lab.vss.internal.LabVolumes;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.coordinator.ManualClock;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.SnapshotSetResult;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabVssTest {

    @TempDir
    static Path tmp;
    private static Path template;
    private Path lab;
    private LabHost host;
    private final ManualClock clock = new ManualClock();
    private static int labs;

    @BeforeAll
    static void initOnce() {
        template = LabInit.create(tmp.resolve("template"), false).dir();
    }

    @BeforeEach
    void freshLab() throws Exception {
        lab = tmp.resolve("lab" + (++labs));
        try (Stream<Path> walk = Files.walk(template)) {
            for (Path p : walk.toList()) {
                Path t = lab.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        host = LabHost.open(lab);
    }

    /** The lab's own Microsoft providers only: these tests are about them, not the ONTAP-backed ones. */
    private VssCoordinator coordinator() {
        return LabVss.coordinator(host, clock, java.util.List.of(), false);
    }

    private LabVm vm(String name) {
        return host.config().vm(name).orElseThrow();
    }

    private CowVolumeStore store(String key) {
        return CowVolumeStore.open(lab.resolve("volumes").resolve(key));
    }

    /** A backup of the named VMs; returns the result, or throws the set's failure. */
    private SnapshotSetResult backup(VssCoordinator c, String... vms) {
        try (BackupSession s = c.openBackupSession()) {
            s.initializeForBackup();
            List<WriterMetadata> md = s.gatherWriterMetadata();
            WriterMetadata hv = md.stream().filter(m -> m.name().equals(HyperVWriter.NAME)).findFirst().orElseThrow();
            for (String name : vms) {
                s.addComponent(hv.instanceId(), hv.writerId(), "", vm(name).id().toString());
            }
            s.startSnapshotSet();
            java.util.Set<String> added = new java.util.HashSet<>();
            for (String name : vms) {
                String volume = host.config().volume(vm(name).volume()).orElseThrow().path();
                if (added.add(volume)) {
                    s.addToSnapshotSet(volume, VssId.NULL);
                }
            }
            s.prepareForBackup();
            SnapshotSetResult r = s.doSnapshotSet();
            s.backupComplete();
            return r;
        }
    }

    private void assertNothingLeft() {
        for (String key : List.of("C", "Volume1", "Volume2", "hvshare")) {
            assertThat(store(key).snapshots()).as("snapshots on " + key).isEmpty();
        }
        assertThat(host.shadows()).isEmpty();
        assertThat(lab.resolve(LabSetGate.FILE)).doesNotExist();
    }

    @Test
    void hyperVWriterHasOneComponentPerVmWithItsFilesAndBackupMethod() {
        try (BackupSession s = coordinator().openBackupSession()) {
            s.initializeForBackup();
            WriterMetadata hv = s.gatherWriterMetadata().stream().filter(m -> m.name().equals(HyperVWriter.NAME))
                    .findFirst().orElseThrow();
            assertThat(hv.components()).extracting(WriterComponent::caption)
                    .containsExactlyInAnyOrder("sql01", "web01", "app01", "file01");
            WriterComponent sql = hv.components().stream().filter(c -> c.caption().equals("sql01")).findFirst().orElseThrow();
            assertThat(sql.name()).isEqualTo(vm("sql01").id().toString());
            assertThat(sql.backupMethod()).isEqualTo("Online");
            assertThat(sql.files()).containsExactly(
                    "C:\\ClusterStorage\\Volume1\\sql01\\Virtual Hard Disks\\sql01.vhdx",
                    "C:\\ClusterStorage\\Volume1\\sql01\\Virtual Machines\\" + vm("sql01").id().toString().toUpperCase()
                            .replace("{", "").replace("}", "") + ".vmcx");
        }
    }

    @Test
    void copyOnWriteShadowKeepsOldBytesAfterTheLiveVhdxIsRewrittenInPlace() throws Exception {
        String vhdx = vm("web01").vhdx();
        CowVolumeStore volume1 = store("Volume1");
        byte[] before = volume1.readLive(vhdx);
        long snapshotBytesBefore = folderSize(lab.resolve("volumes/Volume1/snapshots"));
        Shadow shadow = backupPersistent("C:\\ClusterStorage\\Volume1\\");
        // Creating the shadow copied no data: far less than one VHDX was written under snapshots/.
        assertThat(folderSize(lab.resolve("volumes/Volume1/snapshots")) - snapshotBytesBefore)
                .isLessThan(before.length / 8);
        byte[] junk = new byte[3 * CowVolumeStore.BLOCK_SIZE];
        Arrays.fill(junk, (byte) 0x5A);
        volume1.write(vhdx, CowVolumeStore.BLOCK_SIZE, junk);
        assertThat(volume1.readLive(vhdx)).isNotEqualTo(before);
        String snapId = LabVolumes.storeSnapshotId(shadow.shadowId());
        byte[] fromShadow = CowVolumeStore.readAll(volume1.openSnapshotFile(snapId, vhdx));
        assertThat(fromShadow).isEqualTo(before);
    }

    private Shadow backupPersistent(String volume) {
        try (BackupSession s = coordinator().openBackupSession()) {
            s.initializeForBackup();
            s.setContext(SnapshotContext.CLIENT_ACCESSIBLE);
            s.startSnapshotSet();
            s.addToSnapshotSet(volume, VssId.NULL);
            return s.doSnapshotSet().shadows().get(0);
        }
    }

    @Test
    void persistentShadowsOutliveTheHostObjectAndDeleteCleanly() {
        Shadow shadow = backupPersistent("C:");
        assertThat(shadow.providerName()).isEqualTo("Microsoft Software Shadow Copy provider 1.0");
        assertThat(shadow.shadowVolume()).startsWith("\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy");
        assertThat(LabHost.open(lab).shadows()).containsExactly(shadow);
        assertThat(store("C").snapshots()).hasSize(1);
        LabHost.open(lab).deleteShadow(shadow.shadowId());
        assertNothingLeft();
    }

    @Test
    void providerSelectionInTheLabWithoutAHardwareProvider() {
        SnapshotSetResult r = backup(coordinator(), "web01", "file01");
        assertThat(r.shadows()).extracting(Shadow::providerName)
                .containsExactly("Microsoft CSV Shadow Copy Provider", "Microsoft File Share Shadow Copy provider");
        assertThat(r.shadows().get(1).shadowVolume()).startsWith("\\\\svm1\\hvshare@{");
        // Backup-context shadows are released with the session.
        assertNothingLeft();
    }

    @Test
    void sqlServerWriterTakesPartOnlyWhenSql01IsBackedUpOnline() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.WriterFault("SqlServerWriter", WriterPhase.FREEZE,
                HResult.VSS_E_WRITERERROR_RETRYABLE, 0)));
        backup(coordinator(), "web01"); // sql01 not in the backup: the guest writer is not involved
        VssException e = catchThrowableOfType(VssException.class, () -> backup(coordinator(), "sql01"));
        assertThat(e.hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_RETRYABLE);
        assertThat(e.getMessage()).contains("SqlServerWriter").contains("sql01");
        assertThat(writer(HyperVWriter.NAME).state()).isEqualTo(WriterState.FAILED_AT_PREPARE_SNAPSHOT);
        assertNothingLeft();
    }

    @Test
    void faultPlanWriterFailureShowsInTheHostsWriterList() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.WriterFault("Registry Writer", WriterPhase.THAW,
                HResult.VSS_E_WRITERERROR_NONRETRYABLE, 0)));
        VssException e = catchThrowableOfType(VssException.class, () -> backup(coordinator(), "app01"));
        assertThat(e.hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_NONRETRYABLE);
        Writer registry = writer("Registry Writer");
        assertThat(registry.state()).isEqualTo(WriterState.FAILED_AT_THAW);
        assertThat(registry.lastError()).isEqualTo(WriterError.NON_RETRYABLE);
        assertThat(LabHost.open(lab).writers()).filteredOn(w -> !w.name().equals("Registry Writer"))
                .allSatisfy(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
        assertNothingLeft();
        // Clearing the plan and backing up again brings every writer back to stable.
        new FaultPlanStore(lab).clear();
        backup(coordinator(), "app01");
        assertThat(LabHost.open(lab).writers()).allSatisfy(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
    }

    @Test
    void faultPlanCommitOverTenSecondsTimesOutWithoutRealWaiting() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.ProviderFault("Microsoft CSV Shadow Copy Provider",
                12_000, false)));
        VssException e = catchThrowableOfType(VssException.class, () -> backup(coordinator(), "web01"));
        assertThat(e.hresult()).isEqualTo(HResult.VSS_E_HOLD_WRITES_TIMEOUT);
        assertThat(LabHost.open(lab).writers()).allSatisfy(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
        assertNothingLeft();
    }

    @Test
    void faultPlanProviderVeto() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.ProviderFault("{b5946137-7b9f-4925-af80-51abd60b20d5}",
                0, true)));
        VssException e = catchThrowableOfType(VssException.class, () -> backupPersistent("C:\\"));
        assertThat(e.hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
        assertNothingLeft();
    }

    @Test
    void aSetInCreationInAnotherProcessBlocksThisOneUnlessThatProcessIsGone() throws Exception {
        long otherPid = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Files.writeString(lab.resolve(LabSetGate.FILE), "{\"snapshotSetId\":\"" + VssId.random()
                + "\",\"pid\":" + otherPid + ",\"started\":\"2026-11-24T10:00:00Z\"}");
        VssException e = catchThrowableOfType(VssException.class, () -> backupPersistent("C:"));
        assertThat(e.hresult()).isEqualTo(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS);
        assertThat(host.shadows()).isEmpty();
        // A marker left by a crashed process (no such pid) does not block.
        Files.writeString(lab.resolve(LabSetGate.FILE), "{\"snapshotSetId\":\"" + VssId.random()
                + "\",\"pid\":" + Integer.MAX_VALUE + ",\"started\":\"2026-11-24T10:00:00Z\"}");
        assertThat(backupPersistent("C:").context()).isEqualTo(SnapshotContext.CLIENT_ACCESSIBLE);
        assertThat(lab.resolve(LabSetGate.FILE)).doesNotExist();
    }

    @Test
    void faultPlanSurvivesAsJsonAndClears() {
        FaultPlanStore store = new FaultPlanStore(lab);
        store.update(p -> p.with(new FaultPlan.WriterFault("System Writer", WriterPhase.IDENTIFY,
                HResult.VSS_E_WRITERERROR_OUTOFRESOURCES, 5)));
        store.update(p -> p.with(new FaultPlan.ProviderFault("Data ONTAP VSS Hardware Provider", 2500, false)));
        FaultPlan read = new FaultPlanStore(lab).load();
        assertThat(read.writerFault("system writer", WriterPhase.IDENTIFY)).hasValueSatisfying(
                f -> assertThat(f.hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_OUTOFRESOURCES));
        assertThat(read.providerFaults()).singleElement().satisfies(f -> assertThat(f.commitDelayMillis()).isEqualTo(2500));
        store.clear();
        assertThat(store.load().isEmpty()).isTrue();
    }

    private Writer writer(String name) {
        return LabHost.open(lab).writers().stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }

    private static long folderSize(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }
}
