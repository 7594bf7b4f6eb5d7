package dev.vsskit.vss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.store.FileRestore;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import dev.vsskit.vss.store.StorageVolume;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BackupVerifierTest {

    static final VssId SET = VssId.parse("{0c404084-8ace-4cb8-a7ed-7d7ec659bb5f}");
    static final VssId ONTAP = VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}");
    static final VssId SYSTEM = VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}");
    static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");
    final BackupVerifier verifier = new BackupVerifier(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));

    /** Storage that holds exactly the snapshots it is given: enough to answer "does it exist". */
    record Snapshots(Map<String, List<String>> byVolume) implements SnapshotStore {
        public String describe() { return "test storage"; }
        public List<StorageVolume> volumes() { return List.of(); }
        public List<StorageSnapshot> snapshots(String volume) {
            return byVolume.getOrDefault(volume, List.of()).stream()
                    .map(n -> new StorageSnapshot(volume, n, "uuid-" + n, T0, "", "")).toList();
        }
        public List<StorageSnapshot> createSnapshots(List<String> v, String n, String c) { throw new UnsupportedOperationException(); }
        public void deleteSnapshot(String v, String n) { throw new UnsupportedOperationException(); }
        public void restoreVolume(String v, String n) { throw new UnsupportedOperationException(); }
        public void restoreFiles(String v, String n, List<FileRestore> f) { throw new UnsupportedOperationException(); }
        public InputStream openSnapshotFile(String v, String n, String p) { throw new UnsupportedOperationException(); }
        public String cloneVolume(String v, String n, String c) { throw new UnsupportedOperationException(); }
        public void deleteClone(String c) { throw new UnsupportedOperationException(); }
    }

    static BackupFacts backup(boolean hardwareUsed, WriterState hyperV) {
        return new BackupFacts("HV-LAB-01_11-24-2026_01.00.00", T0, T0.plusSeconds(5), true, "4 of 4 VMs backed up",
                true, Optional.of(SET),
                List.of(new BackupFacts.VolumeFact("C:\\ClusterStorage\\Volume1\\",
                        hardwareUsed ? "Data ONTAP VSS Hardware Provider" : "Microsoft Software Shadow Copy provider 1.0",
                        hardwareUsed ? ONTAP : SYSTEM, true, hardwareUsed, "hv_csv1", "vsskit_snap_1")),
                List.of(new BackupFacts.WriterFact("Microsoft Hyper-V VSS Writer", hyperV, WriterError.NO_ERROR)));
    }

    static CommitEvent event(int id, VssId set, long ms) {
        return new CommitEvent("Navssprv", id, 17, T0.plusSeconds(2), Optional.of(set), OptionalLong.of(ms),
                "Application.evtx");
    }

    static CheckStatus status(VerificationReport r, String check) {
        return r.checks().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow().status();
    }

    @Test
    void aGoodBackupPassesEveryCheckWithEvidence() {
        VerificationReport r = verifier.verify(backup(true, WriterState.STABLE),
                Optional.of(new Snapshots(Map.of("hv_csv1", List.of("vsskit_snap_1")))),
                Optional.of(List.of(event(4089, VssId.random(), 50), event(4089, SET, 312))), Duration.ofSeconds(10));
        assertThat(r.passed()).isTrue();
        assertThat(r.checks()).extracting(CheckResult::status).containsOnly(CheckStatus.PASS);
        assertThat(r.checks().stream().filter(c -> c.name().equals(BackupVerifier.COMMIT_EVENT)).findFirst()
                .orElseThrow().evidence()).contains("record 17").contains("312 ms").contains(SET.toString());
    }

    @Test
    void event4364ForTheSetFailsWithNetAppsAdvice() {
        VerificationReport r = verifier.verify(backup(true, WriterState.STABLE),
                Optional.of(new Snapshots(Map.of("hv_csv1", List.of("vsskit_snap_1")))),
                Optional.of(List.of(event(4364, SET, 10450), event(4089, SET, 10450))), Duration.ofSeconds(10));
        assertThat(r.passed()).isFalse();
        assertThat(status(r, BackupVerifier.NO_4364)).isEqualTo(CheckStatus.FAIL);
        assertThat(status(r, BackupVerifier.COMMIT_EVENT)).isEqualTo(CheckStatus.FAIL);
        assertThat(r.checks()).filteredOn(c -> c.name().equals(BackupVerifier.NO_4364)).first()
                .extracting(CheckResult::advice).asString().contains("retry the backup");
    }

    @Test
    void softwareProviderOnAnOntapLunFailsHardwareAndHasNoCommitEvent() {
        VerificationReport r = verifier.verify(backup(false, WriterState.STABLE),
                Optional.of(new Snapshots(Map.of("hv_csv1", List.of("vsskit_snap_1")))),
                Optional.of(List.of()), Duration.ofSeconds(10));
        assertThat(status(r, BackupVerifier.HARDWARE)).isEqualTo(CheckStatus.FAIL);
        assertThat(r.checks()).filteredOn(c -> c.name().equals(BackupVerifier.HARDWARE)).first()
                .extracting(CheckResult::evidence).asString().startsWith("hardware provider not used");
    }

    @Test
    void missingSnapshotAndNoEventAndFailedWriterEachFail() {
        VerificationReport r = verifier.verify(backup(true, WriterState.FAILED_AT_FREEZE),
                Optional.of(new Snapshots(Map.of())), Optional.of(List.of(event(4089, VssId.random(), 5))),
                Duration.ofSeconds(10));
        assertThat(status(r, BackupVerifier.SNAPSHOTS)).isEqualTo(CheckStatus.FAIL);
        assertThat(status(r, BackupVerifier.COMMIT_EVENT)).isEqualTo(CheckStatus.FAIL);
        assertThat(status(r, BackupVerifier.WRITERS)).isEqualTo(CheckStatus.FAIL);
        assertThat(status(r, BackupVerifier.NO_4364)).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void withoutStorageOrEventsTheChecksAreSkippedSayingWhy() {
        VerificationReport r = verifier.verify(backup(true, WriterState.STABLE), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(10));
        assertThat(status(r, BackupVerifier.SNAPSHOTS)).isEqualTo(CheckStatus.SKIP);
        assertThat(status(r, BackupVerifier.COMMIT_EVENT)).isEqualTo(CheckStatus.SKIP);
        assertThat(r.passed()).isTrue();
    }
}
