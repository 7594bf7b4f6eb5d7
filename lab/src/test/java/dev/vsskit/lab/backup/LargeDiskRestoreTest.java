package dev.vsskit.lab.backup;

import static dev.vsskit.vss.io.SparseFiles.allocatedBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.disk.DiskChecks;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.VssId;
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
import dev.vsskit.vss.io.VerifiedCopy;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab init --disk-size}: fixed VHDX files as long as the disk, sparse on the file system, that pass the
 * deep disk checks; restored through {@link VerifiedCopy} they come back byte-exact and stay sparse. The sizes
 * here are small (64 MiB); bench/restore.sh runs the same at 20 GiB.
 */
class LargeDiskRestoreTest {

    private static final long SIZE = 64L << 20;
    private static final String SQL = "sql01/Virtual Hard Disks/sql01.vhdx";

    @TempDir
    Path dir;

    @Test
    void aLargeDiskIsAFixedSparseVhdxThatPassesTheDiskChecks() throws Exception {
        LabInit.create(dir, false, LabInit.defaultConfig(VssId::random), SIZE);
        Path vhdx = dir.resolve("volumes/Volume1/data").resolve(SQL);
        // the 4 MiB of VHDX metadata (headers, log, metadata, BAT) and then the 64 MiB disk
        assertThat(Files.size(vhdx)).isEqualTo(4 * 1024 * 1024 + SIZE);
        assertThat(allocatedBytes(vhdx)).as("allocated").isLessThan(SIZE / 4);
        List<CheckResult> checks = DiskChecks.of(vhdx, true);
        assertThat(checks).isNotEmpty();
        assertThat(checks).filteredOn(c -> !c.name().equals("VHDX parent chain"))
                .allSatisfy(c -> assertThat(c.status()).as(c.name() + ": " + c.evidence())
                        .isEqualTo(CheckStatus.PASS));
    }

    @Test
    void theDefaultStaysTheSmallDynamicDiskAndBadSizesAreRefused() throws Exception {
        LabInit.create(dir.resolve("small"), false);
        assertThat(Files.size(dir.resolve("small/volumes/Volume1/data").resolve(SQL))).isLessThan(16L << 20);
        assertThatThrownBy(() -> LabInit.create(dir.resolve("tiny"), false, LabInit.defaultConfig(VssId::random),
                4L << 20)).hasMessageContaining("at least 8 MiB");
        assertThatThrownBy(() -> LabInit.create(dir.resolve("odd"), false, LabInit.defaultConfig(VssId::random),
                (16L << 20) + 1)).hasMessageContaining("whole number of MiB");
    }

    @Test
    void restoringALargeSparseDiskToAFolderIsExactAndStaysSparse() throws Exception {
        LabInit.create(dir, false, LabInit.defaultConfig(VssId::random), SIZE);
        Path live = dir.resolve("volumes/Volume1/data").resolve(SQL);
        CowVolumeStore volume = CowVolumeStore.open(dir.resolve("volumes/Volume1"));
        // data near the end of the disk, after a long hole, not on a chunk boundary
        byte[] tail = new byte[300_000];
        new java.util.Random(7).nextBytes(tail);
        volume.write(SQL, Files.size(live) - 2 * tail.length - 123, tail);
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            backUpSql01(target, catalog);
            byte[] atBackup = Files.readAllBytes(live);
            // the live disk changes after the backup: the restore must bring back the snapshot's bytes
            volume.write(SQL, 5L << 20, new byte[] {1, 2, 3});
            volume.write(SQL, Files.size(live) - 10, new byte[] {9});

            Path to = dir.resolve("restored");
            RestoreResult r = new RestoreService(target, catalog, true).restore(
                    new RestoreRequest("sql01", RestoreRequest.LATEST, Optional.of(to), false, false));

            assertThat(r.verified()).isTrue();
            Path restored = to.resolve("Virtual Hard Disks/sql01.vhdx");
            assertThat(Files.readAllBytes(restored)).isEqualTo(atBackup);
            assertThat(r.files()).filteredOn(f -> f.path().endsWith(".vhdx")).singleElement().satisfies(f -> {
                assertThat(f.bytes()).isEqualTo(atBackup.length);
                assertThat(f.sha256()).isEqualTo(java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest(atBackup)));
            });
            assertThat(allocatedBytes(restored)).as("allocated bytes of the restored 68 MiB disk")
                    .isLessThan(SIZE / 4);
        }
    }

    @Test
    void aDamagedWriteDuringARestoreIsReportedAsDifferent() throws Exception {
        LabInit.create(dir, false, LabInit.defaultConfig(VssId::random), SIZE);
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            backUpSql01(target, catalog);
            // every write loses its first byte's low bit on the way to the file
            VerifiedCopy damaging = VerifiedCopy.through((ch, src, pos) -> {
                ByteBuffer copy = ByteBuffer.allocate(src.remaining()).put(src.duplicate()).flip();
                copy.put(0, (byte) (copy.get(0) ^ 1));
                int w = ch.write(copy, pos);
                src.position(src.position() + w);
                return w;
            });
            RestoreResult r = new RestoreService(target, catalog, damaging).restore(
                    new RestoreRequest("sql01", RestoreRequest.LATEST, Optional.of(dir.resolve("restored")), false,
                            false));
            assertThat(r.verified()).isFalse();
            assertThat(r.files()).allSatisfy(f -> assertThat(f.identical()).as(f.path()).isFalse());
        }
    }

    private static void backUpSql01(LabBackupTarget target, BackupCatalog catalog) {
        BackupResult backup = new BackupService(target, catalog, Clock.systemUTC(), d -> { }).run(
                new BackupRequest(List.of("sql01"), Optional.empty(), true, false, false, Optional.empty(),
                        Optional.empty(), RetentionPolicy.unlimited(), RetryPolicy.SMHV_DEFAULT),
                List.of(), BackupListener.NONE);
        assertThat(backup.status()).as(backup.message()).isEqualTo(BackupResult.Status.OK);
    }
}
