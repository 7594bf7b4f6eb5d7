package dev.vsskit.lab;

import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.vss.VssId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The lab's failover cluster at run time: which node owns each VM (live migration moves it), which nodes are
 * down, and each Cluster Shared Volume's coordinator node, backup state and I/O mode, kept in
 * {@code <lab>/cluster/state.json}; the redirected-I/O windows ({@code cluster/redirected.json}) and what the
 * nodes' writers did in each snapshot set ({@code cluster/log.json}, multi-node labs only). lab.json names the
 * nodes ({@code host.nodes}); a lab without that file is as {@code vsskit lab init} left it: every VM on the
 * first node, every node up, every CSV in direct I/O. Changes are made under the lab lock.
 */
public final class LabCluster {

    public static final String STATE = "cluster/state.json";
    public static final String REDIRECTED = "cluster/redirected.json";
    public static final String LOG = "cluster/log.json";
    /** The most entries the log and the redirected-window history keep (the oldest go first). */
    static final int KEEP = 400;

    /** A VM and the node that owns it (runs it). */
    public record VmOwner(String vm, String node) {
    }

    /** A node that is down, or that goes down when a backup reaches {@code atPhase} (a writer event name). */
    public record NodeDown(String node, String atPhase) {
    }

    /**
     * A CSV's state. {@code backupSet} is the snapshot set that put it in "backup in progress", by node and
     * process, since when; {@code redirectedSince} is when redirected I/O began (null: direct I/O).
     */
    public record CsvState(String volume, String coordinator, VssId backupSet, String backupNode, Long backupPid,
            Instant backupSince, Instant redirectedSince) {

        boolean inBackup() {
            return backupSet != null;
        }

        CsvState cleared() {
            return new CsvState(volume, coordinator, null, null, null, null, null);
        }
    }

    /**
     * A CSV snapshot exposed to a node for auto-recovery: writable there while its Hyper-V writer recovers its VMs
     * (CSV 2.0), from the requesting node's PostSnapshot until that node removes it.
     */
    public record Exposure(String volume, String node, VssId snapshotSet, VssId shadowId, String requestingNode,
            Instant since) {
    }

    /** A live migration due when a backup reaches {@code atPhase} (a writer event name): {@code lab vm move --at}. */
    public record PendingMove(String vm, String to, String atPhase) {
    }

    /** The content of {@code cluster/state.json}. */
    public record State(List<VmOwner> owners, List<NodeDown> down, List<CsvState> csvs, List<Exposure> exposures,
            List<PendingMove> moves) {
        public State {
            owners = owners == null ? List.of() : List.copyOf(owners);
            down = down == null ? List.of() : List.copyOf(down);
            csvs = csvs == null ? List.of() : List.copyOf(csvs);
            exposures = exposures == null ? List.of() : List.copyOf(exposures);
            moves = moves == null ? List.of() : List.copyOf(moves);
        }

        public State(List<VmOwner> owners, List<NodeDown> down, List<CsvState> csvs) {
            this(owners, down, csvs, null, null);
        }

        public State withOwners(List<VmOwner> o) {
            return new State(o, down, csvs, exposures, moves);
        }

        public State withDown(List<NodeDown> d) {
            return new State(owners, d, csvs, exposures, moves);
        }

        public State withCsvs(List<CsvState> c) {
            return new State(owners, down, c, exposures, moves);
        }

        public State withExposures(List<Exposure> e) {
            return new State(owners, down, csvs, e, moves);
        }

        public State withMoves(List<PendingMove> m) {
            return new State(owners, down, csvs, exposures, m);
        }
    }

    /** One redirected-I/O window of a CSV: the set whose snapshot creation needed it, and its times. */
    public record RedirectedWindow(String volume, String node, VssId snapshotSet, Instant start, Instant end) {
    }

    /** One thing a node's writer (or the cluster) did in a snapshot set. */
    public record Event(Instant time, String node, String source, String event, String subject, VssId snapshotSet) {
    }

    private final Path dir;
    private final LabConfig config;

