package dev.vsskit.lab.vss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.coordinator.ManualClock;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.WriterMetadata;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix on the lab itself, set through faults.json: the HRESULT the requester sees, the writers
 * as a new {@link LabHost} reads them back (what `list writers` prints), no shadow and no snapshot left in
 * any volume store, the set-in-progress marker gone. Time passes only on a manual clock.
 */
class LabFaultMatrixTest {

    @TempDir
    static Path tmp;
    private static Path template;
    private static int labs;
    private Path lab;
    private final ManualClock clock = new ManualClock();

    @BeforeAll
    static void template() {
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
    }

    /** Backs up app01 (Volume2) and sql01 (Volume1) online with the lab's Microsoft providers; returns how it failed. */
    private VssException backupFails() {
        return backupFails(false);
    }

    /** As {@link #backupFails()}; with {@code ontap}, the ONTAP-backed providers take part (CSV volumes go to hardware). */
    private VssException backupFails(boolean ontap) {
        LabHost host = LabHost.open(lab);
        VssException e = catchThrowableOfType(VssException.class, () -> {
            try (BackupSession s = (ontap ? LabVss.coordinator(host, clock)
                    : LabVss.coordinator(host, clock, List.of(), false)).openBackupSession()) {
                s.initializeForBackup();
                WriterMetadata hv = s.gatherWriterMetadata().stream().filter(m -> m.name().equals(HyperVWriter.NAME))
                        .findFirst().orElseThrow();
                for (String vm : List.of("app01", "sql01")) {
                    s.addComponent(hv.instanceId(), hv.writerId(), "", host.config().vm(vm).orElseThrow().id().toString());
                }
                s.startSnapshotSet();
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume1\\", VssId.NULL);
                s.addToSnapshotSet("C:\\ClusterStorage\\Volume2\\", VssId.NULL);
                s.addToSnapshotSet("C:\\", VssId.NULL);
                s.prepareForBackup();
                s.doSnapshotSet();
                s.backupComplete();
            }
        });
        assertThat(e).as("the backup must fail").isNotNull();
        return e;
    }

    private void assertNothingLeftAndWriters(String failedWriter, WriterState failedState, WriterError error) {
        LabHost host = LabHost.open(lab);
        for (String key : List.of("C", "Volume1", "Volume2", "hvshare")) {
            assertThat(CowVolumeStore.open(lab.resolve("volumes").resolve(key)).snapshots()).as(key).isEmpty();
        }
        assertThat(host.shadows()).isEmpty();
        assertThat(lab.resolve(LabSetGate.FILE)).doesNotExist();
        for (Writer w : host.writers()) {
            if (w.name().equals(failedWriter)) {
                assertThat(w.state()).as(w.name()).isEqualTo(failedState);
                assertThat(w.lastError()).as(w.name()).isEqualTo(error);
            } else {
                assertThat(w.state()).as(w.name()).isEqualTo(WriterState.STABLE);
                assertThat(w.lastError()).as(w.name()).isEqualTo(WriterError.NO_ERROR);
            }
        }
    }

    static Stream<Arguments> writerFaults() {
        return Stream.of(
                Arguments.of("Microsoft Hyper-V VSS Writer", WriterPhase.PREPARE_BACKUP, HResult.VSS_E_WRITERERROR_NONRETRYABLE),
                Arguments.of("Microsoft Hyper-V VSS Writer", WriterPhase.PREPARE_SNAPSHOT, HResult.VSS_E_WRITERERROR_RETRYABLE),
                Arguments.of("System Writer", WriterPhase.FREEZE, HResult.VSS_E_WRITERERROR_OUTOFRESOURCES),
                Arguments.of("Cluster Shared Volume VSS Writer", WriterPhase.THAW, HResult.VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT),
                Arguments.of("COM+ REGDB Writer", WriterPhase.POST_SNAPSHOT, HResult.VSS_E_WRITERERROR_RETRYABLE));
    }

