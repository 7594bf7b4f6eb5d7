package dev.vsskit.lab.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VmDescription;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.VirtualMachine;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.WindowsVssHost;
import dev.vsskit.vss.windows.hyperv.WindowsHyperV;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WindowsHyperV} and the WMI binding under it against the lab served as native COM objects (VSS and Hyper-V's
 * WMI namespace): the VMs come out as the lab lists them, RequestStateChange's job is polled and really turns the
 * lab VM off and on, a failed job and a refused state change are one-line errors that change nothing, and the
 * requester released every WMI object and cleared every VARIANT (checked when the served lab closes).
 */
class ServedHyperVTest extends ServedLabTest {

    WindowsHyperV hyperV;

    @BeforeEach
    void hyperVOverTheServedWmi() {
        hyperV = new WindowsHyperV(windows, Duration.ofMillis(5), Duration.ofSeconds(20));
    }

    private VmDescription vm(String name) {
        return lab.virtualMachineDescriptions().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    private VirtualMachine target(String name) {
        return hyperV.virtualMachines().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void listsTheLabsVmsWithStateFilesVolumesAndBackupMethod() {
        List<VmDescription> vms = windows.virtualMachineDescriptions();
        assertThat(vms).isEqualTo(lab.virtualMachineDescriptions());
        assertThat(vms).extracting(VmDescription::name).containsExactly("sql01", "web01", "app01", "file01");
        assertThat(vms.get(0).state()).isEqualTo("Running");
        assertThat(vms.get(0).ownerNode()).isEqualTo("HV-LAB-01");
        assertThat(vms.get(0).volumes()).containsExactly("C:\\ClusterStorage\\Volume1\\");
        assertThat(vms.get(3).volumes()).containsExactly("\\\\svm1\\hvshare\\");
        assertThat(hyperV.virtualMachines()).extracting(VirtualMachine::files)
                .isEqualTo(vms.stream().map(VmDescription::files).toList());
        assertThat(served.calls()).containsSubsequence("CoCreateInstance", "IWbemLocator::ConnectServer",
                "CoSetProxyBlanket", "IWbemServices::ExecQuery", "IEnumWbemClassObject::Next", "IWbemClassObject::Get",
                "VariantClear", "IWbemClassObject::Release", "IEnumWbemClassObject::Release", "IWbemServices::Release",
                "IWbemLocator::Release");
        assertThat(served.calls()).contains("IVssBackupComponents::GatherWriterMetadata");
    }

    @Test
    void aVmWithoutBackupIntegrationIsListedAsSavedStateAndKeepsThatFact() {
        assertThat(hyperV.names()).containsExactly("sql01", "web01", "app01", "file01");
        servedLab.close();
        dev.vsskit.lab.LabConfig d = LabInit.defaultConfig(dev.vsskit.vss.VssId::random);
        List<dev.vsskit.lab.LabConfig.LabVm> vms = d.vms().stream().map(v -> !v.name().equals("file01") ? v
                : new dev.vsskit.lab.LabConfig.LabVm(v.name(), v.id(), v.volume(), false, v.inGuestWriters(), v.vhdx(),
                        v.config())).toList();
        dev.vsskit.lab.LabConfig config = new dev.vsskit.lab.LabConfig(d.formatVersion(), d.host(), d.volumes(),
                d.providers(), d.writers(), vms, d.ontap(), d.shadowStorage());
        servedLab = ServedLab.open(LabInit.create(tmp.resolve("lab2"), false, config).dir());
        lab = servedLab.lab();
        windows = servedLab.windows();
        hyperV = new WindowsHyperV(windows, Duration.ofMillis(5), Duration.ofSeconds(20));

        assertThat(target("file01").backupIntegration()).isFalse();
        assertThat(target("web01").backupIntegration()).isTrue();
        List<VmDescription> described = windows.virtualMachineDescriptions();
        assertThat(described).isEqualTo(lab.virtualMachineDescriptions());
        assertThat(described).filteredOn(v -> v.name().equals("file01")).extracting(VmDescription::backupMethod)
                .containsExactly("Saved State");
    }

    @Test
    void onAClusterNodeWmiListsTheVmsThatNodeOwnsWithItAsOwnerAndTheClusterTheOthers() {
        assertThat(hyperV.names()).hasSize(4);
        Path dir = LabInit.create(tmp.resolve("cluster"), false,
                LabInit.clusterConfig(dev.vsskit.vss.VssId::random, 2)).dir();
        try (LabHost node2 = LabHost.open(dir, "HV-LAB-02")) {
            ServedVss vss2 = new ServedVss(node2);
            try (WindowsVssHost windows2 = new WindowsVssHost(vss2, ServedVss.TEST_TIMING)) {
                List<VmDescription> owned = node2.virtualMachineDescriptions().stream()
                        .filter(v -> v.ownerNode().equals("HV-LAB-02")).toList();
                assertThat(owned).isNotEmpty();
                assertThat(node2.virtualMachineDescriptions()).hasSizeGreaterThan(owned.size());
                List<VmDescription> listed = windows2.virtualMachineDescriptions();
                assertThat(listed.subList(0, owned.size())).isEqualTo(owned);
                assertThat(listed).hasSameSizeAs(node2.virtualMachineDescriptions()); // ServedClusterWmiTest: the rest
            }
            assertThat(vss2.problems()).isEmpty();
        }
    }

    @Test
    void requestStateChangePollsItsJobAndReallyTurnsTheLabVmOffAndOn() {
        served.wmi().faults().jobPolls(3);
        hyperV.requestStateChange("web01", WindowsHyperV.DISABLED);
        assertThat(vm("web01").state()).isEqualTo("Off");
        assertThat(vm("web01").running()).isFalse();
        assertThat(served.wmi().jobPollCount()).isEqualTo(4); // three Running, then Completed
        assertThat(served.calls()).containsSubsequence("IWbemServices::GetObject", "IWbemClassObject::GetMethod",
                "IWbemClassObject::SpawnInstance", "IWbemClassObject::Put", "IWbemServices::ExecMethod",
                "IWbemServices::GetObject");
        assertThat(target("web01").running()).isFalse();

        hyperV.requestStateChange("web01", WindowsHyperV.ENABLED);
        assertThat(vm("web01").state()).isEqualTo("Running");
        assertThat(served.wmi().stateChanges()).containsExactly("web01 -> 3", "web01 -> 2");
    }

    @Test
    void aFailedJobIsAOneLineErrorWithItsDescriptionAndTheVmKeepsItsState() {
        served.wmi().faults().failJob("'web01' failed to change state.\r\nThe operation cannot be performed while the"
                + " object is in its current state.");
        assertThatThrownBy(() -> hyperV.requestStateChange("web01", WindowsHyperV.DISABLED))
                .isInstanceOf(WindowsHyperV.StateChangeException.class)
                .hasMessage("turning off VM web01 failed: Hyper-V's job ended Exception with error 32768: 'web01' failed"
                        + " to change state. The operation cannot be performed while the object is in its current state.");
        assertThat(vm("web01").state()).isEqualTo("Running");
    }

    @Test
    void aRefusedStateChangeNamesTheReturnValue() {
        assertThatThrownBy(() -> hyperV.requestStateChange("sql01", WindowsHyperV.ENABLED))
                .isInstanceOf(WindowsHyperV.StateChangeException.class)
                .hasMessageStartingWith("turning VM sql01 on failed: RequestStateChange returned 32775 (Invalid state for"
                        + " this operation); the VM is busy")
                .satisfies(e -> assertThat(((WindowsHyperV.StateChangeException) e).code()).isEqualTo(32775));
        served.wmi().faults().stateChangeReturns(32774);
        assertThatThrownBy(() -> hyperV.requestStateChange("sql01", WindowsHyperV.DISABLED))
                .hasMessageContaining("returned 32774 (System is in use)");
        assertThat(vm("sql01").state()).isEqualTo("Running");
        assertThat(served.wmi().stateChanges()).containsExactly("sql01 -> 2", "sql01 -> 3");
    }

    @Test
    void anUnknownVmIsRefusedNamingIt() {
        assertThatThrownBy(() -> hyperV.requestStateChange("nope", WindowsHyperV.DISABLED))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown VM 'nope' on HV-LAB-01.lab.local; see `vsskit list vms`");
        VirtualMachine ghost = new VirtualMachine("ghost", dev.vsskit.vss.VssId.parse(
                "{00000000-0000-0000-0000-000000000001}"), List.of(), true, true);
        assertThatThrownBy(() -> hyperV.beginRestore(ghost)).hasMessageContaining("unknown VM 'ghost'");
        assertThat(served.wmi().stateChanges()).isEmpty();
    }

    @Test
    void beginRestoreTurnsTheVmOffBeforeAndOnAfterWhenAsked() {
        BackupTarget.VmRestoreSequence s = hyperV.beginRestore(target("app01"));
        s.preRestore();
        assertThat(vm("app01").state()).isEqualTo("Off");
        s.postRestore(true);
        assertThat(vm("app01").state()).isEqualTo("Running");

        BackupTarget.VmRestoreSequence off = hyperV.beginRestore(target("app01"));
        off.preRestore();
        off.postRestore(false);
        assertThat(vm("app01").state()).isEqualTo("Off");
        // an off VM is not turned off again (Hyper-V would refuse with 32775)
        hyperV.beginRestore(target("app01")).preRestore();
        assertThat(served.wmi().stateChanges()).containsExactly("app01 -> 3", "app01 -> 2", "app01 -> 3");
    }

    @Test
    void withTheBackupsDocumentTheHyperVWriterGetsPreRestoreAndPostRestore() {
        String xml = backUp("web01");
        BackupTarget.VmRestoreSequence s = hyperV.beginRestore(target("web01"), xml);
        s.preRestore();
        assertThat(vm("web01").state()).isEqualTo("Off");
        assertThat(served.calls()).containsSubsequence("IWbemServices::ExecMethod",
                "IVssBackupComponents::InitializeForRestore", "IVssBackupComponents::SetSelectedForRestore",
                "IVssBackupComponents::PreRestore");
        s.postRestore(true);
        assertThat(served.calls()).containsSubsequence("IVssBackupComponents::PreRestore",
                "IVssBackupComponents::SetFileRestoreStatus", "IVssBackupComponents::PostRestore");
        assertThat(vm("web01").state()).isEqualTo("Running");

        String other = backUp("sql01");
        assertThatThrownBy(() -> hyperV.beginRestore(target("web01"), other).preRestore())
                .hasMessageContaining("the backup's document has no Hyper-V writer component for VM web01");
    }

    /** A backup of one VM through the binding; its Backup Components Document. */
    private String backUp(String name) {
        VirtualMachine vm = target(name);
        try (BackupSession b = windows.openBackupSession()) {
            b.initializeForBackup();
            b.setContext(SnapshotContext.APP_ROLLBACK);
            b.setBackupState(true, false, BackupType.FULL, false);
            List<WriterMetadata> md = b.gatherWriterMetadata();
            WriterMetadata w = md.stream().filter(m -> m.writerId().equals(BackupService.HYPER_V_WRITER)).findFirst()
                    .orElseThrow();
            WriterComponent c = w.components().stream().filter(x -> x.name().equalsIgnoreCase(vm.id().toString()))
                    .findFirst().orElseThrow();
            b.addComponent(w.instanceId(), w.writerId(), c.logicalPath(), c.name());
            b.startSnapshotSet();
            String volume = hyperV.describe().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow()
                    .volumes().get(0);
            b.addToSnapshotSet(volume, dev.vsskit.vss.VssId.NULL);
            b.prepareForBackup();
            b.doSnapshotSet();
            b.setBackupSucceeded(w.instanceId(), w.writerId(), c.logicalPath(), c.name(), true);
            b.backupComplete();
            return b.saveAsXml();
        }
    }
}
