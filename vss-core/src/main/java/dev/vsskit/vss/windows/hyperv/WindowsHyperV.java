package dev.vsskit.vss.windows.hyperv;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.HostException;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VmDescription;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.VirtualMachine;
import dev.vsskit.vss.session.RestoreSession;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.windows.Wmi;
import dev.vsskit.vss.windows.WindowsCluster;
import dev.vsskit.vss.windows.WmiObject;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link HyperV} on a Windows host: the Hyper-V VSS writer's components (one per VM, named by the VM's GUID, with
 * its files; the caption says whether the writer backs it up online or in saved state) joined with WMI
 * {@code ROOT\virtualization\v2} ({@code Msvm_ComputerSystem} for the name and {@code EnabledState},
 * {@code Msvm_VirtualSystemSettingData} of type {@code Microsoft:Hyper-V:System:Realized} to tell VMs from the host
 * itself). A VM's restore turns it off and on with {@code Msvm_ComputerSystem.RequestStateChange} (its
 * {@code Msvm_ConcreteJob} polled when the method returns 4096) and, given the backup's Backup Components Document,
 * runs the writer's PreRestore and PostRestore through the host's COM restore session.
 *
 * <p>Hyper-V's WMI on a cluster node lists the VMs that node owns (a clustered VM is registered only on its owner);
 * the failover cluster ({@link WindowsCluster}, WMI {@code ROOT\MSCluster}) names each clustered VM's owner node and
 * the VMs the other nodes run.
 */
public final class WindowsHyperV implements HyperV {

    public static final String NAMESPACE = "ROOT\\virtualization\\v2";
    static final String REALIZED = "Microsoft:Hyper-V:System:Realized";
    /** Msvm_ComputerSystem.RequestStateChange's RequestedState values. */
    public static final int ENABLED = 2;
    public static final int DISABLED = 3;
    /** RequestStateChange's return values. */
    static final int COMPLETED = 0;
    static final int JOB_STARTED = 4096;
    /** Msvm_ConcreteJob.JobState: 7 Completed; 8 Terminated, 9 Killed, 10 Exception are failures. */
    static final int JOB_COMPLETED = 7;

    private final WindowsVssHost host;
    private final Wmi wmi;
    private final Duration jobPoll;
    private final Duration jobDeadline;

    public WindowsHyperV(WindowsVssHost host) {
        this(host, Duration.ofMillis(500), Duration.ofMinutes(10));
    }

    /** With its own patience for WMI jobs: one poll every {@code jobPoll}, given up after {@code jobDeadline}. */
    public WindowsHyperV(WindowsVssHost host, Duration jobPoll, Duration jobDeadline) {
        this.host = host;
        this.wmi = host.wmi(NAMESPACE);
        this.jobPoll = jobPoll;
        this.jobDeadline = jobDeadline;
    }

    /** One VM in WMI: its Msvm_ComputerSystem path, GUID, name and EnabledState. */
    record WmiVm(String path, VssId id, String name, int enabledState) {
    }

    /** The VMs WMI knows: Msvm_ComputerSystem rows that have a realized Msvm_VirtualSystemSettingData. */
    List<WmiVm> wmiVms() {
        List<WmiObject> settings = wmi.query("SELECT * FROM Msvm_VirtualSystemSettingData WHERE VirtualSystemType = '"
                + REALIZED + "'", List.of("VirtualSystemIdentifier", "ElementName"));
        Map<String, String> realized = new HashMap<>();
        for (WmiObject s : settings) {
            s.string("VirtualSystemIdentifier").ifPresent(id -> realized.put(id.toLowerCase(Locale.ROOT),
                    s.string("ElementName").orElse("")));
        }
        List<WmiVm> out = new ArrayList<>();
        for (WmiObject cs : wmi.query("SELECT * FROM Msvm_ComputerSystem",
                List.of("__PATH", "Name", "ElementName", "EnabledState"))) {
            String name = cs.string("Name").orElse("");
            if (!realized.containsKey(name.toLowerCase(Locale.ROOT)) || !VssId.isValid(name)) {
                continue; // the host's own Msvm_ComputerSystem, or a planned VM
            }
            String element = cs.string("ElementName").filter(e -> !e.isEmpty())
                    .orElse(realized.get(name.toLowerCase(Locale.ROOT)));
            out.add(new WmiVm(cs.string("__PATH").orElseThrow(() -> new HostException("WMI gave Msvm_ComputerSystem "
                    + name + " without a __PATH")), VssId.parse(name), element,
                    cs.number("EnabledState").orElse(0L).intValue()));
        }
        return out;
    }

