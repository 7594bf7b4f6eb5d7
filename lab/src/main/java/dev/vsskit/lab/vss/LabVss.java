package dev.vsskit.lab.vss;

import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabWriter;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.lab.internal.LabShadows;
import dev.vsskit.lab.internal.LabWriterStatus;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.lab.storage.StoreSnapshot;
import dev.vsskit.lab.vss.internal.LabProviderFactory;
import dev.vsskit.lab.vss.internal.LabVolumes;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.coordinator.ShadowRegistry;
import dev.vsskit.vss.coordinator.VssClock;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterStatusStore;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.spi.SnapshotProvider;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The lab's VSS service: a {@link VssCoordinator} over the lab's writers (Hyper-V writer with its VMs and
 * their in-guest writers, and the System, Registry, WMI, COM+ REGDB and CSV writers), its providers (the
 * Microsoft System, CSV and File Share providers on the copy-on-write volume stores, plus any provider
 * a {@link LabProviderFactory} supplies), the fault plan, the cross-process set gate, and the lab's
 * shadow and writer-status files.
 */
public final class LabVss {

    public static final String SYSTEM_PROVIDER = "{b5946137-7b9f-4925-af80-51abd60b20d5}";

    private LabVss() {
    }

    public static VssCoordinator coordinator(LabHost host) {
        return coordinator(host, host.clock());
    }

    public static VssCoordinator coordinator(LabHost host, VssClock clock) {
        List<SnapshotProvider> extra = new ArrayList<>();
        return coordinator(host, clock, extra, true);
    }

    /**
     * A coordinator for the lab. {@code extraProviders} take precedence for their ids; with
     * {@code useFactories} false only the lab's own Microsoft providers (System, CSV, File Share on the
     * copy-on-write stores) are used, as on a host without the ONTAP providers.
     */
    public static VssCoordinator coordinator(LabHost host, VssClock clock, List<SnapshotProvider> extraProviders,
            boolean useFactories) {
        Path dir = host.dir();
        FaultPlan plan = new FaultPlanStore(dir).load();
        LabVolumes volumes = new LabVolumes(host.config());

        List<SnapshotProvider> providers = new ArrayList<>();
        for (Provider p : host.config().providers()) {
            // Precedence: a provider given by the caller, then one a factory supplies (the ONTAP-backed
            // hardware and file-share providers), then the lab's own Microsoft providers.
            SnapshotProvider impl = extraProviders.stream().filter(x -> x.info().id().equals(p.id())).findFirst()
                    .orElse(null);
            if (impl == null && useFactories) {
                for (LabProviderFactory f : ServiceLoader.load(LabProviderFactory.class, LabVss.class.getClassLoader())) {
                    impl = f.create(host, p, clock).orElse(null);
                    if (impl != null) {
                        break;
                    }
                }
            }
            if (impl == null) {
                impl = microsoft(dir, p, volumes);
            }
            if (impl != null) {
                providers.add(new FaultInjectingProvider(impl, plan, clock));
            }
        }

        List<VssWriter> writers = new ArrayList<>();
        LabCluster cluster = host.cluster();
        LabCluster.State state = cluster.state();
        LabWriter hyperV = host.config().writers().stream().filter(w -> w.name().equals(HyperVWriter.NAME)).findFirst()
                .orElse(null);
        Function<Shadow, Optional<StoreSnapshot>> snapshots = shadow -> storeSnapshotOf(host, shadow, useFactories);
        HyperVWriter localHyperV = hyperV == null ? null : hyperVWriterOf(host, hyperV, host.node(),
                host.writerInstance(hyperV), state, plan, clock, false, snapshots);
        for (LabWriter w : host.config().writers()) {
            VssId instance = host.writerInstance(w);
            VssWriter impl;
            if (w.name().equals(HyperVWriter.NAME)) {
                impl = localHyperV;
            } else if (w.name().equals(CsvWriter.NAME) && hyperV != null) {
                // the other nodes' Hyper-V writers, which this node's CSV writer proxies
                Map<String, HyperVWriter> remote = new LinkedHashMap<>();
                for (String node : cluster.nodes()) {
                    if (!node.equalsIgnoreCase(host.node())) {
                        VssId remoteInstance = host.writerInstanceOn(hyperV, node);
                        remote.put(node, hyperVWriterOf(host, hyperV, node, remoteInstance, state, plan, clock, true,
                                snapshots));
                    }
                }
                impl = new CsvWriter(host.config(), w.writerId(), instance, host.node(), cluster, clock, remote,
                        localHyperV, hyperV.writerId());
            } else {
                impl = new PassiveWriter(w.name(), w.writerId(), instance);
            }
            writers.add(new FaultInjectingWriter(impl, plan, clock));
        }

        return VssCoordinator.builder(host.computerName())
                .writers(writers)
                .providers(providers)
                .volumes(volumes)
                .clock(clock)
                .gate(new LabSetGate(dir, clock))
                .shadowRegistry(shadowRegistry(dir))
                .writerStatusStore(writerStatus(host))
                .sessionShadows(host.sessionShadows())
                .build();
    }

