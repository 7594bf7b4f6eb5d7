package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.vss.HResult;
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
    private final VssId hyperVWriterId;
    private final Map<VssId, List<ComponentFailure>> failures = new LinkedHashMap<>();
    private final Set<String> failedNodes = new LinkedHashSet<>();
    private VssId failedNodesSet = VssId.NULL;

    CsvWriter(LabConfig config, VssId writerId, VssId instanceId, String node, LabCluster cluster, VssClock clock,
            Map<String, HyperVWriter> remote, VssId hyperVWriterId) {
        this.config = config;
        this.writerId = writerId;
        this.instanceId = instanceId;
        this.node = node;
        this.cluster = cluster;
        this.clock = clock;
        this.log = NodeLog.of(cluster, node, clock);
        this.remote = remote;
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

    @Override
    public void prepareForBackup(WriterEvent e) {
        List<String> csvs = csvsOf(e);
        if (!csvs.isEmpty()) {
            cluster.backupStarted(e.snapshotSetId(), node, csvs, clock.now());
        }
        proxy(e, WriterPhase.PREPARE_BACKUP.eventName(), HyperVWriter::prepareForBackup);
    }

    @Override
    public void prepareForSnapshot(WriterEvent e) {
        proxy(e, WriterPhase.PREPARE_SNAPSHOT.eventName(), HyperVWriter::prepareForSnapshot);
    }

    /** The remote writers freeze, then the set's CSVs go to redirected I/O while the snapshot is created. */
    @Override
    public void freeze(WriterEvent e) {
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
     * The CSV snapshot is writable on this (the requesting) node and exposed to each VM owner node, whose
     * Hyper-V writer runs its auto-recovery on it (its PostSnapshot).
     */
    @Override
    public void postSnapshot(WriterEvent e) {
        Set<String> owners = new LinkedHashSet<>(selectedByNode(e).keySet());
        owners.removeAll(failedNodes(e));
        if (!owners.isEmpty()) {
            log.event(NAME, e, "PostSnapshot", "the CSV snapshot of " + String.join(", ", csvsOf(e))
                    + " is writable on " + node + " and exposed to " + String.join(", ", owners) + " for auto-recovery");
        }
        proxy(e, WriterPhase.POST_SNAPSHOT.eventName(), HyperVWriter::postSnapshot);
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
        try {
            proxy(e, WriterPhase.BACKUP_COMPLETE.eventName(), HyperVWriter::backupComplete);
        } finally {
            cluster.backupEnded(e.snapshotSetId(), node, clock.now());
        }
    }

    @Override
    public synchronized List<ComponentFailure> componentFailures(VssId snapshotSetId) {
        return List.copyOf(failures.getOrDefault(snapshotSetId, List.of()));
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
            WriterEvent forwarded = new WriterEvent(e.snapshotSetId(), e.context(), e.backupType(), e.volumes(),
                    components);
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
