package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.internal.LabOntapRuntime;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.SnapshotSpec;
import dev.vsskit.vss.windows.Wmi;
import dev.vsskit.vss.windows.WmiObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The served Storage Management API through the real WMI binding: a LUN clone mapped to the host appears only after
 * a rescan, offline, read-only and colliding with its source's GUID; mounted, its folder holds the CSV's files of the
 * Snapshot copy; and every step a caller gets wrong or forgets is refused as Windows would and recorded.
 */
class ServedStorageWmiTest {

    private static final List<String> DISK = List.of("__PATH", "Number", "SerialNumber", "IsOffline", "OfflineReason",
            "IsReadOnly", "Guid");
    private static final List<String> OUT = List.of("ReturnValue");

    @TempDir
    Path tmp;

    private ServedLab served;
    private Wmi wmi;
    private ServedStorageWmi storage;
    private OntapClient client;

    @BeforeEach
    void serve() {
        served = ServedLab.open(LabInit.create(tmp.resolve("lab"), false).dir());
        wmi = served.windows().wmi(ServedStorageWmi.NAMESPACE);
        storage = served.vss().wmi().storage();
        client = LabOntapRuntime.of(served.lab()).client();
    }

    @AfterEach
    void close() {
        served.close();
    }

    private long call(String cls, String path, String method, Map<String, ?> in) {
        return wmi.execMethod(cls, path, method, in, OUT).number("ReturnValue").orElseThrow();
    }

    private WmiObject disk(String serial) {
        return wmi.query("SELECT * FROM MSFT_Disk", DISK).stream()
                .filter(d -> d.string("SerialNumber").orElse("").equals(serial)).findFirst().orElseThrow();
    }

    private String partition(long disk, long number) {
        return wmi.query("SELECT * FROM MSFT_Partition WHERE DiskNumber = " + disk, List.of("__PATH", "PartitionNumber"))
                .stream().filter(p -> p.number("PartitionNumber").orElse(0L) == number).findFirst().orElseThrow()
                .string("__PATH").orElseThrow();
    }

    @Test
    void aMappedCloneIsMountedOnlyWhenEveryStepIsDoneAndWrongStepsAreRecorded() throws Exception {
        // the host's own CSV disk is not vsskit's to take offline
        WmiObject csv = disk("80D4nK+x3Qa1");
        assertThat(csv.properties().get("IsOffline")).isEqualTo(false);
        assertThat(call("MSFT_Disk", csv.string("__PATH").orElseThrow(), "Offline", Map.of())).isEqualTo(40001);
        assertThat(storage.problems()).singleElement().asString().contains("one of the host's own disks");

        var volume = client.requireVolume("hv_csv1");
        client.createSnapshot(volume.uuid(), SnapshotSpec.named("s1"), Duration.ofSeconds(5));
        var clone = client.createLunClone("svm1", "/vol/hv_csv1/csv1_lun", "s1", "vsskit_restore_t_1_20261207010203_1");
        client.createLunMap("svm1", clone.uuid(), client.igroups().get(0).uuid());
        assertThat(wmi.query("SELECT * FROM MSFT_Disk", DISK)).noneMatch(d -> d.string("SerialNumber").orElse("")
                .equals(clone.serialNumber()));
        assertThat(call("MSFT_StorageSetting", "MSFT_StorageSetting", "UpdateHostStorageCache", Map.of())).isZero();
        WmiObject d = disk(clone.serialNumber());
        assertThat(d.properties()).containsEntry("IsOffline", true).containsEntry("IsReadOnly", true)
                .containsEntry("Guid", csv.properties().get("Guid"));
        String path = d.string("__PATH").orElseThrow();
        long number = d.number("Number").orElseThrow();
        Path folder = Files.createDirectory(tmp.resolve("mnt"));
        Map<String, String> at = Map.of("AccessPath", folder.toString());

        // mounting an offline disk, the MSR partition, removing a path never added: refused, recorded
        assertThat(call("MSFT_Partition", partition(number, 2), "AddAccessPath", at)).isEqualTo(4);
        assertThat(call("MSFT_Partition", partition(number, 1), "AddAccessPath", at)).isEqualTo(42004);
        assertThat(call("MSFT_Partition", partition(number, 2), "RemoveAccessPath", at)).isEqualTo(42007);
        // online with the CSV's GUID: stays offline, Collision
        assertThat(call("MSFT_Disk", path, "Online", Map.of())).isZero();
        assertThat(disk(clone.serialNumber()).properties()).containsEntry("IsOffline", true)
                .containsEntry("OfflineReason", 4L);
        assertThat(call("MSFT_Disk", path, "SetAttributes", Map.of("Guid", "{0f0e0d0c-0b0a-0908-0706-050403020100}")))
                .isZero();
        assertThat(call("MSFT_Disk", path, "Online", Map.of())).isZero();
        assertThat(call("MSFT_Partition", partition(number, 2), "AddAccessPath", at)).as("still read-only").isEqualTo(4);
        assertThat(call("MSFT_Disk", path, "SetAttributes", Map.of("IsReadOnly", false))).isZero();
        assertThat(call("MSFT_Partition", partition(number, 2), "AddAccessPath", at)).isZero();
        assertThat(folder.resolve("sql01/Virtual Hard Disks/sql01.vhdx")).exists();
        assertThat(storage.problems()).hasSize(7).anyMatch(p -> p.contains("was left online")).anyMatch(p -> p.contains("which is offline"))
                .anyMatch(p -> p.contains("Microsoft Reserved")).anyMatch(p -> p.contains("not mounted there"))
                .anyMatch(p -> p.contains("read-only")).anyMatch(p -> p.contains("still mounted at"));

        // unmapping a mounted disk is a problem too; the disk goes
        client.deleteLunMap(clone.uuid(), client.igroups().get(0).uuid());
        assertThat(storage.problems()).anyMatch(p -> p.contains("was unmapped while disk " + number + " was mounted"));
        assertThat(storage.presentedSerials()).isEmpty();
        assertThat(folder).isEmptyDirectory();
        client.deleteLun(clone.uuid());
    }
}