    /** The VM names WMI knows (no VSS call: for completion). */
    public List<String> names() {
        return wmiVms().stream().map(WmiVm::name).toList();
    }

    /**
     * Every VM with its state, files, volumes and backup method: the VMs this host runs (Hyper-V's WMI), each with the
     * owner node the failover cluster names (this host when it is no cluster node), then the clustered VMs other nodes
     * run. Such a VM on a CSV comes with the files the CSV writer here reports for it (it proxies the owner's Hyper-V
     * writer); one that no writer here reports (a VM on an SMB 3.0 share) has no files and is backed up on its owner
     * node only ({@link #cannotBackUpHere}).
     */
    public List<VmDescription> describe() {
        List<WmiVm> vms = wmiVms();
        List<WriterMetadata> metadata = host.writerMetadata();
        WriterMetadata writer = hyperVWriter(metadata);
        Optional<WriterMetadata> csvWriter = metadata.stream().filter(m -> m.writerId().equals(BackupService.CSV_WRITER))
                .findFirst();
        List<Volume> volumes = host.volumes();
        String node = thisNode();
        Map<VssId, WindowsCluster.ClusteredVm> clustered = new LinkedHashMap<>();
        host.clusteredVirtualMachines().forEach(c -> clustered.put(c.id(), c));
        List<VmDescription> out = new ArrayList<>();
        for (WmiVm vm : vms) {
            Optional<WriterComponent> c = componentOf(writer, vm.id());
            String owner = Optional.ofNullable(clustered.remove(vm.id())).map(WindowsCluster.ClusteredVm::ownerNode)
                    .filter(o -> !o.isEmpty()).orElse(node);
            out.add(description(vm.name(), vm.id(), stateName(vm.enabledState()), vm.enabledState() != DISABLED, owner,
                    c, volumes));
        }
        for (WindowsCluster.ClusteredVm vm : clustered.values()) {
            Optional<WriterComponent> c = csvWriter.flatMap(w -> componentOf(w, vm.id()));
            out.add(description(vm.name(), vm.id(), vm.stateName(), vm.running(), vm.ownerNode(), c, volumes));
        }
        described = out;
        return out;
    }

    private static VmDescription description(String name, VssId id, String state, boolean running, String owner,
            Optional<WriterComponent> c, List<Volume> volumes) {
        List<String> files = c.map(WriterComponent::files).orElse(List.of());
        List<String> vols = files.stream().map(f -> volumeOf(f, volumes)).distinct().toList();
        // the writer says "Saved State" for a VM whose guest has no backup integration service; a VM no writer here
        // reports cannot be backed up from here at all
        boolean online = c.isPresent() && !"Saved State".equals(c.get().backupMethod());
        return new VmDescription(name, id, state, running, owner, files, vols, online);
    }

    /** What the last {@link #describe} found (for the plan's questions about the VMs it listed). */
    private volatile List<VmDescription> described;

    /**
     * A clustered VM that another node runs and no writer on this host reports (the CSV writer proxies only VMs on
     * CSVs): only its owner node's Hyper-V writer can back it up.
     */
    @Override
    public Optional<String> cannotBackUpHere(VirtualMachine vm) {
        List<VmDescription> known = described != null ? described : describe();
        return known.stream().filter(d -> d.id().equals(vm.id()) && d.files().isEmpty()).findFirst()
                .filter(d -> !d.ownerNode().equalsIgnoreCase(thisNode())).map(d -> "it runs on node " + d.ownerNode()
                        + " and no writer on " + thisNode() + " reports it (the CSV writer proxies only VMs on CSVs):"
                        + " back it up on its owner node, running vsskit on " + d.ownerNode());
    }

