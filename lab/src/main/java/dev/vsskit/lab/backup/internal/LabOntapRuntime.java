package dev.vsskit.lab.backup.internal;

import dev.vsskit.eventlog.EventSink;
import dev.vsskit.eventlog.EvtxEventSink;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;
import dev.vsskit.ontap.OntapHardwareProvider;
import dev.vsskit.ontap.OntapSnapshotStore;
import dev.vsskit.ontap.SnapshotNames;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.spi.SnapshotProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lab's ONTAP side for one process: the REST simulator started in-process on an ephemeral loopback
 * port, a client that pins its certificate and uses the lab's credentials, the snapshot store, the Data
 * ONTAP VSS Hardware Provider (logging 4089/4364 into the lab's Application.evtx) and the File Share
 * provider's remote VSS path. One per lab folder per process; stopped when its {@link LabHost} closes.
 */
public final class LabOntapRuntime implements AutoCloseable {

    /** The event log the lab's providers write to. */
    public static final String APPLICATION_LOG = "events/Application.evtx";

    private static final Map<Path, LabOntapRuntime> RUNNING = new ConcurrentHashMap<>();

    private final Path lab;
    private final OntapSimulator simulator;
    private final OntapClient client;
    private final OntapSnapshotStore store;
    /** The Data ONTAP VSS Hardware Provider of each node (by computer name): its events name that node. */
    private final Map<String, OntapHardwareProvider> hardware = new ConcurrentHashMap<>();
    private final EventSink events;
    private final dev.vsskit.lab.LabClock clock;
    /** The cluster's first node (FQDN): whose provider answers where no node's has been made yet. */
    private final String firstNode;
    /** How long the providers may take to start a set (the lab's knob, else the provider's default). */
    private final java.time.Duration startBudget;
    private final LabRemoteVssProvider fileShare;
    private final AtomicReference<String> backupName = new AtomicReference<>(SnapshotNames.PROVIDER_BACKUP);

    private LabOntapRuntime(LabHost host) throws IOException {
        this.lab = host.dir();
        dev.vsskit.lab.LabClock clock = host.clock();
        this.simulator = OntapSimulator.start(lab, 0, new dev.vsskit.lab.ontap.SimTime() {
            @Override
            public java.time.Instant now() {
                return clock.now();
            }

            @Override
            public void sleep(long millis) {
                clock.sleep(java.time.Duration.ofMillis(millis));
            }
        });
        try {
            this.client = new OntapClient(OntapLab.connection(lab, simulator.address()), OntapClientListener.NONE);
            this.store = new OntapSnapshotStore(client, OntapLab.snapshotFileAccess(lab));
            this.events = new EvtxEventSink(lab.resolve(APPLICATION_LOG));
            this.clock = clock;
            this.firstNode = host.config().host().fqdn();
            long budgetMs = OntapLab.knobs(lab).providerStartBudgetMs();
            this.startBudget = budgetMs > 0 ? java.time.Duration.ofMillis(budgetMs) : OntapHardwareProvider.START_BUDGET;
            Provider fs = host.config().providers().stream().filter(p -> p.type() == ProviderType.FILESHARE)
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "lab.json registers no File Share Shadow Copy provider; `vsskit lab init --force`"));
            this.fileShare = new LabRemoteVssProvider(fs, client,
                    set -> SnapshotNames.of(backupName.get(), set), lab.resolve("vss/remote-vss-shadows.json"));
        } catch (IOException | RuntimeException e) {
            simulator.close();
            throw e;
        }
    }

    /** The runtime of this host's lab, started on first use and stopped when the host closes. */
    public static LabOntapRuntime of(LabHost host) {
        Path key = host.dir();
        LabOntapRuntime existing = RUNNING.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (RUNNING) {
            existing = RUNNING.get(key);
            if (existing != null) {
                return existing;
            }
            try {
                LabOntapRuntime r = new LabOntapRuntime(host);
                RUNNING.put(key, r);
                host.onClose(r);
                return r;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the lab's ONTAP simulator: " + e.getMessage(), e);
            }
        }
    }

    public OntapClient client() {
        return client;
    }

    public OntapSnapshotStore store() {
        return store;
    }

    /** The hardware provider of the cluster's first node (the only one of a one-node lab). */
    public OntapHardwareProvider hardwareProvider() {
        return hardwareProvider(firstNode);
    }

    /**
     * The hardware provider of the node {@code computerName} (its FQDN). The nodes' providers share the lab's
     * provider state file (the cluster's shadows), each writes its events as its own node.
     */
    public OntapHardwareProvider hardwareProvider(String computerName) {
        return hardware.computeIfAbsent(computerName.toLowerCase(java.util.Locale.ROOT), k -> new OntapHardwareProvider(
                client, events, OntapHardwareProvider.Options.defaults(computerName).withClock(clock::now)
                        .withStartBudget(startBudget)
                        .withSnapshotName(set -> SnapshotNames.of(backupName.get(), set))
                        .withStateFile(lab.resolve("ontap/provider-shadows.json"))
                        .withDeviceNumbers((int n) -> dev.vsskit.lab.internal.LabDeviceNumbers.next(lab, n))));
    }

    public SnapshotProvider fileShareProvider() {
        return fileShare;
    }

    /** The backup name the next snapshots carry ({@code <backup>__<set id>}). */
    public void nameNextSnapshots(String name) {
        backupName.set(name);
    }

    /** The ONTAP volume and Snapshot copy behind a committed shadow of either ONTAP-backed provider. */
    public Optional<String[]> storageOf(VssId shadowId) {
        // any node's provider reads the shared state file, which names every node's shadows
        Optional<String[]> hw = hardware.values().stream().findFirst().orElseGet(this::hardwareProvider)
                .storageOf(shadowId);
        return hw.isPresent() ? hw : fileShare.storageOf(shadowId);
    }

    @Override
    public void close() {
        RUNNING.remove(lab, this);
        try {
            store.close();
        } catch (Exception e) {
            // the store only holds the client; nothing to lose
        }
        hardware.values().forEach(OntapHardwareProvider::close);
        simulator.close();
    }

    @Override
    public String toString() {
        return "the lab's ONTAP simulator at " + simulator.address();
    }
}
