package dev.vsskit.lab;

import dev.vsskit.lab.LabConfig.LabShadowStorage;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.LabWriter;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabShadows;
import dev.vsskit.lab.internal.LabWriterStatus;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.ShadowStorage;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.io.RecordJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The lab as a {@link VssHost}: providers, writers and volumes from lab.json, the writers' current state
 * from {@code vss/writers.json}, shadows from {@code vss/shadows.json}. Opening checks that lab.json is
 * readable JSON of this format with every section, so a missing or corrupt lab fails here with a one-line
 * {@link LabException}, before anything is changed. The sections are turned into records when first used:
 * {@code vsskit list providers} reads only the host and the providers, and a section that does not fit its
 * record fails, with the same one-line error, at the first command that uses it.
 */
public final class LabHost implements VssHost {

    /** Diff-area space is allocated in chunks of this size, as volsnap grows its diff-area files. */
    static final long ALLOCATION_CHUNK = 32L << 20;

    /**
     * lab.json's sections, {@link LabConfig}'s components after {@code formatVersion}: each must be there for the
     * lab to open. Listed rather than read from the record by reflection, which every start would pay for;
     * {@code LabHostTest} checks the list against the record.
     */
    static final List<String> SECTIONS = List.of("host", "volumes", "providers", "writers", "vms", "ontap",
            "shadowStorage");

    private final Path dir;
    private final Path json;
    private final Map<?, ?> content;
    /** The cluster node this host is (null until known: the first node). */
    private String node;
    private LabConfig.HostInfo hostInfo;
    private List<Provider> providers;
    private LabConfig config;

    private LabHost(Path dir, Path json, Map<?, ?> content) {
        this.dir = dir;
        this.json = json;
        this.content = content;
    }

    /**
     * The lab as one node of its cluster ({@code --host lab:NODE}): that node's computer name, writers (their
     * own instance ids and status) and VMs; what the nodes share (volumes, providers, shadows, the ONTAP
     * simulator, the event log, the catalog) is the lab's. A node that is down cannot be used.
     */
    public static LabHost open(Path labDir, String nodeName) {
        LabHost host = open(labDir);
        LabConfig.HostInfo info = host.hostInfo();
        String node = info.node(nodeName).orElseThrow(() -> new LabException("no node '" + nodeName + "' in the lab's"
                + " cluster " + info.cluster() + " (its nodes: " + String.join(", ", info.nodes())
                + "); use --host lab:NODE with one of them"));
        if (info.nodes().size() > 1 && host.cluster().down(node).filter(d -> d.atPhase() == null).isPresent()) {
            throw new LabException("node " + node + " of cluster " + info.cluster() + " is down; start it with"
                    + " `vsskit lab node up " + node + "` or use another node");
        }
        host.node = node;
        return host;
    }