    private String thisNode() {
        String computer = host.computerName();
        return computer.contains(".") ? computer.substring(0, computer.indexOf('.')) : computer;
    }

    @Override
    public List<VirtualMachine> virtualMachines() {
        return describe().stream().map(d -> new VirtualMachine(d.name(), d.id(), d.files(), d.running(),
                d.onlineBackup())).toList();
    }

    /**
     * Off before the files are replaced (RequestStateChange 3, when the VM is not off), on afterwards when asked
     * (RequestStateChange 2). Without the backup's Backup Components Document the Hyper-V writer takes no part:
     * see {@link #beginRestore(VirtualMachine, String)}.
     */
    @Override
    public BackupTarget.VmRestoreSequence beginRestore(VirtualMachine vm) {
        return beginRestore(vm, Optional.empty());
    }

    /**
     * The whole sequence: the VM off, then the Hyper-V writer's PreRestore of the VM's component (InitializeForRestore
     * with the document the backup saved, SetSelectedForRestore, PreRestore); after the files are back,
     * SetFileRestoreStatus and PostRestore, then the VM on when asked.
     */
    @Override
    public BackupTarget.VmRestoreSequence beginRestore(VirtualMachine vm, String backupComponentsXml) {
        return beginRestore(vm, Optional.of(backupComponentsXml));
    }

