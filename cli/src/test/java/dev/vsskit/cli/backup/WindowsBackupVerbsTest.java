package dev.vsskit.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.host.ChosenHost;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.internal.LabOntapRuntime;
import dev.vsskit.lab.windows.LabHostFiles;
import dev.vsskit.lab.windows.ServedDisks;
import dev.vsskit.lab.windows.ServedLab;
import dev.vsskit.ontap.windows.DiskIdentity;
import dev.vsskit.ontap.windows.WindowsBackupTarget;
import dev.vsskit.vss.windows.hyperv.WindowsHyperV;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end scenarios of {@link BackupVerbsTest} once more through the Windows backup target: the backup
 * verbs run on {@code WindowsVssHost} (the COM binding, its real vtable calls against the lab served as native COM
 * objects), the disks' identity through the device I/O control seam (the lab's disks served as Windows lays them
 * out), Hyper-V through the WMI binding ({@code WindowsHyperV}: the VMs, the VM turned off and on with
 * RequestStateChange, against the lab's Hyper-V served as WMI objects), ONTAP over REST (the lab's simulator) and
 * the host's files by their Windows paths. Only {@code vsskit lab ...} (faults, latency) runs on the lab itself.
 * {@code verify} reads the lab's Application.evtx through {@code --events}, as a Windows host's exported log.
 */
class WindowsBackupVerbsTest extends BackupVerbsTest {

    private ServedLab served;
    private ServedDisks disks;
    private Path servedFor;
    private final List<String> verbs = new ArrayList<>();

    private void serve() {
        if (lab.equals(servedFor)) {
            return;
        }
        closeServed();
        served = ServedLab.open(lab);
        disks = new ServedDisks(served.lab().config());
        servedFor = lab;
    }

    @AfterEach
    void closeServed() {
        if (served != null) {
            List<String> diskProblems = disks.problems();
            List<String> storageProblems = served.vss().wmi().storage().problems();
            served.close(); // fails if the requester broke a COM rule
            served = null;
            servedFor = null;
            assertThat(diskProblems).as("the disk seam's caller").isEmpty();
            assertThat(storageProblems).as("the Storage Management API's caller").isEmpty();
        }
    }

    WindowsBackupTarget target() {
        LabHost labHost = served.lab();
        return new WindowsBackupTarget(served.windows(),
                new WindowsHyperV(served.windows(), java.time.Duration.ofMillis(5), java.time.Duration.ofSeconds(20)),
                LabOntapRuntime.of(labHost).client(), new DiskIdentity(disks), new LabHostFiles(labHost),
                LabOntapRuntime.of(labHost)::nameNextSnapshots);
    }

    @Override
    CliRun.Result vsskit(String... args) {
        if (args.length > 0 && args[0].equals("lab")) {
            return super.vsskit(args);
        }
        serve();
        verbs.add(String.join(" ", args));
        List<String> all = new ArrayList<>(List.of(args));
        Path events = lab.resolve("events/Application.evtx");
        if (args.length > 0 && args[0].equals("verify") && !all.contains("--events")) {
            if (!Files.exists(events)) {
                // a Windows host's Application log always exists; the lab writes its file on the first event
                try {
                    Files.createDirectories(events.getParent());
                    dev.vsskit.eventlog.EvtxWriter.open(events).close();
                } catch (java.io.IOException x) {
                    throw new java.io.UncheckedIOException(x);
                }
            }
            all.add("--events");
            all.add(events.toString());
        }
        Map<String, String> e = new HashMap<>(env);
        e.put("VSSKIT_CATALOG", lab.resolve("catalog").toString());
        ChosenHost windows = new ChosenHost(served.windows(), "Windows", () -> Optional.of(target()), Optional.empty());
        return CliRun.runOn(windows, e, all.toArray(String[]::new));
    }

    @Override
    String inPlaceMethodOnCsv() {
        return "single-file restore (copied back through the exposed shadow copy)";
    }