    @ParameterizedTest(name = "{0} fails {1}")
    @MethodSource("writerFaults")
    void writerFailsAPhase(String writer, WriterPhase phase, HResult h) {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.WriterFault(writer, phase, h, 0)));
        assertThat(backupFails().hresult()).isEqualTo(h);
        assertNothingLeftAndWriters(writer, phase.failedState(), WriterError.of(h));
    }

    @Test
    void writerFailsIdentifyAndIsLeftOut() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.WriterFault("Microsoft Hyper-V VSS Writer",
                WriterPhase.IDENTIFY, HResult.VSS_E_WRITERERROR_RETRYABLE, 0)));
        LabHost host = LabHost.open(lab);
        try (BackupSession s = LabVss.coordinator(host, clock, List.of(), false).openBackupSession()) {
            s.initializeForBackup();
            assertThat(s.gatherWriterMetadata()).extracting(WriterMetadata::name).doesNotContain(HyperVWriter.NAME);
            VssException e = catchThrowableOfType(VssException.class, () -> s.addComponent(
                    host.config().writers().get(0).instanceId(), host.config().writers().get(0).writerId(), "",
                    host.config().vm("sql01").orElseThrow().id().toString()));
            assertThat(e.hresult()).isEqualTo(HResult.VSS_E_OBJECT_NOT_FOUND);
        }
        assertNothingLeftAndWriters(HyperVWriter.NAME, WriterState.FAILED_AT_IDENTIFY, WriterError.RETRYABLE);
    }

    @Test
    void freezeWindowExceeded() {
        // The CSV writer's freeze takes 61 s: past its own 60 s window and the writers frozen before it.
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.WriterFault("WMI Writer", WriterPhase.FREEZE,
                null, 61_000)));
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_WRITERERROR_TIMEOUT);
        LabHost host = LabHost.open(lab);
        Writer wmi = host.writers().stream().filter(w -> w.name().equals("WMI Writer")).findFirst().orElseThrow();
        assertThat(wmi.state()).isEqualTo(WriterState.FAILED_AT_FREEZE);
        assertThat(wmi.lastError()).isEqualTo(WriterError.TIMED_OUT);
        assertThat(host.writers()).allSatisfy(w -> assertThat(w.state().isStable() || w.state().isFailed()).isTrue());
        for (String key : List.of("C", "Volume1", "Volume2")) {
            assertThat(CowVolumeStore.open(lab.resolve("volumes").resolve(key)).snapshots()).isEmpty();
        }
    }

    @Test
    void commitOverTenSeconds() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.ProviderFault("Microsoft Software Shadow Copy provider 1.0",
                10_500, false)));
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_HOLD_WRITES_TIMEOUT);
        assertNothingLeftAndWriters("", WriterState.STABLE, WriterError.NO_ERROR);
    }

    @Test
    void providerVeto() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.ProviderFault("Microsoft CSV Shadow Copy Provider",
                0, true)));
        assertThat(backupFails().hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
        assertNothingLeftAndWriters("", WriterState.STABLE, WriterError.NO_ERROR);
    }

    @Test
    void hardwareProviderVetoWithTheOntapProviders() {
        new FaultPlanStore(lab).update(p -> p.with(new FaultPlan.ProviderFault("Data ONTAP VSS Hardware Provider",
                0, true)));
        assertThat(backupFails(true).hresult()).isEqualTo(HResult.VSS_E_PROVIDER_VETO);
        assertNothingLeftAndWriters("", WriterState.STABLE, WriterError.NO_ERROR);
    }

    @Test
    void secondConcurrentSet() {
        LabHost host = LabHost.open(lab);
        try (BackupSession first = LabVss.coordinator(host, clock, List.of(), false).openBackupSession();
                BackupSession second = LabVss.coordinator(LabHost.open(lab), clock, List.of(), false).openBackupSession()) {
            first.initializeForBackup();
            first.gatherWriterMetadata();
            first.startSnapshotSet();
            second.initializeForBackup();
            VssException e = catchThrowableOfType(VssException.class, second::startSnapshotSet);
            assertThat(e.hresult()).isEqualTo(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS);
        }
        assertNothingLeftAndWriters("", WriterState.STABLE, WriterError.NO_ERROR);
    }
}
