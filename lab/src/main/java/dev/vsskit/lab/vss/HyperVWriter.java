package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

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

    /** {@code guestWriters}: the in-guest writers of a VM by name (already under the fault plan). */
    HyperVWriter(LabConfig config, VssId writerId, VssId instanceId,
            java.util.function.Function<String, List<VssWriter>> guestWriters) {
        this(config, writerId, instanceId, guestWriters, config.vms(), NodeLog.NONE);
    }

    /** The writer of one cluster node: it reports the VMs the node owns ({@code vms}) and logs its events. */
    HyperVWriter(LabConfig config, VssId writerId, VssId instanceId,
            java.util.function.Function<String, List<VssWriter>> guestWriters, List<LabVm> vms, NodeLog log) {
        this.config = config;
        this.writerId = writerId;
        this.instanceId = instanceId;
        this.guestWriters = guestWriters;
        this.vms = List.copyOf(vms);
        this.log = log;
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
    public void prepareForBackup(WriterEvent e) {
    }

    @Override
    public synchronized void prepareForSnapshot(WriterEvent e) {
        log.event(NAME, e, "PrepareForSnapshot", names(vmsInBackup(e)));
        for (LabVm vm : vmsInBackup(e)) {
            if (vm.backupIntegration()) {
                runGuestVss(vm, e);
            } else {
                savedVms.add(vm.name());
                activity.add(vm.name() + ": saved");
            }
        }
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
    public void freeze(WriterEvent e) {
        log.event(NAME, e, "Freeze", names(vmsInBackup(e)));
    }

    @Override
    public void thaw(WriterEvent e) {
        log.event(NAME, e, "Thaw", names(vmsInBackup(e)));
    }

    /**
     * PostSnapshot: saved VMs resume; on a CSV, the owner node's writer runs its auto-recovery of each VM on the
     * snapshot exposed to it (CSV 2.0).
     */
    @Override
    public synchronized void postSnapshot(WriterEvent e) {
        List<String> recovered = vmsInBackup(e).stream()
                .filter(config::onCsv)
                .map(vm -> vm.name() + " on the CSV snapshot of " + vm.volume()).toList();
        log.event(NAME, e, "PostSnapshot", recovered.isEmpty() ? names(vmsInBackup(e))
                : "auto-recovery of " + String.join(", ", recovered));
        resumeSaved();
    }

    @Override
    public synchronized void abort(WriterEvent e) {
        log.event(NAME, e, "Abort", names(vmsInBackup(e)));
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
    public void backupComplete(WriterEvent e) {
        log.event(NAME, e, "BackupComplete", names(vmsInBackup(e)));
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
