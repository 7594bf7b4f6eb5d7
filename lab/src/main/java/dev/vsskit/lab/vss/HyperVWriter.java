package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.storage.StoreSnapshot;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The lab's Microsoft Hyper-V VSS Writer: one component per VM (name = VM id, caption = VM name, files =
 * its VHDX and configuration). A VM whose guest has the backup integration service is backed up
 * "Online" (Child VM Snapshot: its in-guest writers run their whole VSS sequence during the host's
 * PrepareForSnapshot); any other VM by "Saved State" (saved at PrepareForSnapshot, resumed at
 * PostSnapshot or Abort). As on Windows, nothing happens at Freeze and Thaw.
 */
final class HyperVWriter implements VssWriter {

    static final String NAME = "Microsoft Hyper-V VSS Writer";
    static final String ONLINE = "Online";
    static final String SAVED_STATE = "Saved State";

    private final LabConfig config;
    private final VssId writerId;
    private final VssId instanceId;
    private final java.util.function.Function<String, List<VssWriter>> guestWriters;
    private final List<LabVm> vms;
    private final NodeLog log;
    private final List<String> activity = Collections.synchronizedList(new ArrayList<>());
    private final List<String> savedVms = new ArrayList<>();
    private final Node node;
    /** Per set: the guests' writes after their own shadow copies, which auto-recovery rolls back. */
    private final Map<VssId, List<GuestWrite>> guestWrites = new LinkedHashMap<>();
    /** Per set: the selected VMs this writer could not back up (moved away by a live migration). */
    private final Map<VssId, List<ComponentFailure>> failures = new LinkedHashMap<>();
    /** Per set: the names of the VMs it selected, as last seen. */
    private final Map<VssId, List<String>> selected = new LinkedHashMap<>();

    /**
     * The writer's cluster node: its name, the cluster (VM owners, exposures), whether the requester runs on
     * another node (its events come through that node's CSV writer, and the set's CSV snapshot is exposed to it
     * for auto-recovery), the lab folder, and where a shadow's bytes are.
     */
    record Node(String name, LabCluster cluster, boolean remote, Path labDir,
            Function<Shadow, Optional<StoreSnapshot>> snapshots) {
    }

    /** {@code guestWriters}: the in-guest writers of a VM by name (already under the fault plan). */
    HyperVWriter(LabConfig config, VssId writerId, VssId instanceId,
            java.util.function.Function<String, List<VssWriter>> guestWriters) {
        this(config, writerId, instanceId, guestWriters, config.vms(), NodeLog.NONE, null);
    }

    /**
     * The writer of one cluster node: it reports the VMs the node owns ({@code vms}) and logs its events; with a
     * {@code node} of a multi-node cluster it also fails the selected VMs a live migration took away, and, reached
     * from another node, recovers its VMs on the CSV snapshot exposed to it.
     */
    HyperVWriter(LabConfig config, VssId writerId, VssId instanceId,
            java.util.function.Function<String, List<VssWriter>> guestWriters, List<LabVm> vms, NodeLog log,
            Node node) {
        this.config = config;
        this.writerId = writerId;
        this.instanceId = instanceId;
        this.guestWriters = guestWriters;
        this.vms = List.copyOf(vms);
        this.log = log;
        this.node = node != null && node.cluster().isMultiNode() ? node : null;
    }

    /** The VMs this writer reports (its node's). */
    List<LabVm> vms() {
        return vms;
    }

