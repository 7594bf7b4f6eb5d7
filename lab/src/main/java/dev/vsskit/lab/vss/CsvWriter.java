package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.coordinator.WriterPhase;
import dev.vsskit.vss.session.ComponentFailure;
import dev.vsskit.vss.session.SelectedComponent;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.session.WriterMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The Cluster Shared Volume VSS Writer of one node, as CSV 2.0 has it:
 * <ul>
 * <li>it reports, as its own components, the VMs on CSVs that other nodes own (logical path = the owner node),
 * with their files, so a requester on this node can select them;
 * <li>it proxies the backup events to those nodes' Hyper-V writers for the selected ones, so one snapshot set
 * holds VMs of every node; a node that is down fails its components ({@link #componentFailures}), not the set;
 * <li>it puts the set's CSVs in "backup in progress" at PrepareForBackup and in redirected I/O from its Freeze
 * to its Thaw only (the snapshot's creation), and takes them out at BackupComplete or Abort
 * ({@link LabCluster}).
 * </ul>
 */
final class CsvWriter implements VssWriter {

    static final String NAME = "Cluster Shared Volume VSS Writer";

    private final LabConfig config;
    private final VssId writerId;
    private final VssId instanceId;
    private final String node;
    private final LabCluster cluster;
    private final VssClock clock;
    private final NodeLog log;
    /** The other nodes' Hyper-V writers, by node. */
    private final Map<String, HyperVWriter> remote;
    /** This node's own Hyper-V writer (its selection decides whether a due live migration is refused), or null. */
    private final HyperVWriter local;
    private final VssId hyperVWriterId;
    private final Map<VssId, List<ComponentFailure>> failures = new LinkedHashMap<>();
    private final Set<String> failedNodes = new LinkedHashSet<>();
    private VssId failedNodesSet = VssId.NULL;

    CsvWriter(LabConfig config, VssId writerId, VssId instanceId, String node, LabCluster cluster, VssClock clock,
            Map<String, HyperVWriter> remote, HyperVWriter local, VssId hyperVWriterId) {
        this.config = config;
        this.writerId = writerId;
        this.instanceId = instanceId;
        this.node = node;
        this.cluster = cluster;
        this.clock = clock;
        this.log = NodeLog.of(cluster, node, clock);
        this.remote = remote;
        this.local = local;
        this.hyperVWriterId = hyperVWriterId;
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

    /** The other nodes' VMs on CSVs, as this writer's components (logical path: the owner node). */
    @Override
    public WriterMetadata identify(WriterEvent e) {
        List<WriterComponent> components = new ArrayList<>();
        for (Map.Entry<String, HyperVWriter> r : remote.entrySet()) {
            for (LabVm vm : r.getValue().vms()) {
                if (config.onCsv(vm)) {
                    LabVolume v = config.volume(vm.volume()).orElseThrow();
                    components.add(new WriterComponent(r.getKey(), vm.id().toString(), vm.name(),
                            List.of(HyperVWriter.windowsPath(v, vm.vhdx()), HyperVWriter.windowsPath(v, vm.config())),
                            HyperVWriter.backupMethod(vm)));
                }
            }
        }
        return new WriterMetadata(NAME, writerId, instanceId, components);
    }

    /** The set's CSVs, by lab volume key. */
    private List<String> csvsOf(WriterEvent e) {
        List<String> out = new ArrayList<>();
        for (LabVolume v : config.volumes()) {
            if (v.kind() == VolumeKind.CSV && e.volumes().stream().anyMatch(p -> p.equalsIgnoreCase(v.path()))) {
                out.add(v.key());
            }
        }
        return out;
    }

    /**
     * The live migrations due at this event ({@code lab vm move --at}). Before the writers take the VMs (at
     * PrepareForBackup, after the requester chose the components) a VM moves; from PrepareForSnapshot on, a VM
     * of this backup is being backed up and Hyper-V refuses to migrate it (logged; it stays), any other moves.
     */
    private void migrationsDue(WriterEvent e, String phase) {
        if (remote.isEmpty()) {
            return;
        }
        for (LabCluster.PendingMove m : cluster.takeMovesDueAt(phase)) {
            LabVm vm = config.vm(m.vm()).orElse(null);
            if (vm == null) {
                continue;
            }
            String from = cluster.ownerOf(vm);
            boolean inBackup = (local != null && local.selectedIn(e.snapshotSetId()).contains(vm.name()))
                    || selectedByNode(e).values().stream().anyMatch(l -> l.contains(vm));
            if (!phase.equals(WriterPhase.PREPARE_BACKUP.eventName()) && inBackup) {
                log.event("Cluster", e, "live migration refused", vm.name() + " to " + m.to() + ": it is being"
                        + " backed up in this snapshot set (Hyper-V does not migrate a VM during its backup)");
            } else if (!from.equalsIgnoreCase(m.to())) {
                cluster.setOwner(vm.name(), m.to());
                log.event("Cluster", e, "live migration", vm.name() + " from " + from + " to " + m.to() + " at " + phase);
            }
        }
    }

    @Override
    public void prepareForBackup(WriterEvent e) {
        migrationsDue(e, WriterPhase.PREPARE_BACKUP.eventName());
        List<String> csvs = csvsOf(e);
        if (!csvs.isEmpty()) {
            cluster.backupStarted(e.snapshotSetId(), node, csvs, clock.now());
        }
        proxy(e, WriterPhase.PREPARE_BACKUP.eventName(), HyperVWriter::prepareForBackup);
    }

    @Override
    public void prepareForSnapshot(WriterEvent e) {
        migrationsDue(e, WriterPhase.PREPARE_SNAPSHOT.eventName());
        proxy(e, WriterPhase.PREPARE_SNAPSHOT.eventName(), HyperVWriter::prepareForSnapshot);
    }

    /** The remote writers freeze, then the set's CSVs go to redirected I/O while the snapshot is created. */
    @Override
    public void freeze(WriterEvent e) {
        migrationsDue(e, WriterPhase.FREEZE.eventName());
        proxy(e, WriterPhase.FREEZE.eventName(), HyperVWriter::freeze);
        List<String> csvs = csvsOf(e);
        if (!csvs.isEmpty()) {
            cluster.redirect(e.snapshotSetId(), node, csvs, true, clock.now());
            log.event("CSV", e, "redirected I/O on", String.join(", ", csvs));
        }
    }

    /** The snapshot exists: the CSVs return to direct I/O, then the remote writers thaw. */
    @Override
    public void thaw(WriterEvent e) {
        migrationsDue(e, WriterPhase.THAW.eventName());
        endRedirected(e);
        proxy(e, WriterPhase.THAW.eventName(), HyperVWriter::thaw);
    }

    private void endRedirected(WriterEvent e) {
        List<String> csvs = csvsOf(e);
        if (!csvs.isEmpty()) {
            cluster.redirect(e.snapshotSetId(), node, csvs, false, clock.now());
            log.event("CSV", e, "redirected I/O off", String.join(", ", csvs));
        }
    }

    /**
     * The CSV snapshot is writable on this (the requesting) node: it exposes it, writable, to each owner node of a
     * selected VM on it, whose Hyper-V writer then runs its auto-recovery on it (its PostSnapshot), and removes the
     * exposures when they are done, whatever happened.
     */
    @Override
    public void postSnapshot(WriterEvent e) {
        migrationsDue(e, WriterPhase.POST_SNAPSHOT.eventName());
        Map<String, List<LabVm>> byNode = selectedByNode(e);
        byNode.keySet().removeAll(failedNodes(e));
        try {
            for (Map.Entry<String, List<LabVm>> owner : byNode.entrySet()) {
                // a VM its writer already failed (moved away) has nothing to recover there
                List<String> failedVms = remote.get(owner.getKey()).componentFailures(e.snapshotSetId()).stream()
                        .map(ComponentFailure::name).toList();
                owner.getValue().removeIf(vm -> failedVms.stream().anyMatch(f -> f.equalsIgnoreCase(vm.id().toString())));
                List<String> exposed = new ArrayList<>();
                for (String csv : csvsOf(e)) {
                    LabVolume v = config.volume(csv).orElseThrow();
                    if (owner.getValue().stream().noneMatch(vm -> vm.volume().equalsIgnoreCase(csv))) {
                        continue;
                    }
                    VssId shadow = e.shadows().stream().filter(sh -> sh.originalVolumePath().equalsIgnoreCase(v.path()))
                            .map(Shadow::shadowId).findFirst().orElse(VssId.NULL);
                    cluster.expose(new LabCluster.Exposure(csv, owner.getKey(), e.snapshotSetId(), shadow, node,
                            clock.now()));
                    exposed.add(csv);
                }
                if (!exposed.isEmpty()) {
                    log.event(NAME, e, "PostSnapshot", "the CSV snapshot of " + String.join(", ", exposed)
                            + " is writable on " + node + " and exposed to " + owner.getKey() + " for auto-recovery");
                }
            }
            proxy(e, WriterPhase.POST_SNAPSHOT.eventName(), HyperVWriter::postSnapshot);
        } finally {
            List<LabCluster.Exposure> removed = cluster.unexpose(e.snapshotSetId());
            if (!removed.isEmpty()) {
                log.event(NAME, e, "PostSnapshot", "exposure removed: the CSV snapshot of " + String.join(", ",
                        removed.stream().map(x -> x.volume() + " from " + x.node()).toList()));
            }
        }
    }

    @Override
    public void abort(WriterEvent e) {
        endRedirected(e);
        try {
            proxy(e, "Abort", HyperVWriter::abort);
        } catch (RuntimeException ex) {
            // Abort must not fail; a remote writer that cannot be reached has nothing frozen to undo
        } finally {
            cluster.backupEnded(e.snapshotSetId(), node, clock.now());
        }
    }

    @Override
    public void backupComplete(WriterEvent e) {
        migrationsDue(e, WriterPhase.BACKUP_COMPLETE.eventName());
        try {
            proxy(e, WriterPhase.BACKUP_COMPLETE.eventName(), HyperVWriter::backupComplete);
        } finally {
            cluster.backupEnded(e.snapshotSetId(), node, clock.now());
        }
    }

    /** Its own (a node that went down) and what the proxied writers failed, as this writer's components. */
    @Override
    public synchronized List<ComponentFailure> componentFailures(VssId snapshotSetId) {
        List<ComponentFailure> out = new ArrayList<>(failures.getOrDefault(snapshotSetId, List.of()));
        for (Map.Entry<String, HyperVWriter> r : remote.entrySet()) {
            for (ComponentFailure f : r.getValue().componentFailures(snapshotSetId)) {
                out.add(new ComponentFailure(writerId, instanceId, r.getKey(), f.name(), f.hresult(), f.message()));
            }
        }
        return out;
    }

    /** The selected components by owner node (logical path); with no selection, the remote VMs on the set's CSVs. */
    private Map<String, List<LabVm>> selectedByNode(WriterEvent e) {
        Map<String, List<LabVm>> out = new LinkedHashMap<>();
        for (Map.Entry<String, HyperVWriter> r : remote.entrySet()) {
            for (LabVm vm : r.getValue().vms()) {
                boolean selected = e.selectedComponents().stream().anyMatch(c -> c.logicalPath()
                        .equalsIgnoreCase(r.getKey()) && (c.name().equalsIgnoreCase(vm.id().toString())
                                || c.name().equalsIgnoreCase(vm.id().bare())));
                boolean onSetCsv = e.selectedComponents().isEmpty() && config.onCsv(vm) && config.volume(vm.volume())
                        .map(v -> e.volumes().stream().anyMatch(p -> p.equalsIgnoreCase(v.path()))).orElse(false);
                if (selected || onSetCsv) {
                    out.computeIfAbsent(r.getKey(), k -> new ArrayList<>()).add(vm);
                }
            }
        }
        return out;
    }

    private synchronized Set<String> failedNodes(WriterEvent e) {
        if (!failedNodesSet.equals(e.snapshotSetId())) {
            failedNodes.clear();
            failedNodesSet = e.snapshotSetId();
        }
        return failedNodes;
    }

    /** Sends an event to the remote Hyper-V writers of the selected VMs; a node that is down fails its VMs. */
    private void proxy(WriterEvent e, String phase, BiConsumer<HyperVWriter, WriterEvent> call) {
        for (Map.Entry<String, List<LabVm>> byNode : selectedByNode(e).entrySet()) {
            String owner = byNode.getKey();
            if (failedNodes(e).contains(owner)) {
                continue;
            }
            if (cluster.isDownAt(owner, phase)) {
                nodeFailed(e, owner, byNode.getValue(), phase);
                continue;
            }
            HyperVWriter writer = remote.get(owner);
            List<SelectedComponent> components = byNode.getValue().stream().map(vm -> new SelectedComponent(
                    hyperVWriterId, writer.instanceId(), "", vm.id().toString(), false)).toList();
            WriterEvent forwarded = e.withComponents(components);
            log.event(NAME, e, phase + " (proxy)", owner + ": " + byNode.getValue().stream()
                    .map(LabVm::name).reduce((a, b) -> a + ", " + b).orElse(""));
            try {
                call.accept(writer, forwarded);
            } catch (RuntimeException ex) {
                HResult h = ex instanceof VssException v ? v.hresult() : HResult.VSS_E_WRITERERROR_NONRETRYABLE;
                throw new VssException(h, "the Hyper-V writer of node " + owner + " failed " + phase
                        + " (through the CSV writer of " + node + "): " + ex.getMessage(), ex);
            }
        }
    }

    private synchronized void nodeFailed(WriterEvent e, String owner, List<LabVm> vms, String phase) {
        failedNodes(e).add(owner);
        List<ComponentFailure> list = failures.computeIfAbsent(e.snapshotSetId(), k -> new ArrayList<>());
        for (LabVm vm : vms) {
            list.add(new ComponentFailure(writerId, instanceId, owner, vm.id().toString(),
                    HResult.VSS_E_WRITER_NOT_RESPONDING, "its owner node " + owner + " went down at "
                            + phase));
        }
        log.event(NAME, e, phase + " (proxy)", owner + " is down: "
                + vms.stream().map(LabVm::name).reduce((a, b) -> a + ", " + b).orElse("") + " not backed up");
    }

    @Override
    public String toString() {
        return NAME.toLowerCase(Locale.ROOT) + " of " + node;
    }
}