    /**
     * A node's Hyper-V writer: the VMs it owns, their in-guest writers, its events in the cluster log; {@code remote}
     * when the requester runs on another node (reached through that node's CSV writer).
     */
    private static HyperVWriter hyperVWriterOf(LabHost host, LabWriter w, String node, VssId instance,
            LabCluster.State state, FaultPlan plan, VssClock clock, boolean remote,
            Function<Shadow, Optional<StoreSnapshot>> snapshots) {
        LabCluster cluster = host.cluster();
        Map<String, String> owners = new HashMap<>();
        state.owners().forEach(o -> owners.put(o.vm().toLowerCase(java.util.Locale.ROOT), o.node()));
        String first = cluster.nodes().get(0);
        List<LabVm> owned = host.config().vms().stream()
                .filter(vm -> owners.getOrDefault(vm.name().toLowerCase(java.util.Locale.ROOT), first)
                        .equalsIgnoreCase(node)).toList();
        return new HyperVWriter(host.config(), w.writerId(), instance, guestWriters(host, plan, clock), owned,
                NodeLog.of(cluster, node, clock), new HyperVWriter.Node(node, cluster, remote, host.dir(), snapshots));
    }

    /**
     * Where a shadow's bytes are: the lab's own providers' copy-on-write snapshot of its volume, else what a
     * provider factory says (the ONTAP Snapshot copy in the simulator's store).
     */
    private static Optional<StoreSnapshot> storeSnapshotOf(LabHost host, Shadow shadow, boolean useFactories) {
        LabVolumes volumes = new LabVolumes(host.config());
        Optional<dev.vsskit.lab.LabConfig.LabVolume> volume = volumes.find(shadow.originalVolumeName())
                .or(() -> volumes.find(shadow.originalVolumePath()));
        if (volume.isPresent()) {
            CowVolumeStore store = CowVolumeStore.open(host.dir().resolve("volumes").resolve(volume.get().key()));
            String id = LabVolumes.storeSnapshotId(shadow.shadowId());
            if (store.snapshot(id).isPresent()) {
                return Optional.of(new StoreSnapshot(store, id));
            }
        }
        if (useFactories) {
            for (LabProviderFactory f : ServiceLoader.load(LabProviderFactory.class, LabVss.class.getClassLoader())) {
                Optional<StoreSnapshot> s = f.storeSnapshotOf(host, shadow);
                if (s.isPresent()) {
                    return s;
                }
            }
        }
        return Optional.empty();
    }

    /** The snapshot set being created on any node of the lab, if its process still runs. */
    public static Optional<VssId> setInProgress(Path labDir) {
        return new LabSetGate(labDir, VssClock.SYSTEM).inProgress();
    }

    /**
     * A session of this host's coordinator that, when closed, takes its set's CSVs out of backup state and
     * redirected I/O if the CSV writer did not (a writer that failed, or no BackupComplete).
     */
    public static BackupSession session(LabHost host, BackupSession inner) {
        LabCluster cluster = host.cluster();
        return new ClusterBackupSession(inner, set -> cluster.backupEnded(set, host.node(), host.clock().now()));
    }

    /** The Microsoft providers the lab implements itself; null for others (the ONTAP hardware provider). */
    private static SnapshotProvider microsoft(Path dir, Provider p, LabVolumes volumes) {
        return switch (p.type()) {
            case SYSTEM -> new LabCowProvider(dir, p, Set.of(VolumeKind.LOCAL, VolumeKind.CSV), volumes);
            case SOFTWARE -> p.name().contains("CSV") ? new LabCowProvider(dir, p, Set.of(VolumeKind.CSV), volumes) : null;
            case FILESHARE -> new LabCowProvider(dir, p, Set.of(VolumeKind.SMB), volumes);
            default -> null;
        };
    }

    /** Each VM's in-guest writers, under the fault plan; instance ids are derived from VM and writer name. */
    private static java.util.function.Function<String, List<VssWriter>> guestWriters(LabHost host, FaultPlan plan,
            VssClock clock) {
        Map<String, List<VssWriter>> byVm = new HashMap<>();
        for (LabVm vm : host.config().vms()) {
            List<VssWriter> ws = new ArrayList<>();
            for (String name : vm.inGuestWriters()) {
                VssId instance = new VssId(UUID.nameUUIDFromBytes((vm.id() + "/" + name).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)));
                ws.add(new FaultInjectingWriter(new GuestWriter(name, instance), plan, clock));
            }
            byVm.put(vm.name().toLowerCase(java.util.Locale.ROOT), ws);
        }
        return name -> byVm.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
    }

    static ShadowRegistry shadowRegistry(Path dir) {
        LabShadows file = new LabShadows(dir);
        return new ShadowRegistry() {
            @Override
            public List<Shadow> list() {
                return file.load();
            }

            @Override
            public void add(List<Shadow> shadows) {
                file.update(list -> {
                    List<Shadow> next = new ArrayList<>(list);
                    next.addAll(shadows);
                    return next;
                });
            }

            @Override
            public void remove(VssId shadowId) {
                file.update(list -> list.stream().filter(s -> !s.shadowId().equals(shadowId)).toList());
            }
        };
    }

    static WriterStatusStore writerStatus(LabHost host) {
        Path dir = host.dir();
        LabWriterStatus file = host.writerStatus();
        return new WriterStatusStore() {
            @Override
            public List<Writer> load() {
                return file.load();
            }

            @Override
            public void save(List<Writer> writers) {
                try (LabLock lock = LabLock.acquire(dir)) {
                    file.save(writers);
                }
            }
        };
    }
}
