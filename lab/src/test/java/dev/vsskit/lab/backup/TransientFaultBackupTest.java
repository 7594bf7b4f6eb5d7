package dev.vsskit.lab.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.SimFault;
import dev.vsskit.lab.ontap.SimKnobs;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupRequest;
import dev.vsskit.vss.backup.BackupResult;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.RetentionPolicy;
import dev.vsskit.vss.backup.RetryPolicy;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One transient ONTAP fault when the consistency-group snapshot starts or commits (docs/ontap.md calls them
 * transient): the backup is retried (within the call, or by --retry) and succeeds, or ends TRANSIENT (exit
 * 4); it never fails as a plain error, and nothing is left that no record names.
 */
class TransientFaultBackupTest {

    @TempDir
    Path dir;

    static List<SimFault> faults() {
        return List.of(
                SimFault.failNth("POST /consistency-groups", 1, 503, "", ""),
                SimFault.failNth("POST /consistency-groups", 1, 500, "524486", "Volume busy"),
                SimFault.resetNth("POST /consistency-groups", 1, false),
                SimFault.resetNth("POST /consistency-groups", 1, true),
                SimFault.failNth("PATCH /consistency-groups", 1, 503, "", ""),
                SimFault.resetNth("PATCH /consistency-groups", 1, false),
                SimFault.failNth("GET /consistency-groups", 1, 503, "", ""),
                SimFault.failNth("POST /consistency-groups", 1, 409, "53411918",
                        "Snapshot operation not permitted: another two-phase snapshot is in progress for the"
                                + " consistency group."));
    }

    @ParameterizedTest
    @MethodSource("faults")
    void oneTransientFaultIsRetriedAndTheBackupSucceeds(SimFault fault) throws Exception {
        LabInit.create(dir, false);
        OntapLab.setKnobs(dir, SimKnobs.NONE.withFaults(fault));
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            BackupService backups = new BackupService(target, catalog, Clock.systemDefaultZone(), d -> { });
            BackupResult r = backups.run(new BackupRequest(List.of("sql01", "app01"), Optional.empty(), false, false,
                    false, Optional.empty(), Optional.empty(), RetentionPolicy.unlimited(),
                    new RetryPolicy(2, Duration.ZERO)), List.of(), BackupListener.NONE);
            assertThat(r.status()).as(fault + ": " + r.message()).isEqualTo(BackupResult.Status.OK);
            BackupRecord rec = catalog.find(r.name()).orElseThrow();
            for (BackupRecord.VolumeEntry v : rec.volumes()) {
                assertThat(target.storage().orElseThrow().snapshots(v.storageVolume()))
                        .as(fault + ": snapshots of " + v.storageVolume())
                        .extracting(s -> s.name()).containsExactly(v.storageSnapshot());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("faults")
    void aFaultThatLastsEndsTransientAndLeavesNothing(SimFault fault) throws Exception {
        LabInit.create(dir, false);
        OntapLab.setKnobs(dir, SimKnobs.NONE.withFaults(fault.times(1000)));
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            BackupService backups = new BackupService(target, catalog, Clock.systemDefaultZone(), d -> { });
            BackupResult r = backups.run(new BackupRequest(List.of("sql01", "app01"), Optional.empty(), false, false,
                    false, Optional.empty(), Optional.empty(), RetentionPolicy.unlimited(),
                    new RetryPolicy(1, Duration.ZERO)), List.of(), BackupListener.NONE);
            // the rule had its effect (the backup did not succeed) and it was classed transient (exit 4)
            assertThat(r.status()).as(fault + ": " + r.message()).isEqualTo(BackupResult.Status.TRANSIENT);
            OntapLab.setKnobs(dir, SimKnobs.NONE);
            for (String v : List.of("hv_csv1", "hv_csv2")) {
                assertThat(target.storage().orElseThrow().snapshots(v)).as(fault + ": snapshots left on " + v).isEmpty();
            }
        }
    }
}