    private BackupTarget.VmRestoreSequence beginRestore(VirtualMachine vm, Optional<String> document) {
        WmiVm target = find(vm);
        return new BackupTarget.VmRestoreSequence() {
            private RestoreSession session;

            @Override
            public void preRestore() {
                if (current(target).enabledState() != DISABLED) {
                    requestStateChange(target, DISABLED);
                }
                if (document.isPresent()) {
                    RestoreSession s = host.openRestoreSession();
                    try {
                        s.initializeForRestore(document.get());
                        s.gatherWriterMetadata();
                        boolean selected = s.components().stream().anyMatch(c -> c.writerId()
                                .equals(BackupService.HYPER_V_WRITER) && c.name().equalsIgnoreCase(vm.id().toString()));
                        if (!selected) {
                            throw new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "the backup's document has no"
                                    + " Hyper-V writer component for VM " + vm.name() + " (" + vm.id() + ")");
                        }
                        s.preRestore();
                    } catch (RuntimeException e) {
                        s.close();
                        throw e;
                    }
                    session = s;
                }
            }

            @Override
            public void postRestore(boolean start) {
                if (session != null) {
                    try {
                        session.postRestore();
                    } finally {
                        session.close();
                        session = null;
                    }
                }
                if (start && current(target).enabledState() != ENABLED) {
                    requestStateChange(target, ENABLED);
                }
            }
        };
    }

    private WmiVm find(VirtualMachine vm) {
        return wmiVms().stream().filter(w -> w.id().equals(vm.id())).findFirst().orElseThrow(() -> {
            Optional<String> owner = host.clusteredVirtualMachines().stream().filter(c -> c.id().equals(vm.id()))
                    .map(WindowsCluster.ClusteredVm::ownerNode).filter(o -> !o.isEmpty()).findFirst();
            if (owner.isPresent()) {
                return new IllegalArgumentException("VM '" + vm.name() + "' (" + vm.id() + ") runs on node "
                        + owner.get() + ", not on " + thisNode() + ": Hyper-V turns a VM off and on only on its owner;"
                        + " restore it there, running vsskit on " + owner.get());
            }
            return new IllegalArgumentException("unknown VM '" + vm.name() + "' (" + vm.id() + ") on "
                    + host.computerName() + ": Hyper-V's WMI does not know it; see `vsskit list vms`");
        });
    }

    private WmiVm current(WmiVm vm) {
        return wmiVms().stream().filter(w -> w.id().equals(vm.id())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("VM '" + vm.name() + "' (" + vm.id() + ") is no longer"
                        + " registered on " + host.computerName() + "; see `vsskit list vms`"));
    }

    /** Turns the VM on (2) or off (3), by name or id, and waits for Hyper-V's job to finish. */
    public void requestStateChange(String nameOrId, int state) {
        WmiVm vm = wmiVms().stream().filter(w -> w.name().equalsIgnoreCase(nameOrId)
                || (VssId.isValid(nameOrId) && w.id().equals(VssId.parse(nameOrId)))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown VM '" + nameOrId + "' on "
                        + host.computerName() + "; see `vsskit list vms`"));
        requestStateChange(vm, state);
    }

    /**
     * {@code RequestStateChange(RequestedState)}: 0 is done; 4096 started a job, polled with GetObject until its
     * JobState is Completed (7) or a failure (8, 9, 10: its ErrorDescription is the message); any other return
     * value is a one-line error naming it.
     */
    void requestStateChange(WmiVm vm, int state) {
        String what = (state == ENABLED ? "turning VM " : "turning off VM ") + vm.name() + (state == ENABLED ? " on" : "");
        WmiObject out = wmi.execMethod("Msvm_ComputerSystem", vm.path(), "RequestStateChange",
                Map.of("RequestedState", state), List.of("ReturnValue", "Job"));
        int rv = out.number("ReturnValue").orElseThrow(() -> new HostException(what
                + ": RequestStateChange returned no ReturnValue")).intValue();
        if (rv == COMPLETED) {
            return;
        }
        if (rv != JOB_STARTED) {
            throw new StateChangeException(what + " failed: RequestStateChange returned " + rv + " ("
                    + returnText(rv) + ")" + advice(rv), rv);
        }
        String job = out.string("Job").orElseThrow(() -> new HostException(what
                + ": RequestStateChange started a job (4096) but gave no Job reference"));
        waitForJob(what, job);
    }

    private void waitForJob(String what, String job) {
        long deadline = System.nanoTime() + jobDeadline.toNanos();
        while (true) {
            WmiObject j = wmi.get(job, List.of("JobState", "ErrorCode", "ErrorDescription", "PercentComplete"))
                    .orElseThrow(() -> new HostException(what + ": Hyper-V's job " + job + " vanished before it ended"));
            int jobState = j.number("JobState").orElse(0L).intValue();
            if (jobState == JOB_COMPLETED) {
                return;
            }
            if (jobState >= 8 && jobState <= 10) {
                long code = j.number("ErrorCode").orElse(0L);
                String description = j.string("ErrorDescription").filter(d -> !d.isBlank()).orElse(jobStateText(jobState));
                throw new StateChangeException(what + " failed: Hyper-V's job ended " + jobStateText(jobState)
                        + " with error " + code + ": " + oneLine(description), (int) code);
            }
            if (System.nanoTime() > deadline) {
                throw new VssException(HResult.VSS_E_UNEXPECTED, what + ": Hyper-V's job " + job + " did not finish in "
                        + jobDeadline.toSeconds() + " s (JobState " + jobState + ", "
                        + j.number("PercentComplete").orElse(0L) + "% complete); look at the VM in Hyper-V Manager");
            }
            try {
                Thread.sleep(jobPoll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException(what + ": interrupted while waiting for Hyper-V's job " + job);
            }
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }

    /**
     * A state change Hyper-V refused or failed, with its return value or job error code; classed by
     * {@link dev.vsskit.vss.FailureClasses} (32774 in use and 32772 timeout are worth a retry: exit 4).
     */
    public static final class StateChangeException extends HostException implements dev.vsskit.vss.FailureClasses.Coded {
        private static final long serialVersionUID = 1L;
        private final int code;

        public StateChangeException(String message, int code) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }

        @Override
        public dev.vsskit.vss.FailureClasses.Source failureSource() {
            return dev.vsskit.vss.FailureClasses.Source.HYPERV;
        }

        @Override
        public String failureCode() {
            return Integer.toString(code);
        }
    }

    /** RequestStateChange's documented return values. */
    static String returnText(int rv) {
        return switch (rv) {
            case 32768 -> "Failed";
            case 32769 -> "Access Denied";
            case 32770 -> "Not Supported";
            case 32771 -> "Status is unknown";
            case 32772 -> "Timeout";
            case 32773 -> "Invalid parameter";
            case 32774 -> "System is in use";
            case 32775 -> "Invalid state for this operation";
            case 32776 -> "Incorrect data type";
            case 32777 -> "System is not available";
            case 32778 -> "Out of memory";
            default -> "undocumented";
        };
    }

    private static String advice(int rv) {
        return switch (rv) {
            case 32769 -> "; run vsskit from an elevated prompt as a member of Administrators or Hyper-V Administrators";
            case 32774, 32775 -> "; the VM is busy or in a state that does not allow it (a checkpoint, a merge, a"
                    + " migration or another backup): look at it in Hyper-V Manager and try again";
            default -> "";
        };
    }

    static String jobStateText(int s) {
        return switch (s) {
            case 2 -> "New";
            case 3 -> "Starting";
            case 4 -> "Running";
            case 5 -> "Suspended";
            case 6 -> "Shutting Down";
            case 7 -> "Completed";
            case 8 -> "Terminated";
            case 9 -> "Killed";
            case 10 -> "Exception";
            default -> "in state " + s;
        };
    }

    /** Msvm_ComputerSystem.EnabledState as Hyper-V Manager names it. */
    public static String stateName(int enabledState) {
        return switch (enabledState) {
            case 2 -> "Running";
            case 3 -> "Off";
            case 4, 32774 -> "Stopping";
            case 6, 32769 -> "Saved";
            case 9, 32768 -> "Paused";
            case 10, 32770 -> "Starting";
            case 32771 -> "Snapshotting";
            case 32773 -> "Saving";
            case 32776 -> "Pausing";
            case 32777 -> "Resuming";
            default -> "Other (" + enabledState + ")";
        };
    }

    static WriterMetadata hyperVWriter(List<WriterMetadata> metadata) {
        return metadata.stream().filter(m -> m.writerId().equals(BackupService.HYPER_V_WRITER)).findFirst()
                .orElseThrow(() -> new VssException(HResult.VSS_E_WRITER_NOT_RESPONDING,
                        "the Microsoft Hyper-V VSS Writer did not answer (see `vsskit list writers`; restart the vmms"
                                + " service)"));
    }

    /** The writer's component for the VM: named by the VM's GUID (as Duplicati matches them). */
    static Optional<WriterComponent> componentOf(WriterMetadata writer, VssId vm) {
        return writer.components().stream().filter(c -> VssId.isValid(c.name()) && VssId.parse(c.name()).equals(vm))
                .findFirst();
    }

    /** A file's volume: the longest volume path that is a folder above it; a share's root for a UNC path. */
    static String volumeOf(String file, List<Volume> volumes) {
        String f = file.toLowerCase(Locale.ROOT);
        String best = "";
        for (Volume v : volumes) {
            String root = v.path().endsWith("\\") ? v.path() : v.path() + "\\";
            if (f.startsWith(root.toLowerCase(Locale.ROOT)) && root.length() > best.length()) {
                best = root;
            }
        }
        if (!best.isEmpty()) {
            return best;
        }
        if (file.startsWith("\\\\")) {
            String[] parts = file.substring(2).split("\\\\");
            return parts.length >= 2 ? "\\\\" + parts[0] + "\\" + parts[1] + "\\" : file;
        }
        return file.length() >= 3 && file.charAt(1) == ':' ? file.substring(0, 3) : file;
    }
}
