package dev.vsskit.lab.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.vss.VssId;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ONTAP hardware provider under the VSS coordinator with 16 CSV volumes in one snapshot set: on a
 * cluster with consistency groups (9.13, one two-phase CG snapshot) and on one without (9.8, parallel
 * per-volume snapshots). Every volume gets its snapshot, one 4089 names the set, and verify passes.
 */
class SixteenVolumeBackupTest {

    static LabConfig sixteenVolumes() {
        int[] n = {0};
        LabConfig base = LabInit.defaultConfig(() -> new VssId(UUID.nameUUIDFromBytes(("16v-" + n[0]++).getBytes())));
        List<LabConfig.LabVolume> vols = new ArrayList<>(List.of(base.volumes().get(0)));
        List<LabConfig.LabVm> vms = new ArrayList<>();
        for (int v = 1; v <= 16; v++) {
            vols.add(new LabConfig.LabVolume("Volume" + v, "C:\\ClusterStorage\\Volume" + v + "\\",
                    new VssId(UUID.nameUUIDFromBytes(("vol-" + v).getBytes())), LabConfig.VolumeKind.CSV, 500L << 30,
                    "hv_csv" + v, "/vol/hv_csv" + v + "/csv" + v + "_lun",
                    String.format(Locale.ROOT, "80D4nK+x3Q%02d", v), null));
            String name = String.format(Locale.ROOT, "vm%02d", v);
            VssId id = new VssId(UUID.nameUUIDFromBytes(name.getBytes()));
            vms.add(new LabConfig.LabVm(name, id, "Volume" + v, true, List.of(),
                    name + "/Virtual Hard Disks/" + name + ".vhdx",
                    name + "/Virtual Machines/" + id.bare().toUpperCase(Locale.ROOT) + ".vmcx"));
        }
        return new LabConfig(base.formatVersion(), base.host(), vols, base.providers(), base.writers(), vms,
                base.ontap(), base.shadowStorage());
    }

    @ParameterizedTest(name = "ONTAP {0}")
    @ValueSource(strings = {"9.13.1", "9.8.0"})
    void sixteenVolumesInOneSnapshotSet(String ontapVersion, @TempDir Path dir) throws Exception {
        LabInit.create(dir, false, sixteenVolumes());
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
