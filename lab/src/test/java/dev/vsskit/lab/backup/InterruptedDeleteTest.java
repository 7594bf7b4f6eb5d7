package dev.vsskit.lab.backup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.internal.LabOntapRuntime;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete of a shadow that died (SIGKILL) after its provider deleted the storage and forgot the shadow, but
 * before the host's shadow registry forgot it: the window BackupKillIT once hit late in a backup, in retention
 * ("a shadow left with no record after kill 7"). The next delete of that backup (retention, delete backup, or
 * the recovery of a dead run) must remove the shadow from the registry too, not delete the record and leave a
 * shadow nothing names and nothing can delete.
 */
class InterruptedDeleteTest {

    @TempDir
    Path dir;

    @Test
    void aShadowItsProviderAlreadyForgotIsRemovedWithItsBackup() {
        LabInit.create(dir, false);
        try (LabHost host = LabHost.open(dir)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupCatalog catalog = new BackupCatalog(dir.resolve("catalog"));
            BackupService backups = new BackupService(target, catalog, Clock.systemDefaultZone(), d -> { });
            BackupResult r = backups.run(new BackupRequest(List.of("sql01", "app01", "file01"), Optional.empty(),
                    false, false, false, Optional.empty(), Optional.empty(), RetentionPolicy.unlimited(),
                    new RetryPolicy(1, Duration.ZERO)), List.of(), BackupListener.NONE);
            assertThat(r.status()).as(r.message()).isEqualTo(BackupResult.Status.OK);
            BackupRecord rec = catalog.find(r.name()).orElseThrow();
            assertThat(host.shadows()).hasSize(rec.volumes().size()).hasSizeGreaterThan(2);

            // the earlier delete got this far for one shadow of each ONTAP-backed provider, then died
            LabOntapRuntime ontap = LabOntapRuntime.of(host);
            for (Shadow s : host.shadows()) {
                if (s.providerName().equals("Data ONTAP VSS Hardware Provider")) {
                    ontap.hardwareProvider(host.config().host().fqdn()).deleteSnapshot(s.shadowId());
                    break;
                }
            }
            VssId share = host.shadows().stream().filter(s -> s.originalVolumePath().startsWith("\\\\"))
                    .findFirst().orElseThrow().shadowId();
            ontap.fileShareProvider().deleteSnapshot(share);
            assertThat(host.shadows()).as("the registry still lists them").hasSize(rec.volumes().size());

            backups.delete(r.name());

            assertThat(catalog.find(r.name())).isEmpty();
            assertThat(host.shadows()).as("no shadow left that no record names").isEmpty();
            for (String v : List.of("hv_csv1", "hv_csv2", "hv_smb1")) {
                assertThat(ontap.store().snapshots(v)).as("snapshots on " + v).isEmpty();
            }
        }
    }
}
