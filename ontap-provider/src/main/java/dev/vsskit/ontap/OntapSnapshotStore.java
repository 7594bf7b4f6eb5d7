package dev.vsskit.ontap;

import dev.vsskit.ontap.client.ClusterInfo;
import dev.vsskit.ontap.client.ConsistencyGroupInfo;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.ontap.internal.ConsistencyGroups;
import dev.vsskit.ontap.internal.Parallel;
import dev.vsskit.vss.store.FileRestore;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageSnapshot;
import dev.vsskit.vss.store.StorageVolume;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * {@link SnapshotStore} on an ONTAP cluster (real or the lab's simulator). A snapshot across several
 * volumes is one consistency-group Snapshot copy when the cluster has consistency groups (9.10+) and
 * the volumes can form one; otherwise one Snapshot copy per volume, issued in parallel. Either way it is
 * all-or-nothing: after a failure every copy of that name made by this call is deleted again.
 */
public final class OntapSnapshotStore implements SnapshotStore, AutoCloseable {

    private static final Duration CREATE_WAIT = Duration.ofSeconds(30);

    private final OntapClient client;
    private final SnapshotFileAccess fileAccess;
    private final Parallel parallel = new Parallel();
    private volatile ClusterInfo cluster;

    public OntapSnapshotStore(OntapClient client, SnapshotFileAccess fileAccess) {
        this.client = client;
        this.fileAccess = fileAccess;
    }

    public OntapClient client() {
        return client;
    }

    public ClusterInfo cluster() {
        ClusterInfo c = cluster;
        if (c == null) {
            c = client.cluster();
            cluster = c;
        }
        return c;
    }

    @Override
    public String describe() {
        ClusterInfo c = cluster();
        return "ONTAP " + c.version() + " cluster " + c.name() + " (" + client.connection().address() + ")";
    }

    /**
     * The cluster's name, version, clock and Snapshot copy limit, and whether its certificate is verified. A
     * volume holds at most 1023 Snapshot copies since ONTAP 9.4, 255 before.
     */
    @Override
    public dev.vsskit.vss.store.StorageHealth health() {
        ClusterInfo c = client.cluster();
        cluster = c;
        dev.vsskit.ontap.client.TlsTrust trust = client.connection().trust();
        return new dev.vsskit.vss.store.StorageHealth("cluster " + c.name(), c.version().toString(),
                !(trust instanceof dev.vsskit.ontap.client.TlsTrust.Insecure), trust.describe(), client.clusterTime(),
                c.version().atLeast(9, 4) ? 1023 : 255);
    }

    @Override
    public List<StorageVolume> volumes() {
        return client.volumes().stream().map(v -> new StorageVolume(v.name(), v.uuid(), v.svmName())).toList();
    }

    @Override
    public List<StorageSnapshot> snapshots(String volume) {
        VolumeInfo v = client.requireVolume(volume);
        return client.snapshots(v.uuid()).stream().map(OntapSnapshotStore::toStorage).toList();
    }

    @Override
    public List<StorageSnapshot> createSnapshots(List<String> volumes, String snapshotName, String comment) {
        SnapshotNames.validate(snapshotName);
        if (volumes.isEmpty()) {
            throw new IllegalArgumentException("no volumes given for Snapshot copy " + snapshotName);
        }
        List<VolumeInfo> vols = resolve(volumes);
        SnapshotSpec spec = SnapshotSpec.named(snapshotName).withComment(comment);
        // The name must be free everywhere first: the cleanup after a failure deletes copies of this name,
        // and must never meet one that this call did not make.
        List<Parallel.Outcome<VolumeInfo, Optional<SnapshotInfo>>> existing = parallel.each(vols,
                v -> client.snapshotByName(v.uuid(), snapshotName));
        RuntimeException lookupFailure = Parallel.firstFailure(existing);
        if (lookupFailure != null) {
            throw lookupFailure;
        }
        List<String> taken = existing.stream().filter(o -> o.value().isPresent()).map(o -> o.item().name()).toList();
        if (!taken.isEmpty()) {
            throw new IllegalArgumentException("a Snapshot copy named " + snapshotName + " already exists on "
                    + String.join(", ", taken) + "; choose another name");
        }
        try {
            if (vols.size() > 1 && cluster().version().hasConsistencyGroups()) {
                Optional<ConsistencyGroupInfo> cg = ConsistencyGroups.findOrCreate(client, vols);
                if (cg.isPresent()) {
                    client.createCgSnapshot(cg.get().uuid(), spec, CREATE_WAIT);
                    return collect(vols, snapshotName);
                }
            }
            List<Parallel.Outcome<VolumeInfo, SnapshotInfo>> outcomes = parallel.each(vols,
                    v -> client.createSnapshot(v.uuid(), spec, CREATE_WAIT));
            RuntimeException failure = Parallel.firstFailure(outcomes);
            if (failure != null) {
                throw failure;
            }
            return outcomes.stream().map(o -> toStorage(o.value())).toList();
        } catch (RuntimeException e) {
            removeEverywhere(vols, snapshotName, e);
            throw e;
        }
    }

    /**
     * Deletes the copy named {@code snapshotName} from every volume where it exists; used to undo a
     * partly made set. Failures are attached to {@code cause} as suppressed exceptions.
     */
    private void removeEverywhere(List<VolumeInfo> vols, String snapshotName, RuntimeException cause) {
        List<Parallel.Outcome<VolumeInfo, Boolean>> undone = parallel.each(vols, v -> {
            Optional<SnapshotInfo> s = client.snapshotByName(v.uuid(), snapshotName);
            s.ifPresent(x -> client.deleteSnapshot(v.uuid(), x.uuid(), true));
            return s.isPresent();
        });
        for (Parallel.Outcome<VolumeInfo, Boolean> o : undone) {
            if (!o.ok()) {
                cause.addSuppressed(new IllegalStateException("could not remove the partial Snapshot copy "
                        + snapshotName + " from volume " + o.item().name() + "; delete it by hand", o.failure()));
            }
        }
    }

    private List<StorageSnapshot> collect(List<VolumeInfo> vols, String snapshotName) {
        List<Parallel.Outcome<VolumeInfo, SnapshotInfo>> found = parallel.each(vols,
                v -> client.snapshotByName(v.uuid(), snapshotName).orElseThrow(() -> new OntapException(
                        OntapErrorKind.PROTOCOL, 0, "", "Snapshot copy " + snapshotName + " missing on volume "
                                + v.name() + " after the consistency-group snapshot", "", "", null)));
        RuntimeException failure = Parallel.firstFailure(found);
        if (failure != null) {
            throw failure;
        }
        return found.stream().map(o -> toStorage(o.value())).toList();
    }

    @Override
    public void deleteSnapshot(String volume, String snapshotName) {
        VolumeInfo v = client.requireVolume(volume);
        SnapshotInfo s = requireSnapshot(v, snapshotName);
        client.deleteSnapshot(v.uuid(), s.uuid(), false);
    }

    @Override
    public void restoreVolume(String volume, String snapshotName) {
        VolumeInfo v = client.requireVolume(volume);
        requireSnapshot(v, snapshotName);
        client.restoreVolume(v.uuid(), snapshotName);
    }

    @Override
    public void restoreFiles(String volume, String snapshotName, List<FileRestore> files) {
        VolumeInfo v = client.requireVolume(volume);
        requireSnapshot(v, snapshotName);
        for (FileRestore f : files) {
            client.restoreFile(v.uuid(), snapshotName, ontapPath(f.sourcePath()), ontapPath(f.destinationPath()));
        }
    }

    @Override
    public InputStream openSnapshotFile(String volume, String snapshotName, String path) throws IOException {
        VolumeInfo v = client.requireVolume(volume);
        requireSnapshot(v, snapshotName);
        return fileAccess.open(volume, snapshotName, path);
    }

    @Override
    public ReadableByteChannel openSnapshotChannel(String volume, String snapshotName, String path)
            throws IOException {
        VolumeInfo v = client.requireVolume(volume);
        requireSnapshot(v, snapshotName);
        return fileAccess.openChannel(volume, snapshotName, path);
    }

    @Override
    public String cloneVolume(String volume, String snapshotName, String cloneName) {
        VolumeInfo v = client.requireVolume(volume);
        requireSnapshot(v, snapshotName);
        return client.createClone(v.svmName(), cloneName, volume, snapshotName).name();
    }

    @Override
    public void deleteClone(String cloneName) {
        VolumeInfo v = client.requireVolume(cloneName);
        if (!v.flexClone()) {
            throw new IllegalArgumentException("volume " + cloneName + " is not a FlexClone; vsskit deletes only"
                    + " the clones it made");
        }
        client.deleteVolume(v.uuid());
    }

    private List<VolumeInfo> resolve(List<String> names) {
        List<VolumeInfo> out = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String n : new LinkedHashSet<>(names)) {
            Optional<VolumeInfo> v = client.volumeByName(n);
            if (v.isPresent()) {
                out.add(v.get());
            } else {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no ONTAP volume named " + String.join(", ", missing) + " on "
                    + describe() + " (volumes: " + String.join(", ", client.volumes().stream().map(VolumeInfo::name)
                    .toList()) + ")");
        }
        return out;
    }

    private SnapshotInfo requireSnapshot(VolumeInfo v, String snapshotName) {
        return client.snapshotByName(v.uuid(), snapshotName).orElseThrow(() -> new IllegalArgumentException(
                "volume " + v.name() + " has no Snapshot copy named " + snapshotName));
    }

    /** ONTAP file paths start at the volume root with '/'. */
    static String ontapPath(String path) {
        String p = path.replace('\\', '/');
        return p.startsWith("/") ? p : "/" + p;
    }

    static StorageSnapshot toStorage(SnapshotInfo s) {
        return new StorageSnapshot(s.volumeName(), s.name(), s.uuid(), s.created(), s.comment(), s.snapmirrorLabel());
    }

    @Override
    public void close() {
        parallel.close();
    }
}