    static final String LUN_CLONE_IN_PLACE =
            "single-file restore (copied back through a LUN clone of the Snapshot copy mapped to this host)";
    static final String LUN_CLONE_TO_FOLDER =
            "copy to alternate folder (read through a LUN clone of the Snapshot copy mapped to this host)";

    /**
     * A crash-consistent backup has no shadow copy, so on a CSV's LUN (whose files ONTAP cannot see inside NTFS)
     * the files come back through a LUN clone of the Snapshot copy, mapped to the host's igroup and mounted in an
     * empty folder through the Storage Management API, then taken away again; on a share by file clone.
     */
    @Override
    @Test
    void crashConsistentBackupTakesOntapSnapshotsWithoutVssAndRestores() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent", "--output", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        JsonNode b = json(backup);
        assertThat(b.path("type").asText()).isEqualTo("Crash consistent");
        assertThat(b.path("volumes").get(0).path("ontapVolume").asText()).isEqualTo("hv_csv2");
        assertThat(backup.err()).doesNotContain("will refuse");

        CliRun.Result verify = vsskit("verify", "--backup", b.path("name").asText());
        assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
        assertThat(verify.out()).contains("[SKIP] provider event 4089").contains("[PASS] snapshots exist");

        // the VM's disk changes after the backup; the restore brings back the bytes of the backup
        Path vhdx = lab.resolve("volumes/Volume2/data/app01/Virtual Hard Disks/app01.vhdx");
        String atBackup = sha256(vhdx);
        byte[] junk = new byte[dev.vsskit.lab.storage.CowVolumeStore.BLOCK_SIZE];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve("volumes/Volume2"))
                .write("app01/Virtual Hard Disks/app01.vhdx", 4096, junk);
        assertThat(sha256(vhdx)).isNotEqualTo(atBackup);
        CliRun.Result restore = vsskit("restore", "--vm", "app01", "--force", "--output", "json");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(json(restore).path("method").asText()).isEqualTo(LUN_CLONE_IN_PLACE);
        assertThat(json(restore).path("verified").asBoolean()).isTrue();
        assertThat(sha256(vhdx)).isEqualTo(atBackup);
        assertNothingOfTheCloneLeft();
        // one clone for the whole restore: one rescan, one disk online, one mount
        assertThat(served.vss().wmi().storage().calls()).filteredOn(c -> c.startsWith("MSFT_Partition.AddAccessPath"))
                .hasSize(1);
        assertThat(served.vss().wmi().storage().calls()).anyMatch(c -> c.startsWith("MSFT_Disk.Online"))
                .anyMatch(c -> c.startsWith("MSFT_Disk.SetAttributes") && c.contains("Guid"))
                .anyMatch(c -> c.startsWith("MSFT_Disk.SetAttributes") && c.contains("IsReadOnly=false"))
                .anyMatch(c -> c.startsWith("MSFT_Partition.RemoveAccessPath"))
                .anyMatch(c -> c.startsWith("MSFT_Disk.Offline"));

        Path copy = tmp.resolve("app01-copy");
        CliRun.Result to = vsskit("restore", "--vm", "app01", "--to", copy.toString(), "--output", "json");
        assertThat(to.exitCode()).as(to.err()).isZero();
        assertThat(json(to).path("method").asText()).isEqualTo(LUN_CLONE_TO_FOLDER);
        assertThat(sha256(copy.resolve("Virtual Hard Disks/app01.vhdx"))).isEqualTo(atBackup);
        CliRun.Result text = vsskit("restore", "--vm", "app01", "--to", tmp.resolve("app01-text").toString());
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("read through a LUN clone of the Snapshot copy mapped to this host");
        assertNothingOfTheCloneLeft();

        CliRun.Result share = vsskit("backup", "--vm", "file01", "--crash-consistent", "--name", "cc-share");
        assertThat(share.exitCode()).as(share.err()).isZero();
        Path shareVhdx = lab.resolve("volumes/hvshare/data/file01/Virtual Hard Disks/file01.vhdx");
        String shareAtBackup = sha256(shareVhdx);
        java.util.Arrays.fill(junk, (byte) 0x77);
        dev.vsskit.lab.storage.CowVolumeStore.open(lab.resolve("volumes/hvshare"))
                .write("file01/Virtual Hard Disks/file01.vhdx", 0, junk);
        CliRun.Result shareRestore = vsskit("restore", "--vm", "file01", "--backup", "cc-share", "--force", "--output",
                "json");
        assertThat(shareRestore.exitCode()).as(shareRestore.err()).isZero();
        assertThat(json(shareRestore).path("method").asText())
                .isEqualTo("single-file restore (ONTAP file clone from the Snapshot copy, no data copied)");
        assertThat(json(shareRestore).path("verified").asBoolean()).isTrue();
        assertThat(sha256(shareVhdx)).isEqualTo(shareAtBackup);
    }

    /** No restore clone on the simulator, no map of one, no disk of one on the host, nothing mounted. */
    private void assertNothingOfTheCloneLeft() {
        var client = LabOntapRuntime.of(served.lab()).client();
        assertThat(client.luns()).extracting(dev.vsskit.ontap.client.LunRecord::name)
                .noneMatch(n -> n.contains("vsskit_restore_"));
        assertThat(client.lunMaps()).extracting(dev.vsskit.ontap.client.LunMapRecord::lunName)
                .noneMatch(n -> n.contains("vsskit_restore_"));
        assertThat(served.vss().wmi().storage().presentedSerials()).isEmpty();
        assertThat(served.vss().wmi().storage().mounted()).isEmpty();
        assertThat(served.vss().wmi().storage().problems()).isEmpty();
    }

    /** A LUN map refused by ONTAP half-way: the clone goes again, the VM's files are untouched, exit 1. */
    @Test
    void aLunMapThatFailsLeavesNoCloneAndChangesNothing() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Path vhdx = lab.resolve("volumes/Volume2/data/app01/Virtual Hard Disks/app01.vhdx");
        String before = sha256(vhdx);
        dev.vsskit.lab.ontap.OntapLab.setKnobs(lab, dev.vsskit.lab.ontap.SimKnobs.NONE.withFaults(
                dev.vsskit.lab.ontap.SimFault.failNth("POST /api/protocols/san/lun-maps", 1, 400, "5374573",
                        "A node has no interface configured with the iSCSI or Fibre Channel protocols for the specified"
                                + " SVM.")));
        CliRun.Result restore = vsskit("restore", "--vm", "app01", "--force");
        assertThat(restore.exitCode()).as(restore.err()).isEqualTo(ExitCode.ERROR);
        assertThat(restore.err()).contains("5374573").hasLineCount(1);
        assertThat(sha256(vhdx)).isEqualTo(before);
        assertNothingOfTheCloneLeft();
        // the Hyper-V writer was never asked to restore: the clone is made before PreRestore
        assertThat(served.vss().wmi().stateChanges()).isEmpty();
    }

    /** A LUN mapped to no igroup: vsskit cannot tell where to map its clone, and says so in one line. */
    @Test
    void aLunMappedToNoIgroupIsRefusedInOneLineBeforeAnythingIsMade() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        var client = LabOntapRuntime.of(served.lab()).client();
        var map = client.lunMaps().stream().filter(m -> m.lunName().equals("/vol/hv_csv2/csv2_lun")).findFirst()
                .orElseThrow();
        client.deleteLunMap(map.lunUuid(), map.igroupUuid());
        CliRun.Result restore = vsskit("restore", "--vm", "app01", "--to", tmp.resolve("never").toString());
        assertThat(restore.exitCode()).as(restore.err()).isEqualTo(ExitCode.ERROR);
        assertThat(restore.err()).contains("LUN /vol/hv_csv2/csv2_lun is mapped to no igroup").hasLineCount(1);
        assertThat(tmp.resolve("never")).doesNotExist();
        assertNothingOfTheCloneLeft();
        assertThat(served.vss().wmi().storage().calls()).isEmpty();
    }

    /**
     * A LUN mapped to two igroups: the clone goes to the one that holds this host's initiator (asked of the host's
     * MSFT_InitiatorPort); when both hold it, vsskit refuses in one line naming them.
     */
    @Test
    void ofSeveralIgroupsTheCloneIsMappedToTheOneHoldingThisHostsInitiator() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        var client = LabOntapRuntime.of(served.lab()).client();
        String ours = "iqn.1991-05.com.microsoft:" + served.windows().computerName().toLowerCase(java.util.Locale.ROOT);
        dev.vsskit.lab.ontap.OntapLab.addIgroup(lab, "backup_hosts", List.of("iqn.1991-05.com.microsoft:bk01.lab.local"));
        var csvLun = client.luns().stream().filter(l -> l.name().equals("/vol/hv_csv2/csv2_lun")).findFirst()
                .orElseThrow();
        var other = client.igroups().stream().filter(g -> g.name().equals("backup_hosts")).findFirst().orElseThrow();
        client.createLunMap("svm1", csvLun.uuid(), other.uuid());
        // the served host sees only LUNs mapped to an igroup holding its initiator: mapped to backup_hosts, the
        // clone's disk would never appear and the restore would fail
        CliRun.Result restore = vsskit("restore", "--vm", "app01", "--to", tmp.resolve("one").toString(), "--output",
                "json");
        assertThat(restore.exitCode()).as(restore.err()).isZero();
        assertThat(json(restore).path("method").asText()).isEqualTo(LUN_CLONE_TO_FOLDER);
        assertThat(sha256(tmp.resolve("one/Virtual Hard Disks/app01.vhdx")))
                .isEqualTo(sha256(lab.resolve("volumes/Volume2/data/app01/Virtual Hard Disks/app01.vhdx")));
        assertNothingOfTheCloneLeft();

        dev.vsskit.lab.ontap.OntapLab.addIgroup(lab, "all_hosts", List.of(ours));
        var all = client.igroups().stream().filter(g -> g.name().equals("all_hosts")).findFirst().orElseThrow();
        client.createLunMap("svm1", csvLun.uuid(), all.uuid());
        CliRun.Result refused = vsskit("restore", "--vm", "app01", "--to", tmp.resolve("two").toString());
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCode.ERROR);
        assertThat(refused.err()).contains("is mapped to igroups").contains("all_hosts").contains("hvcluster_hosts")
                .contains("2 of them hold this host's initiators").hasLineCount(1);
        assertNothingOfTheCloneLeft();
    }

    /** Deep verify of a crash-consistent backup reads the VHDX on the mounted LUN clone, then takes it away. */
    @Test
    void deepVerifyOfACrashConsistentBackupReadsTheDisksOnAMountedLunClone() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        CliRun.Result v = vsskit("verify", "--last", "--deep", "--output", "json");
        assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
        List<JsonNode> checks = new ArrayList<>();
        json(v).path("checks").forEach(checks::add);
        assertThat(checks).filteredOn(c -> c.path("name").asText().equals("app01: snapshot access")).singleElement()
                .satisfies(c -> assertThat(c.path("evidence").asText()).contains("LUN clone /vol/hv_csv2/vsskit_restore_",
                        "mounted on", "bytes of metadata read"));
        assertThat(checks).extracting(c -> c.path("name").asText()).contains("app01 app01.vhdx: VHDX headers");
        assertNothingOfTheCloneLeft();
    }

    /** A mount that fails on the host: the disk goes offline, the map and the clone go, exit 1. */
    @Test
    void aMountThatFailsIsUndoneInReverseOrder() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        served.vss().wmi().storage().failNext("AddAccessPath", 42002);
        CliRun.Result restore = vsskit("restore", "--vm", "app01", "--to", tmp.resolve("never").toString());
        assertThat(restore.exitCode()).as(restore.err()).isEqualTo(ExitCode.ERROR);
        assertThat(restore.err()).contains("AddAccessPath returned 42002 (The requested access path is already in use)")
                .hasLineCount(1);
        assertThat(tmp.resolve("never")).doesNotExist();
        assertNothingOfTheCloneLeft();
        List<String> calls = served.vss().wmi().storage().calls();
        assertThat(calls.get(calls.size() - 1)).startsWith("MSFT_Disk.Offline");
    }

    /** A restore killed with its clone mapped leaves a vsskit_restore_ LUN clone: cleanup finds and removes it. */
    @Test
    void cleanupRemovesTheLunCloneOfAKilledRestore() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "app01", "--crash-consistent", "--name", "cc");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        String snapshot = ontapSnapshots("hv_csv2").stream().filter(n -> n.startsWith("cc")).findFirst().orElseThrow();
        // what a restore killed after the map leaves: its clone, named by a process that is gone, mapped to the host
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        var client = LabOntapRuntime.of(served.lab()).client();
        String name = "vsskit_restore_" + served.windows().computerName() + "_" + gone.pid() + "_20261207010203_1";
        var clone = client.createLunClone("svm1", "/vol/hv_csv2/csv2_lun", snapshot, name);
        var igroup = client.igroups().get(0);
        client.createLunMap("svm1", clone.uuid(), igroup.uuid());
        // and one of a live restore on this host, made now by this process, which cleanup leaves alone
        java.time.format.DateTimeFormatter stamp = java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
                .withZone(java.time.ZoneOffset.UTC);
        String live = "vsskit_restore_" + served.windows().computerName() + "_" + ProcessHandle.current().pid()
                + "_" + stamp.format(java.time.Instant.now()) + "_2";
        var running = client.createLunClone("svm1", "/vol/hv_csv2/csv2_lun", snapshot, live);
        // and one made under this process's id an hour before this process started: its maker is gone, the id reused
        String reused = "vsskit_restore_" + served.windows().computerName() + "_" + ProcessHandle.current().pid()
                + "_" + stamp.format(ProcessHandle.current().info().startInstant().orElseThrow().minusSeconds(3600))
                + "_3";
        client.createLunClone("svm1", "/vol/hv_csv2/csv2_lun", snapshot, reused);

        CliRun.Result dry = vsskit("cleanup", "--output", "json");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("/vol/hv_csv2/" + name).contains("restore LUN clone")
                .contains("/vol/hv_csv2/" + reused).doesNotContain(live);
        CliRun.Result apply = vsskit("cleanup", "--apply");
        assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
        assertThat(apply.out()).contains("unmapped from 1 igroup, deleted");
        assertThat(client.luns()).extracting(dev.vsskit.ontap.client.LunRecord::name)
                .doesNotContain("/vol/hv_csv2/" + name, "/vol/hv_csv2/" + reused).contains("/vol/hv_csv2/" + live);
        assertThat(client.lunMaps()).noneMatch(m -> m.lunUuid().equals(clone.uuid()));
        client.deleteLun(running.uuid());
    }

    /** Deep verify reads the backup's Snapshot copies from the host: the exposed shadow on a CSV, .snapshot on a share. */
    @Test
    void deepVerifyReadsTheDisksThroughTheExposedShadowAndTheSharesSnapshotFolder() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "web01", "--vm", "file01");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        CliRun.Result v = vsskit("verify", "--last", "--deep", "--output", "json");
        assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
        List<JsonNode> checks = new ArrayList<>();
        json(v).path("checks").forEach(checks::add);
        assertThat(checks).filteredOn(c -> c.path("name").asText().equals("web01: snapshot access")).singleElement()
                .satisfies(c -> assertThat(c.path("evidence").asText()).contains("shadow copy {", "exposed on",
                        "bytes of metadata read"));
        assertThat(checks).filteredOn(c -> c.path("name").asText().equals("file01: snapshot access")).singleElement()
                .satisfies(c -> assertThat(c.path("evidence").asText())
                        .contains("the share's Snapshot copy \\\\svm1\\hvshare\\.snapshot\\"));
        assertThat(checks).extracting(c -> c.path("name").asText()).contains("web01 web01.vhdx: VHDX headers",
                "file01 file01.vhdx: partition table");
        assertThat(served.vss().calls()).contains("IVssBackupComponents::ExposeSnapshot");
        // every exposure was undone
        List<String> calls = served.vss().calls();
        assertThat(calls.stream().filter(c -> c.endsWith("::UnexposeSnapshot")).count())
                .isEqualTo(calls.stream().filter(c -> c.endsWith("::ExposeSnapshot")).count()).isPositive();
    }

    /** The backup verbs above ran on the Windows host, and the volumes resolved through the disks' identity. */
    @Test
    void theVerbsRunOnTheWindowsHostAndResolveCsvsThroughTheDisksIdentity() throws Exception {
        CliRun.Result backup = vsskit("backup", "--vm", "web01", "--vm", "file01", "--output", "json");
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        assertThat(json(backup).path("volumes")).extracting(v -> v.path("ontapVolume").asText())
                .containsExactlyInAnyOrder("hv_csv1", "hv_smb1");
        assertThat(served.vss().calls()).contains("IVssBackupComponents::AddToSnapshotSet",
                "IVssBackupComponents::DoSnapshotSet", "IVssBackupComponents::BackupComplete");
        assertThat(disks.calls()).contains("DeviceIoControl IOCTL_STORAGE_QUERY_PROPERTY(0) \\\\.\\PhysicalDrive1",
                "DeviceIoControl IOCTL_STORAGE_QUERY_PROPERTY(2) \\\\.\\PhysicalDrive1");
        // the provider each volume goes to: ONTAP's for a CSV on an ONTAP LUN, File Share for a share, the system
        // provider for C: (a Hyper-V virtual disk, no NetApp LUN)
        WindowsBackupTarget t = target();
        assertThat(t.predictProvider(t.volumeOf("C:\\ClusterStorage\\Volume2\\app01\\x.vhdx").orElseThrow(),
                Optional.empty()).name()).isEqualTo("Data ONTAP VSS Hardware Provider");
        assertThat(t.predictProvider(t.volumeOf("\\\\svm1\\hvshare\\file01\\x.vhdx").orElseThrow(),
                Optional.empty()).type()).isEqualTo(dev.vsskit.vss.ProviderType.FILESHARE);
        assertThat(t.volumeOf("C:\\Windows\\notepad.exe").orElseThrow().luns()).singleElement()
                .satisfies(l -> assertThat(l.vendorId()).isEqualTo("Msft"));
        assertThat(t.predictProvider(t.volumeOf("C:\\Windows\\notepad.exe").orElseThrow(), Optional.empty()).type())
                .isEqualTo(dev.vsskit.vss.ProviderType.SYSTEM);
        CliRun.Result to = vsskit("restore", "--vm", "web01", "--to", tmp.resolve("web01-copy").toString(),
                "--output", "json");
        assertThat(to.exitCode()).as(to.err()).isZero();
        assertThat(json(to).path("method").asText())
                .isEqualTo("copy to alternate folder (read through the exposed shadow copy)");
        assertThat(sha256(tmp.resolve("web01-copy/Virtual Hard Disks/web01.vhdx")))
                .isEqualTo(sha256(lab.resolve("volumes/Volume1/data/web01/Virtual Hard Disks/web01.vhdx")));
        // with the backup's shadow copy on the host, the cheaper route: no LUN clone, no disk rescan
        assertThat(served.vss().wmi().storage().calls()).isEmpty();
        assertThat(LabOntapRuntime.of(served.lab()).client().luns()).extracting(dev.vsskit.ontap.client.LunRecord::name)
                .noneMatch(n -> n.contains("vsskit_restore_"));
        assertThat(served.vss().calls()).contains("IVssBackupComponents::ExposeSnapshot");
    }
}