    public LabCluster(Path labDir, LabConfig config) {
        this.dir = labDir;
        this.config = config;
    }

    public List<String> nodes() {
        return config.host().nodes();
    }

    public boolean isMultiNode() {
        return nodes().size() > 1;
    }

    /** The node lab.json spells {@code wanted} (any case); a one-line error naming the nodes otherwise. */
    public String node(String wanted) {
        return config.host().node(wanted).orElseThrow(() -> new LabException("no node '" + wanted + "' in cluster "
                + config.host().cluster() + "; its nodes: " + String.join(", ", nodes())));
    }

    // ---- state ----

    public State state() {
        Path f = dir.resolve(STATE);
        State s = Files.exists(f) ? LabJson.read(f, State.class) : new State(null, null, null);
        return withEveryCsv(s);
    }

    /** Adds the CSVs the file does not list yet, coordinated by the nodes in turn. */
    private State withEveryCsv(State s) {
        List<CsvState> csvs = new ArrayList<>();
        int i = 0;
        for (LabVolume v : config.volumes()) {
            if (v.kind() != VolumeKind.CSV) {
                continue;
            }
            String coordinator = nodes().get(i++ % nodes().size());
            csvs.add(s.csvs().stream().filter(c -> c.volume().equalsIgnoreCase(v.key())).findFirst()
                    .orElse(new CsvState(v.key(), coordinator, null, null, null, null, null)));
        }
        return s.withCsvs(csvs);
    }

