package dev.vsskit.lab.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupRequest;
import dev.vsskit.vss.backup.BackupResult;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.RetentionPolicy;
import dev.vsskit.vss.backup.RetryPolicy;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.verify.BackupVerifier;
import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.EvtxCommitEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONTAP hardware provider under the VSS coordinator with 16 CSV volumes in one snapshot set: on a
 * cluster with consistency groups (9.13, one two-phase CG snapshot) and on one without (9.8, parallel
 * per-volume snapshots). Every volume gets its snapshot, one 4089 names the set, and verify passes.
 */
class SixteenVolumeBackupTest {

    @ParameterizedTest(name = "ONTAP {0}")
    @ValueSource(strings = {"9.13.1", "9.8.0"})
    void sixteenVolumesInOneSnapshotSet(String ontapVersion, @TempDir Path dir) throws Exception {
        LabInit.create(dir, false, LabInit.scaledConfig(16, 16));
        OntapLab.setVersion(dir, ontapVersion);
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            BackupResult r = new BackupService(target, catalog, Clock.systemDefaultZone(), d -> { })
                    .run(new BackupRequest(List.of(), Optional.empty(), true, false, false, Optional.empty(),
                            Optional.empty(), RetentionPolicy.unlimited(), RetryPolicy.SMHV_DEFAULT), List.of(),
                            BackupListener.NONE);

            assertThat(r.status()).as(r.message()).isEqualTo(BackupResult.Status.OK);
            assertThat(r.volumes()).hasSize(16).allSatisfy(v -> {
                assertThat(v.providerName()).isEqualTo("Data ONTAP VSS Hardware Provider");
                assertThat(target.storage().orElseThrow().snapshots(v.storageVolume()))
                        .anyMatch(s -> s.name().equals(v.storageSnapshot()));
            });
            var events = EvtxCommitEvents.read(dir.resolve("events/Application.evtx"), w -> { });
            assertThat(events).filteredOn(e -> e.eventId() == 4089 && e.isFor(r.snapshotSetId().orElseThrow()))
                    .hasSize(1);
            var report = new BackupVerifier(Clock.systemUTC()).verify(catalog.find(r.name()).orElseThrow().toFacts(),
                    target.storage(), Optional.of(events), Duration.ofSeconds(10));
            assertThat(report.checks()).allSatisfy(c -> assertThat(c.status()).as(c.name() + ": " + c.evidence())
                    .isEqualTo(CheckStatus.PASS));
        }
    }
}