    public static LabHost open(Path labDir) {
        Path dir = labDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new LabException(dir + " is not a lab folder (it does not exist); " + LabInit.howToCreate(dir));
        }
        Path json = dir.resolve(LabInit.LAB_JSON);
        if (!Files.exists(json)) {
            throw new LabException(dir + " is not a vsskit lab (no " + LabInit.LAB_JSON + "); " + LabInit.howToCreate(dir));
        }
        Map<?, ?> content = LabJson.readObject(json);
        int version = LabJson.map(json, content.get("formatVersion"), int.class, "$.formatVersion");
        if (version != LabConfig.FORMAT_VERSION) {
            throw new LabException(json + " has format version " + version + ", this vsskit reads "
                    + LabConfig.FORMAT_VERSION + "; " + LabJson.fix(json));
        }
        for (String section : SECTIONS) {
            if (content.get(section) == null) {
                throw LabJson.corrupt(json, "$: missing field '" + section + "'");
            }
        }
        LabHost host = new LabHost(dir, json, content);
        host.hostInfo();
        return host;
    }

    public Path dir() {
        return dir;
    }

    /** The cluster node this host is (the first node unless opened for another). */
    public String node() {
        return node != null ? node : hostInfo().name();
    }

    /** The nodes of the lab's cluster (lab.json's {@code host.nodes}; one unless made with {@code --nodes}). */
    public List<String> nodes() {
        return hostInfo().nodes();
    }

    /** Whether this host is the lab's first node (the one lab.json's ids and files are of). */
    public boolean isFirstNode() {
        return node().equalsIgnoreCase(hostInfo().nodes().get(0));
    }

    /** The lab's failover cluster: nodes, VM owners, CSV states. */
    public LabCluster cluster() {
        return new LabCluster(dir, config());
    }

    /**
     * A writer's instance id on this node: lab.json's on the first node; on another, one derived from it and
     * the node's name (VSS gives every writer instance its own id).
     */
    public VssId writerInstance(LabWriter w) {
        return writerInstanceOn(w, node());
    }

    /** {@link #writerInstance} of a writer on another node of the cluster. */
    public VssId writerInstanceOn(LabWriter w, String onNode) {
        return onNode.equalsIgnoreCase(hostInfo().nodes().get(0)) ? w.instanceId()
                : new VssId(java.util.UUID.nameUUIDFromBytes((w.instanceId() + "/" + onNode.toUpperCase(
                        java.util.Locale.ROOT)).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private LabClock clock;

    /** The lab's clock for this process (wall time, or virtual waits in rehearsal mode); one per host. */
    public synchronized LabClock clock() {
        if (clock == null) {
            clock = LabClock.of(dir);
        }
        return clock;
    }

    private final java.util.List<AutoCloseable> closeHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Shadow> sessionShadows = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Something this host started (the in-process ONTAP simulator) that must stop when the host closes. */
    public void onClose(AutoCloseable hook) {
        closeHooks.add(hook);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable c : closeHooks) {
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot stop " + c + ": " + e.getMessage(), e);
                }
            }
        }
        closeHooks.clear();
        if (failure != null) {
            throw failure;
        }
    }

    /** All of lab.json as records (mapped on first use; a section that does not fit fails here). */
    public synchronized LabConfig config() {
        if (config == null) {
            LabConfig mapped = LabJson.map(json, content, LabConfig.class, "$");
            checkVolumeNames(mapped);
            config = mapped;
        }
        return config;
    }

    /** Every volume a VM or a diff-area association names is one of lab.json's volumes. */
    private void checkVolumeNames(LabConfig c) {
        for (int i = 0; i < c.vms().size(); i++) {
            requireVolume(c, c.vms().get(i).volume(), "$.vms[" + i + "].volume");
        }
        for (int i = 0; i < c.shadowStorage().size(); i++) {
            requireVolume(c, c.shadowStorage().get(i).forVolume(), "$.shadowStorage[" + i + "].forVolume");
            requireVolume(c, c.shadowStorage().get(i).onVolume(), "$.shadowStorage[" + i + "].onVolume");
        }
    }

    private void requireVolume(LabConfig c, String key, String path) {
        if (c.volume(key).isEmpty()) {
            throw LabJson.corrupt(json, path + ": no volume '" + key + "' in $.volumes");
        }
    }

    private synchronized LabConfig.HostInfo hostInfo() {
        if (hostInfo == null) {
            hostInfo = config != null ? config.host()
                    : LabJson.map(json, content.get("host"), LabConfig.HostInfo.class, "$.host");
        }
        return hostInfo;
    }

    /** {@code volumes/<key>/data}: the live files of a Windows volume. */
    public Path volumeData(String key) {
        return dir.resolve("volumes").resolve(key).resolve("data");
    }

    public LabShadows shadowFile() {
        return new LabShadows(dir);
    }

    /** This node's writers' last status ({@code vss/writers.json} on the first node, {@code vss/writers-NODE.json} on others). */
    public LabWriterStatus writerStatus() {
        return isFirstNode() ? new LabWriterStatus(dir) : new LabWriterStatus(dir, node());
    }

    @Override
    public java.util.Optional<List<dev.vsskit.vss.ClusterSharedVolume>> clusterSharedVolumes() {
        return java.util.Optional.of(LabCsvStates.of(this));
    }

    @Override
    public java.time.Instant now() {
        return clock().now();
    }

    @Override
    public String computerName() {
        return hostInfo().fqdnOf(node());
    }

    @Override
    public synchronized List<Provider> providers() {
        if (providers == null) {
            providers = config != null ? config.providers()
                    : List.copyOf(LabJson.map(json, content.get("providers"), RecordJson.listOf(Provider.class),
                            "$.providers"));
        }
        return providers;
    }

    @Override
    public List<Writer> writers() {
        Map<VssId, Writer> status = writerStatus().load().stream()
                .collect(Collectors.toMap(Writer::instanceId, Function.identity(), (a, b) -> b));
        List<Writer> out = new ArrayList<>();
        for (LabWriter w : config().writers()) {
            VssId instance = writerInstance(w);
            Writer s = status.get(instance);
            out.add(new Writer(w.name(), w.writerId(), instance,
                    s == null ? WriterState.STABLE : s.state(), s == null ? WriterError.NO_ERROR : s.lastError()));
        }
        return out;
    }

    /** A backup session driven by the lab's VSS coordinator ({@link dev.vsskit.lab.vss.LabVss}). */
    @Override
    public dev.vsskit.vss.session.BackupSession openBackupSession() {
        return dev.vsskit.lab.vss.LabVss.session(this, dev.vsskit.lab.vss.LabVss.coordinator(this).openBackupSession());
    }

    /** A restore session driven by the lab's VSS coordinator: PreRestore / PostRestore to the lab's writers. */
    @Override
    public dev.vsskit.vss.session.RestoreSession openRestoreSession() {
        return dev.vsskit.lab.vss.LabVss.coordinator(this).openRestoreSession();
    }

    @Override
    public void deleteShadow(VssId shadowId) {
        dev.vsskit.lab.vss.LabVss.coordinator(this).deleteShadow(shadowId);
    }

    /** A read-only copy of the shadow's files at {@code at} ({@link dev.vsskit.lab.vss.internal.LabShadowAccess}). */
    @Override
    public String exposeShadow(VssId shadowId, Path at) {
        return new dev.vsskit.lab.vss.internal.LabShadowAccess(this).expose(shadowId, at);
    }

    @Override
    public void unexposeShadow(Path at) {
        new dev.vsskit.lab.vss.internal.LabShadowAccess(this).unexpose(at);
    }

    /** The volume's copy-on-write store goes back to the shadow; ONTAP shadows are refused. */
    @Override
    public void revertToShadow(VssId shadowId) {
        new dev.vsskit.lab.vss.internal.LabShadowAccess(this).revert(shadowId);
    }

    /** {@code <lab>/catalog}. */
    @Override
    public java.util.Optional<Path> catalogFolder() {
        return java.util.Optional.of(dir.resolve("catalog"));
    }

    /** {@code <lab>/events/<log>.evtx} ({@code /} in a channel name spelled {@code %}, as Windows names files). */
    @Override
    public java.util.Optional<Path> eventLogFile(String logName) {
        return java.util.Optional.of(dir.resolve("events").resolve(logName.replace('/', '%') + ".evtx"));
    }

    /** The VMs of lab.json, with their run-time state and owner node (every VM of the cluster, on any node). */
    @Override
    public List<dev.vsskit.vss.VmDescription> virtualMachineDescriptions() {
        dev.vsskit.lab.backup.LabVmStates states = new dev.vsskit.lab.backup.LabVmStates(dir);
        LabCluster cluster = cluster();
        List<dev.vsskit.vss.VmDescription> out = new java.util.ArrayList<>();
        for (LabConfig.LabVm vm : config().vms()) {
            LabConfig.LabVolume vol = config().volume(vm.volume()).orElseThrow(); // config() checked it
            dev.vsskit.lab.backup.LabVmStates.State s = states.get(vm.name());
            String state = !s.registered() ? "Not registered" : s.running() ? "Running" : "Off";
            out.add(new dev.vsskit.vss.VmDescription(vm.name(), vm.id(), state, s.running(), cluster.ownerOf(vm),
                    List.of(vol.windowsPath(vm.vhdx()), vol.windowsPath(vm.config())), List.of(vol.root()),
                    vm.backupIntegration()));
        }
        return out;
    }

    /** The VMs of lab.json. */
    @Override
    public List<String> virtualMachineNames() {
        return config().vms().stream().map(LabConfig.LabVm::name).toList();
    }

    @Override
    public List<Volume> volumes() {
        return config().volumes().stream().map(v -> new Volume(v.path(), v.volumeName())).toList();
    }

    /** Persistent shadows (vss/shadows.json), then the non-persistent ones of this host's open sessions. */
    @Override
    public List<Shadow> shadows() {
        List<Shadow> all = new ArrayList<>(shadowFile().load());
        all.addAll(sessionShadows);
        return all;
    }

    /**
     * The non-persistent shadows of sessions open on this host, shared by every coordinator it builds
     * ({@link dev.vsskit.lab.vss.LabVss}): they live only as long as their session, in this process.
     */
    public List<Shadow> sessionShadows() {
        return sessionShadows;
    }

    /**
     * The system provider's diff-area associations of lab.json. Used space is what the volume's snapshot
     * store holds ({@code volumes/<key>/snapshots}); allocated space is that, rounded up to 32 MiB chunks.
     */
    @Override
    public List<ShadowStorage> shadowStorage() {
        List<ShadowStorage> out = new ArrayList<>();
        for (LabShadowStorage s : config().shadowStorage()) {
            // config() checked that both volumes exist
            LabVolume forVolume = config().volume(s.forVolume()).orElseThrow();
            LabVolume onVolume = config().volume(s.onVolume()).orElseThrow();
            long used = treeSize(dir.resolve("volumes").resolve(forVolume.key()).resolve("snapshots"));
            long allocated = (used + ALLOCATION_CHUNK - 1) / ALLOCATION_CHUNK * ALLOCATION_CHUNK;
            out.add(new ShadowStorage(forVolume.path(), forVolume.volumeName(), onVolume.path(), onVolume.volumeName(),
                    used, allocated, s.maximumBytes() == null ? OptionalLong.empty() : OptionalLong.of(s.maximumBytes()),
                    onVolume.capacityBytes()));
        }
        return out;
    }

    private static long treeSize(Path root) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.mapToLong(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    return a.isRegularFile() ? a.size() : 0;
                } catch (IOException e) {
                    return 0; // removed while walking
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + root, e);
        }
    }
}
