package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.internal.LabOntapRuntime;
import dev.vsskit.ontap.OntapVolumeResolver;
import dev.vsskit.ontap.client.LunRecord;
import dev.vsskit.ontap.windows.DiskIdentity;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The disk identity code ({@code DiskIdentity}, its real device I/O control calls and struct reads) over the lab's
 * disks served as native memory, then to the ONTAP LUN and volume through the lab's simulator over REST.
 */
class ServedDisksTest {

    @TempDir
    Path tmp;

    @Test
    void aCsvVolumeLiesOnItsOntapLunWhichNamesItsOntapVolume() {
        Path dir = LabInit.create(tmp.resolve("lab"), false).dir();
        try (LabHost lab = LabHost.open(dir)) {
            ServedDisks served = new ServedDisks(lab.config());
            DiskIdentity disks = new DiskIdentity(served);
            LabConfig.LabVolume csv1 = lab.config().volume("Volume1").orElseThrow();

            List<DiskIdentity.Disk> luns = disks.lunsOf(csv1.volumeName());
            assertThat(luns).singleElement().satisfies(d -> {
                assertThat(d.number()).isEqualTo(1);
                assertThat(d.lun()).isEqualTo(new LunInfo("NETAPP", "LUN C-Mode", "80D4nK+x3Qa1",
                        "600a0980383044346e4b2b7833516131"));
            });

            OntapVolumeResolver resolver = new OntapVolumeResolver(LabOntapRuntime.of(lab).client());
            Optional<LunRecord> lun = resolver.lun(luns.get(0).lun());
            assertThat(lun).get().satisfies(l -> {
                assertThat(l.name()).isEqualTo("/vol/hv_csv1/csv1_lun");
                assertThat(l.volumeName()).isEqualTo("hv_csv1");
            });
            VolumeTarget target = new VolumeTarget(csv1.path(), csv1.volumeName(),
                    luns.stream().map(DiskIdentity.Disk::lun).toList(), Optional.empty());
            assertThat(resolver.volume(target)).get().extracting(v -> v.name()).isEqualTo("hv_csv1");

            // C: lies on the Hyper-V virtual system disk: no NAA designator, not a NetApp LUN, not on ONTAP
            List<DiskIdentity.Disk> system = disks.lunsOf("C:\\");
            assertThat(system).singleElement().satisfies(d -> {
                assertThat(d.lun().vendorId()).isEqualTo("Msft");
                assertThat(d.lun().naaId()).isEmpty();
            });
            assertThat(resolver.lun(system.get(0).lun())).isEmpty();

            assertThat(served.calls()).contains("DeviceIoControl IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS "
                    + csv1.volumeName().substring(0, csv1.volumeName().length() - 1),
                    "DeviceIoControl IOCTL_STORAGE_QUERY_PROPERTY(2) \\\\.\\PhysicalDrive1");
            assertThat(served.problems()).isEmpty();
        }
    }

    @Test
    void aVolumeWindowsDoesNotKnowIsAnErrorNamingTheDeviceAndNoHandleIsLeftOpen() {
        Path dir = LabInit.create(tmp.resolve("lab"), false).dir();
        try (LabHost lab = LabHost.open(dir)) {
            ServedDisks served = new ServedDisks(lab.config());
            DiskIdentity disks = new DiskIdentity(served);
            assertThatThrownBy(() -> disks.disksOf("\\\\?\\Volume{00000000-0000-0000-0000-000000000000}\\"))
                    .isInstanceOf(DiskIdentity.DiskIoException.class)
                    .hasMessage("CreateFileW on \\\\?\\Volume{00000000-0000-0000-0000-000000000000} failed with Win32"
                            + " error 2 (no such device)");
            assertThatThrownBy(() -> disks.disksOf("Q"))
                    .hasMessageContaining("not a volume GUID name or drive");
            assertThat(disks.disksOf("C:")).containsExactly(0);
            assertThat(served.problems()).isEmpty();
        }
    }
}