    /** Changes the state under the lab lock; returns the new state. */
    public State update(UnaryOperator<State> change) {
        try (LabLock lock = LabLock.acquire(dir)) {
            State next = change.apply(state());
            LabJson.write(dir.resolve(STATE), next);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(STATE) + ": " + e.getMessage(), e);
        }
    }

    /** The node that owns a VM: the state's, else the first node. */
    public String ownerOf(LabVm vm) {
        return ownerOf(vm, state());
    }

    public String ownerOf(LabVm vm, State s) {
        return s.owners().stream().filter(o -> o.vm().equalsIgnoreCase(vm.name())).map(VmOwner::node).findFirst()
                .orElse(nodes().get(0));
    }

    /** The VMs a node owns, in lab.json's order. */
    public List<LabVm> vmsOf(String node) {
        State s = state();
        return config.vms().stream().filter(vm -> ownerOf(vm, s).equalsIgnoreCase(node)).toList();
    }

    /** Owners for a new lab: the VMs in turn over the nodes, keeping a share's VMs on the first node. */
    public static List<VmOwner> initialOwners(LabConfig config) {
        List<String> nodes = config.host().nodes();
        List<VmOwner> out = new ArrayList<>();
        int i = 0;
        for (LabVm vm : config.vms()) {
            out.add(new VmOwner(vm.name(), config.onCsv(vm) ? nodes.get(i++ % nodes.size()) : nodes.get(0)));
        }
        return out;
    }

    /** Sets the owner of a VM (a live migration); the caller checked the VM may move. */
    public void setOwner(String vm, String node) {
        update(s -> {
            List<VmOwner> owners = new ArrayList<>(s.owners().stream().filter(o -> !o.vm().equalsIgnoreCase(vm)).toList());
            owners.add(new VmOwner(vm, node));
            return s.withOwners(owners);
        });
    }

    /** Every VM's owner by lower-case name, read once (for writers that check many VMs per event). */
    public java.util.Map<String, String> ownersByVm() {
        State s = state();
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (LabVm vm : config.vms()) {
            out.put(vm.name().toLowerCase(java.util.Locale.ROOT), nodes().get(0));
        }
        for (VmOwner o : s.owners()) {
            out.put(o.vm().toLowerCase(java.util.Locale.ROOT), o.node());
        }
        return out;
    }

    // ---- live migrations due during a backup ----

    /** Schedules a live migration of {@code vm} to {@code node} for when a backup reaches {@code atPhase}. */
    public void scheduleMove(String vm, String node, String atPhase) {
        update(s -> {
            List<PendingMove> moves = new ArrayList<>(s.moves().stream().filter(m -> !m.vm().equalsIgnoreCase(vm))
                    .toList());
            moves.add(new PendingMove(vm, node, atPhase));
            return s.withMoves(moves);
        });
    }

    /**
     * The migrations due at {@code phase}, taken off the plan (each happens once). Cheap when none is planned:
     * one read of the state file.
     */
    public List<PendingMove> takeMovesDueAt(String phase) {
        if (state().moves().stream().noneMatch(m -> m.atPhase().equalsIgnoreCase(phase))) {
            return List.of();
        }
        List<PendingMove> due = new ArrayList<>();
        update(s -> {
            due.clear();
            due.addAll(s.moves().stream().filter(m -> m.atPhase().equalsIgnoreCase(phase)).toList());
            return s.withMoves(s.moves().stream().filter(m -> !m.atPhase().equalsIgnoreCase(phase)).toList());
        });
        return due;
    }

    // ---- CSV snapshots exposed for auto-recovery ----

    /** Exposes the set's CSV snapshot of {@code volume} to {@code node}, writable there (CSV 2.0 auto-recovery). */
    public void expose(Exposure e) {
        update(s -> {
            List<Exposure> all = new ArrayList<>(s.exposures());
            all.add(e);
            return s.withExposures(all);
        });
    }

    /** The exposures of a set to a node, by CSV. */
    public List<Exposure> exposuresTo(String node, VssId set) {
        return state().exposures().stream().filter(x -> x.node().equalsIgnoreCase(node) && set.equals(x.snapshotSet()))
                .toList();
    }

    /** Removes the set's exposures (all nodes); returns what it removed. */
    public List<Exposure> unexpose(VssId set) {
        if (state().exposures().stream().noneMatch(x -> set.equals(x.snapshotSet()))) {
            return List.of();
        }
        List<Exposure> removed = new ArrayList<>();
        update(s -> {
            removed.clear();
            removed.addAll(s.exposures().stream().filter(x -> set.equals(x.snapshotSet())).toList());
            return s.withExposures(s.exposures().stream().filter(x -> !set.equals(x.snapshotSet())).toList());
        });
        return removed;
    }

    // ---- nodes up and down ----

    public Optional<NodeDown> down(String node) {
        return state().down().stream().filter(d -> d.node().equalsIgnoreCase(node)).findFirst();
    }

    /** Whether a node is down when a backup reaches {@code phase}; a node due to go down at it goes down now. */
    public boolean isDownAt(String node, String phase) {
        Optional<NodeDown> d = down(node);
        if (d.isEmpty()) {
            return false;
        }
        if (d.get().atPhase() == null) {
            return true;
        }
        if (!d.get().atPhase().equalsIgnoreCase(phase)) {
            return false;
        }
        setDown(node, null);
        return true;
    }

    public void setDown(String node, String atPhase) {
        update(s -> {
            List<NodeDown> down = new ArrayList<>(s.down().stream().filter(d -> !d.node().equalsIgnoreCase(node)).toList());
            down.add(new NodeDown(node, atPhase));
            return s.withDown(down);
        });
    }

    public void setUp(String node) {
        update(s -> s.withDown(s.down().stream().filter(d -> !d.node().equalsIgnoreCase(node)).toList()));
    }

    // ---- CSV backup state and redirected I/O ----

    /** Puts the CSVs (lab volume keys) in "backup in progress" for a set, started on {@code node} by this process. */
    public void backupStarted(VssId set, String node, List<String> volumes, Instant now) {
        long pid = ProcessHandle.current().pid();
        update(s -> s.withCsvs(s.csvs().stream().map(c -> contains(volumes, c.volume())
                ? new CsvState(c.volume(), c.coordinator(), set, node, pid, now, null) : c).toList()));
    }

    /** Redirected I/O on or off for the set's CSVs; a window that ends is added to the history. */
    public void redirect(VssId set, String node, List<String> volumes, boolean on, Instant now) {
        List<RedirectedWindow> ended = new ArrayList<>();
        update(s -> s.withCsvs(s.csvs().stream().map(c -> {
            if (!contains(volumes, c.volume())) {
                return c;
            }
            if (on) {
                return new CsvState(c.volume(), c.coordinator(), c.backupSet(), c.backupNode(), c.backupPid(),
                        c.backupSince(), c.redirectedSince() != null ? c.redirectedSince() : now);
            }
            if (c.redirectedSince() != null) {
                ended.add(new RedirectedWindow(c.volume(), node, set, c.redirectedSince(), now));
            }
            return new CsvState(c.volume(), c.coordinator(), c.backupSet(), c.backupNode(), c.backupPid(),
                    c.backupSince(), null);
        }).toList()));
        if (!ended.isEmpty()) {
            append(REDIRECTED, RedirectedWindow.class, ended);
        }
    }

    /** The set ended (completed, aborted or its session closed): its CSVs leave backup state and redirected I/O. */
    public void backupEnded(VssId set, String node, Instant now) {
        unexpose(set);
        List<String> redirected = state().csvs().stream()
                .filter(c -> set.equals(c.backupSet()) && c.redirectedSince() != null).map(CsvState::volume).toList();
        if (!redirected.isEmpty()) {
            redirect(set, node, redirected, false, now);
        }
        if (state().csvs().stream().anyMatch(c -> set.equals(c.backupSet()))) {
            update(s -> s.withCsvs(s.csvs().stream()
                    .map(c -> set.equals(c.backupSet()) ? c.cleared() : c).toList()));
        }
    }

    /**
     * CSVs left in backup state by a backup whose process is gone (killed): on a real cluster they stay so
     * (redirected) for 30 minutes or until ClusterClearBackupStateForSharedVolume.
     */
    public List<CsvState> stale() {
        return state().csvs().stream().filter(CsvState::inBackup)
                .filter(c -> c.backupPid() == null || !alive(c.backupPid())).toList();
    }

    /**
     * Clears what {@link #stale} lists (ClusterClearBackupStateForSharedVolume), only when no snapshot set is in
     * creation on any node ({@code setInProgress}: the set gate's marker, if its process lives); returns what it
     * cleared. A CSV whose backup's process still runs is never cleared.
     */
    public List<CsvState> clearStale(Optional<VssId> setInProgress) {
        if (setInProgress.isPresent()) {
            throw new LabException("snapshot set " + setInProgress.get() + " is being created; a CSV's backup state"
                    + " is cleared only when no set is in progress on any node: try again when it ends");
        }
        List<CsvState> cleared = new ArrayList<>();
        update(s -> s.withCsvs(s.csvs().stream().map(c -> {
            if (c.inBackup() && (c.backupPid() == null || !alive(c.backupPid()))) {
                cleared.add(c);
                return c.cleared();
            }
            return c;
        }).toList()));
        cleared.forEach(c -> unexpose(c.backupSet()));
        return cleared;
    }

    public List<RedirectedWindow> redirectedHistory() {
        Path f = dir.resolve(REDIRECTED);
        return Files.exists(f) ? LabJson.readList(f, RedirectedWindow.class) : List.of();
    }

    // ---- the nodes' writer log ----

    /** Records what a node's writer did (multi-node labs only: a one-node lab has nothing to proxy). */
    public void log(Event e) {
        if (isMultiNode()) {
            append(LOG, Event.class, List.of(e));
        }
    }

    public List<Event> log() {
        Path f = dir.resolve(LOG);
        return Files.exists(f) ? LabJson.readList(f, Event.class) : List.of();
    }

    private <T> void append(String file, Class<T> type, List<T> entries) {
        Path f = dir.resolve(file);
        try (LabLock lock = LabLock.acquire(dir)) {
            List<T> all = new ArrayList<>(Files.exists(f) ? LabJson.readList(f, type) : List.of());
            all.addAll(entries);
            LabJson.write(f, new ArrayList<>(all.subList(Math.max(0, all.size() - KEEP), all.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + f + ": " + e.getMessage(), e);
        }
    }

    private static boolean contains(List<String> keys, String key) {
        return keys.stream().anyMatch(k -> k.equalsIgnoreCase(key));
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
