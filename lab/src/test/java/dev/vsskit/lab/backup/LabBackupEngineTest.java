package dev.vsskit.lab.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupRequest;
import dev.vsskit.vss.backup.BackupResult;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.RestoreRequest;
import dev.vsskit.vss.backup.RestoreResult;
import dev.vsskit.vss.backup.RestoreService;
import dev.vsskit.vss.backup.RetentionPolicy;
import dev.vsskit.vss.backup.RetryPolicy;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.verify.BackupVerifier;
import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.EvtxCommitEvents;
import dev.vsskit.vss.verify.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup engine on a real lab: VSS with the ONTAP providers, the simulator's snapshots, the EVTX log. */
class LabBackupEngineTest {

    static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }

    @Test
    void backupAllThenVerifyFromTheEventLogThenRestoreBringsBackTheBytes(@TempDir Path dir) throws Exception {
        LabInit.create(dir, false);
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            BackupService backups = new BackupService(target, catalog, Clock.systemDefaultZone(), d -> { });

            BackupResult result = backups.run(new BackupRequest(List.of(), Optional.empty(), true, false, false,
                    Optional.empty(), Optional.empty(), RetentionPolicy.unlimited(), RetryPolicy.SMHV_DEFAULT),
                    List.of(), BackupListener.NONE);

            assertThat(result.status()).as(result.message()).isEqualTo(BackupResult.Status.OK);
            assertThat(result.vms()).extracting(BackupResult.VmOutcome::name)
                    .containsExactlyInAnyOrder("sql01", "web01", "app01", "file01");
            assertThat(result.volumes()).extracting(BackupResult.VolumeOutcome::storageVolume)
                    .containsExactlyInAnyOrder("hv_csv1", "hv_csv2", "hv_smb1");
            assertThat(result.volumes()).allSatisfy(v -> assertThat(v.storageSnapshot())
                    .startsWith(result.name() + "__"));
            for (BackupResult.VolumeOutcome v : result.volumes()) {
                assertThat(target.storage().orElseThrow().snapshots(v.storageVolume()))
                        .anyMatch(s -> s.name().equals(v.storageSnapshot()));
            }

            BackupRecord record = catalog.find(result.name()).orElseThrow();
            VerificationReport report = new BackupVerifier(Clock.systemUTC()).verify(record.toFacts(),
                    target.storage(), Optional.of(EvtxCommitEvents.read(dir.resolve("events/Application.evtx"),
                            w -> { })), Duration.ofSeconds(10));
            assertThat(report.checks()).as(report.toString()).allSatisfy(c -> assertThat(c.status())
                    .as(c.name() + ": " + c.evidence()).isEqualTo(CheckStatus.PASS));

            Path vhdx = dir.resolve("volumes/Volume1/data/sql01/Virtual Hard Disks/sql01.vhdx");
            String atBackup = sha256(vhdx);
            byte[] scribble = new byte[8192];
            java.util.Arrays.fill(scribble, (byte) 0x5A);
            CowVolumeStore.open(dir.resolve("volumes/Volume1"))
                    .write("sql01/Virtual Hard Disks/sql01.vhdx", 4096, scribble);
            assertThat(sha256(vhdx)).isNotEqualTo(atBackup);

            RestoreResult restored = new RestoreService(target, catalog)
                    .restore(new RestoreRequest("sql01", RestoreRequest.LATEST, Optional.empty(), true, true));
            assertThat(restored.verified()).isTrue();
            assertThat(restored.method()).isEqualTo("single-file restore");
            assertThat(sha256(vhdx)).isEqualTo(atBackup);
            assertThat(target.vmStates().get("sql01")).isEqualTo(new LabVmStates.State(true, true));
        }
    }

    @Test
    void automaticBackupsStartedInOneSecondGetDistinctNamesAndNoRecordIsOverwritten(@TempDir Path dir) {
        LabInit.create(dir, false);
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            // the clock stands still: every job starts in the same second
            Clock frozen = Clock.fixed(java.time.Instant.parse("2026-12-06T20:00:00.500Z"), java.time.ZoneOffset.UTC);
            BackupService backups = new BackupService(target, catalog, frozen, d -> { });
            List<String> names = new java.util.ArrayList<>();
            for (int i = 0; i < 3; i++) {
                BackupResult r = backups.run(new BackupRequest(List.of("web01"), Optional.empty(), false, false, false,
                        Optional.empty(), Optional.empty(), RetentionPolicy.unlimited(), RetryPolicy.SMHV_DEFAULT),
                        List.of(), BackupListener.NONE);
                assertThat(r.status()).as(r.message()).isEqualTo(BackupResult.Status.OK);
                names.add(r.name());
            }
            assertThat(names).containsExactly("HV-LAB-01_12-06-2026_20.00.00", "HV-LAB-01_12-06-2026_20.00.00-2",
                    "HV-LAB-01_12-06-2026_20.00.00-3");
            assertThat(catalog.list().records()).extracting(BackupRecord::name).containsExactlyInAnyOrderElementsOf(names);
            for (String n : names) {
                BackupRecord rec = catalog.find(n).orElseThrow();
                for (BackupRecord.VolumeEntry v : rec.volumes()) {
                    assertThat(target.storage().orElseThrow().snapshots(v.storageVolume()))
                            .anyMatch(s -> s.name().equals(v.storageSnapshot()));
                }
            }
            assertThat(dir.resolve("catalog").resolve(BackupCatalog.RESERVED)).isEmptyDirectory();
        }
    }
}