    /** What the writer did, in order ("sql01: SqlServerWriter Freeze", "web01: saved", ...), for rehearsals and tests. */
    List<String> activity() {
        return List.copyOf(activity);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public VssId writerId() {
        return writerId;
    }

    @Override
    public VssId instanceId() {
        return instanceId;
    }

    static String backupMethod(LabVm vm) {
        return vm.backupIntegration() ? ONLINE : SAVED_STATE;
    }

    @Override
    public WriterMetadata identify(WriterEvent e) {
        List<WriterComponent> components = new ArrayList<>();
        for (LabVm vm : vms) {
            LabVolume v = config.volume(vm.volume()).orElseThrow(() -> new VssException(HResult.VSS_E_WRITERERROR_NONRETRYABLE,
                    "VM " + vm.name() + " is on unknown volume '" + vm.volume() + "'"));
            components.add(new WriterComponent("", vm.id().toString(), vm.name(),
                    List.of(windowsPath(v, vm.vhdx()), windowsPath(v, vm.config())), backupMethod(vm)));
        }
        return new WriterMetadata(NAME, writerId, instanceId, components);
    }

    static String windowsPath(LabVolume v, String relative) {
        String root = v.path().endsWith("\\") ? v.path() : v.path() + "\\";
        return root + relative.replace('/', '\\');
    }

    /** The VMs this backup covers: the selected components, or every VM on a volume of the set. */
    List<LabVm> vmsInBackup(WriterEvent e) {
        // one pass over the components and volumes, then one look-up per VM (a fleet of 1,000 VMs made this O(n²))
        java.util.Set<String> names = new java.util.HashSet<>();
        e.selectedComponents().forEach(c -> names.add(c.name().toLowerCase(java.util.Locale.ROOT)));
        java.util.Set<String> setVolumes = new java.util.HashSet<>();
        e.volumes().forEach(p -> setVolumes.add(p.toLowerCase(java.util.Locale.ROOT)));
        List<LabVm> out = new ArrayList<>();
        for (LabVm vm : vms) {
            boolean selected = names.contains(vm.id().toString().toLowerCase(java.util.Locale.ROOT))
                    || names.contains(vm.id().bare().toLowerCase(java.util.Locale.ROOT));
            boolean onSetVolume = e.selectedComponents().isEmpty() && config.volume(vm.volume())
                    .map(v -> setVolumes.contains(v.path().toLowerCase(java.util.Locale.ROOT))).orElse(false);
            if (selected || onSetVolume) {
                out.add(vm);
            }
        }
        return out;
    }

    @Override
    public synchronized void prepareForBackup(WriterEvent e) {
        here(e, WriterPhase.PREPARE_BACKUP.eventName());
    }

    @Override
    public synchronized void prepareForSnapshot(WriterEvent e) {
        List<LabVm> here = here(e, WriterPhase.PREPARE_SNAPSHOT.eventName());
        log.event(NAME, e, "PrepareForSnapshot", names(here));
        for (LabVm vm : here) {
            if (vm.backupIntegration()) {
                runGuestVss(vm, e);
                if (node != null && node.remote() && config.onCsv(vm)) {
                    // the guest runs on after its own shadow copy; the host's snapshot will catch what it writes
                    LabVolume v = config.volume(vm.volume()).orElseThrow();
                    guestWrites.computeIfAbsent(e.snapshotSetId(), k -> new ArrayList<>())
                            .add(GuestWrite.write(node.labDir(), v, vm, e.snapshotSetId()));
                }
            } else {
                savedVms.add(vm.name());
                activity.add(vm.name() + ": saved");
            }
        }
    }

    /**
     * The VMs of this event that still run on this node. On a cluster, a selected VM that a live migration moved to
     * another node since the requester chose its component fails (its component was this writer's; the new
     * owner's writer is not in the set), once, named; the set goes on.
     */
    private List<LabVm> here(WriterEvent e, String phase) {
        List<LabVm> inBackup = vmsInBackup(e);
        if (!e.selectedComponents().isEmpty()) {
            selected.put(e.snapshotSetId(), inBackup.stream().map(LabVm::name).toList());
        }
        if (node == null || inBackup.isEmpty()) {
            return inBackup;
        }
        Map<String, String> owners = node.cluster().ownersByVm();
        List<ComponentFailure> failed = failures.computeIfAbsent(e.snapshotSetId(), k -> new ArrayList<>());
        List<LabVm> out = new ArrayList<>();
        for (LabVm vm : inBackup) {
            String owner = owners.getOrDefault(vm.name().toLowerCase(Locale.ROOT), node.name());
            boolean failedBefore = failed.stream().anyMatch(f -> f.name().equalsIgnoreCase(vm.id().toString()));
            if (owner.equalsIgnoreCase(node.name()) && !failedBefore) {
                out.add(vm);
            } else if (!failedBefore && !e.selectedComponents().isEmpty()) {
                failed.add(new ComponentFailure(writerId, instanceId, "", vm.id().toString(),
                        HResult.VSS_E_WRITERERROR_NONRETRYABLE, "VM " + vm.name() + " moved from " + node.name()
                                + " to " + owner + " (live migration) after the backup chose its component; " + owner
                                + "'s Hyper-V writer is not in this snapshot set, so it is not backed up: back it up"
                                + " again"));
                log.event(NAME, e, phase, vm.name() + " is no longer on " + node.name() + " (now on " + owner
                        + "): not backed up");
            }
        }
        return out;
    }

    /** The selected VMs of a set (names), as this writer last saw them. */
    synchronized List<String> selectedIn(VssId set) {
        return selected.getOrDefault(set, List.of());
    }

    @Override
    public synchronized List<ComponentFailure> componentFailures(VssId snapshotSetId) {
        return List.copyOf(failures.getOrDefault(snapshotSetId, List.of()));
    }

    /** The guest's own snapshot (Child VM Snapshot), all inside the host's PrepareForSnapshot. */
    private void runGuestVss(LabVm vm, WriterEvent e) {
        List<VssWriter> guests = guestWriters.apply(vm.name());
        List<VssWriter> started = new ArrayList<>();
        WriterPhase phase = WriterPhase.PREPARE_BACKUP;
        VssWriter current = null;
        try {
            for (VssWriter g : guests) {
                current = g;
                phase = WriterPhase.IDENTIFY;
                g.identify(e);
                started.add(g);
            }
            for (WriterPhase p : List.of(WriterPhase.PREPARE_BACKUP, WriterPhase.PREPARE_SNAPSHOT, WriterPhase.FREEZE,
                    WriterPhase.THAW, WriterPhase.POST_SNAPSHOT, WriterPhase.BACKUP_COMPLETE)) {
                phase = p;
                for (VssWriter g : guests) {
                    current = g;
                    switch (p) {
                        case PREPARE_BACKUP -> g.prepareForBackup(e);
                        case PREPARE_SNAPSHOT -> g.prepareForSnapshot(e);
                        case FREEZE -> g.freeze(e);
                        case THAW -> g.thaw(e);
                        case POST_SNAPSHOT -> g.postSnapshot(e);
                        default -> g.backupComplete(e);
                    }
                    activity.add(vm.name() + ": " + g.name() + " " + p.eventName());
                }
            }
            activity.add(vm.name() + ": online snapshot");
        } catch (RuntimeException ex) {
            for (VssWriter g : started) {
                g.abort(e);
            }
            HResult h = ex instanceof VssException v ? v.hresult() : HResult.VSS_E_WRITERERROR_NONRETRYABLE;
            throw new VssException(h, "the in-guest writer '" + (current == null ? "?" : current.name()) + "' of VM "
                    + vm.name() + " failed " + phase.eventName() + " during the online backup: " + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void freeze(WriterEvent e) {
        log.event(NAME, e, "Freeze", names(here(e, WriterPhase.FREEZE.eventName())));
    }

    @Override
    public synchronized void thaw(WriterEvent e) {
        log.event(NAME, e, "Thaw", names(here(e, WriterPhase.THAW.eventName())));
    }

    /**
     * PostSnapshot: saved VMs resume. Reached from another node (CSV 2.0), the writer runs its auto-recovery of
     * its VMs on the CSV snapshot exposed to its node: it rolls each VHDX in the snapshot back to the guest's own
     * shadow copy, writing the bytes the guest wrote since then back as they were ({@link GuestWrite}). Without an
     * exposure to its node the recovery cannot run: VSS_E_AUTORECOVERY_FAILED.
     */
    @Override
    public synchronized void postSnapshot(WriterEvent e) {
        List<LabVm> here = here(e, WriterPhase.POST_SNAPSHOT.eventName());
        List<String> recovered = new ArrayList<>();
        for (LabVm vm : here) {
            if (node == null || !node.remote() || !config.onCsv(vm)) {
                continue;
            }
            String rolledBack = "";
            for (GuestWrite w : guestWrites.getOrDefault(e.snapshotSetId(), List.of())) {
                if (w.vm().equals(vm.name())) {
                    recover(e, vm, w);
                    rolledBack = ": rolled back the " + w.after().length + " bytes its guest wrote after its own"
                            + " shadow copy (" + w.path() + " at " + w.offset() + ")";
                }
            }
            recovered.add(vm.name() + " on the CSV snapshot of " + vm.volume() + rolledBack);
        }
        guestWrites.remove(e.snapshotSetId());
        log.event(NAME, e, "PostSnapshot", recovered.isEmpty() ? names(here)
                : "auto-recovery of " + String.join(", ", recovered));
        resumeSaved();
    }

    /** Writes the guest's bytes from before its write back into the set's snapshot of the VM's CSV, exposed here. */
    private void recover(WriterEvent e, LabVm vm, GuestWrite w) {
        LabVolume v = config.volume(vm.volume()).orElseThrow();
        boolean exposed = node.cluster().exposuresTo(node.name(), e.snapshotSetId()).stream()
                .anyMatch(x -> x.volume().equalsIgnoreCase(v.key()));
        if (!exposed) {
            throw new VssException(HResult.VSS_E_AUTORECOVERY_FAILED, "the CSV snapshot of " + v.key()
                    + " is not exposed to " + node.name() + ": its Hyper-V writer cannot run the auto-recovery of "
                    + vm.name());
        }
        Shadow shadow = e.shadows().stream().filter(sh -> sh.originalVolumePath().equalsIgnoreCase(v.path()))
                .findFirst().orElseThrow(() -> new VssException(HResult.VSS_E_AUTORECOVERY_FAILED, "snapshot set "
                        + e.snapshotSetId() + " has no shadow copy of " + v.path() + " for the auto-recovery of "
                        + vm.name()));
        StoreSnapshot snap = node.snapshots().apply(shadow).orElseThrow(() -> new VssException(
                HResult.VSS_E_AUTORECOVERY_FAILED, "the shadow copy " + shadow.shadowId() + " of " + v.path()
                        + " cannot be written (made by " + shadow.providerName() + ")"));
        try {
            snap.store().writeSnapshot(snap.snapshotId(), w.path(), w.offset(), w.before());
        } catch (IOException ex) {
            throw new UncheckedIOException("auto-recovery of " + vm.name() + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public synchronized void abort(WriterEvent e) {
        log.event(NAME, e, "Abort", names(vmsInBackup(e)));
        guestWrites.remove(e.snapshotSetId());
        resumeSaved();
    }

    private static String names(List<LabVm> vms) {
        return vms.stream().map(LabVm::name).collect(java.util.stream.Collectors.joining(", "));
    }

    private void resumeSaved() {
        for (String vm : savedVms) {
            activity.add(vm + ": resumed");
        }
        savedVms.clear();
    }

    @Override
    public synchronized void backupComplete(WriterEvent e) {
        log.event(NAME, e, "BackupComplete", names(here(e, WriterPhase.BACKUP_COMPLETE.eventName())));
    }

    /** PreRestore: the VMs about to be restored are turned off and unregistered. */
    @Override
    public void preRestore(WriterEvent e) {
        for (LabVm vm : vmsInBackup(e)) {
            activity.add(vm.name() + ": turned off and removed");
        }
    }

    /** PostRestore: the restored VMs are registered again. */
    @Override
    public void postRestore(WriterEvent e) {
        for (LabVm vm : vmsInBackup(e)) {
            activity.add(vm.name() + ": registered");
        }
    }

    @Override
    public String toString() {
        return NAME.toLowerCase(Locale.ROOT);
    }
}
