package dev.vsskit.lab.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.ontap.OntapVolumeResolver;
import dev.vsskit.ontap.SnapshotNames;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.InterProcessLock;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The Microsoft File Share Shadow Copy provider as it works against ONTAP: the client side of MS-FSRVP,
 * whose server (ONTAP's remote VSS agent; in the lab, the ONTAP simulator) snapshots the volume behind
 * the SMB 3.0 share. The commit creates one ONTAP Snapshot copy per share volume through the REST API,
 * named like the hardware provider's ({@code <backup>__<set id>}); abort removes what it created.
 * Committed shadows are remembered in a state file so that a later process can delete them.
 */
final class LabRemoteVssProvider implements SnapshotProvider {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private record Pending(VssId shadowId, VolumeTarget target, VolumeInfo volume) {
    }

    private record Committed(VssId shadowId, VssId setId, String share, String volumeName, String volumeUuid,
            String snapshotName, String snapshotUuid) {
    }

    private final Provider info;
    private final OntapClient client;
    private final OntapVolumeResolver resolver;
    private final Function<VssId, String> namer;
    private final Path stateFile;
    private final Map<VssId, List<Pending>> sets = new LinkedHashMap<>();
    private final Map<VssId, List<Committed>> created = new LinkedHashMap<>();

    LabRemoteVssProvider(Provider info, OntapClient client, Function<VssId, String> namer, Path stateFile) {
        this.info = info;
        this.client = client;
        this.resolver = new OntapVolumeResolver(client);
        this.namer = namer;
        this.stateFile = stateFile;
    }

    @Override
    public Provider info() {
        return info;
    }

    @Override
    public boolean isSupported(VolumeTarget volume, SnapshotContext context) {
        if (!volume.isShare()) {
            return false;
        }
        try {
            return resolver.volume(volume).isPresent();
        } catch (OntapException e) {
            return false;
        }
    }

    @Override
    public synchronized void beginPrepareSnapshot(VssId setId, VssId snapshotId, VolumeTarget volume,
            SnapshotContext context) {
        VolumeInfo v;
        try {
            v = resolver.volume(volume).orElseThrow(() -> new VssException(
                    HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, "share " + volume.path()
                            + " is not an ONTAP CIFS share of " + client.connection().address()));
        } catch (OntapException e) {
            throw new VssException(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, "the remote VSS agent of "
                    + volume.path() + " did not answer: " + e.getMessage(), e);
        }
        sets.computeIfAbsent(setId, k -> new ArrayList<>()).add(new Pending(snapshotId, volume, v));
    }

    @Override
    public synchronized void commitSnapshots(VssId setId) {
        List<Pending> pending = sets.getOrDefault(setId, List.of());
        String name = namer.apply(setId);
        SnapshotNames.validate(name);
        Map<String, SnapshotInfo> byVolume = new LinkedHashMap<>();
        List<Committed> done = created.computeIfAbsent(setId, k -> new ArrayList<>());
        try {
            for (Pending p : pending) {
                SnapshotInfo snap = byVolume.get(p.volume().uuid());
                if (snap == null) {
                    snap = client.createSnapshot(p.volume().uuid(), SnapshotSpec.named(name)
                            .withComment(SnapshotNames.COMMENT_PREFIX + name), WAIT);
                    byVolume.put(p.volume().uuid(), snap);
                }
                done.add(new Committed(p.shadowId(), setId, p.target().shareUnc().orElse(p.target().path()),
                        p.volume().name(), p.volume().uuid(), snap.name(), snap.uuid()));
            }
        } catch (OntapException e) {
            throw new VssException(HResult.VSS_E_PROVIDER_VETO, "the remote VSS agent could not snapshot the share"
                    + " volume: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void postCommitSnapshots(VssId setId, int count) {
        List<Committed> done = created.getOrDefault(setId, List.of());
        update(state -> {
            state.addAll(done);
            return state;
        });
    }

    @Override
    public synchronized void postFinalCommitSnapshots(VssId setId) {
        sets.remove(setId);
        created.remove(setId);
    }

    @Override
    public synchronized void abortSnapshots(VssId setId) {
        List<Committed> done = created.remove(setId);
        sets.remove(setId);
        if (done != null) {
            done.stream().map(c -> c.volumeUuid() + "/" + c.snapshotUuid()).distinct().forEach(key -> {
                String[] parts = key.split("/");
                client.deleteSnapshot(parts[0], parts[1], true);
            });
            update(state -> {
                state.removeIf(c -> c.setId().equals(setId));
                return state;
            });
        }
    }

    @Override
    public synchronized void deleteSnapshot(VssId snapshotId) {
        Committed c = load().stream().filter(x -> x.shadowId().equals(snapshotId)).findFirst()
                .orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND, "no file share shadow copy "
                        + snapshotId));
        boolean shared = load().stream().anyMatch(x -> !x.shadowId().equals(snapshotId)
                && x.snapshotUuid().equals(c.snapshotUuid()));
        if (!shared) {
            client.deleteSnapshot(c.volumeUuid(), c.snapshotUuid(), true);
        }
        update(state -> {
            state.removeIf(x -> x.shadowId().equals(snapshotId));
            return state;
        });
    }

    @Override
    public String shadowDeviceName(VssId snapshotId) {
        Committed c = find(snapshotId).orElseThrow(() -> new VssException(HResult.VSS_E_OBJECT_NOT_FOUND,
                "no file share shadow copy " + snapshotId));
        // MS-FSRVP exposes a shadow of \\server\share as \\server\share@{shadow id}
        return c.share() + "@" + snapshotId.toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** The ONTAP volume and Snapshot copy behind a committed share shadow. */
    Optional<String[]> storageOf(VssId snapshotId) {
        return find(snapshotId).map(c -> new String[] {c.volumeName(), c.snapshotName()});
    }

    private Optional<Committed> find(VssId snapshotId) {
        for (List<Committed> l : created.values()) {
            for (Committed c : l) {
                if (c.shadowId().equals(snapshotId)) {
                    return Optional.of(c);
                }
            }
        }
        return load().stream().filter(x -> x.shadowId().equals(snapshotId)).findFirst();
    }

    private List<Committed> load() {
        if (!Files.exists(stateFile)) {
            return new ArrayList<>();
        }
        try {
            List<Committed> out = new ArrayList<>();
            for (JsonNode n : JSON.readTree(Files.readAllBytes(stateFile))) {
                out.add(new Committed(VssId.parse(n.path("shadowId").asText()), VssId.parse(n.path("setId").asText()),
                        n.path("share").asText(), n.path("volumeName").asText(), n.path("volumeUuid").asText(),
                        n.path("snapshotName").asText(), n.path("snapshotUuid").asText()));
            }
            return out;
        } catch (IOException | RuntimeException e) {
            throw LabJson.corrupt(stateFile, e.getMessage(), e);
        }
    }

    /** Load, change, save as one step across processes (the state file's own lock), so none loses another's shadows. */
    private void update(Function<List<Committed>, List<Committed>> change) {
        Path lockFile = stateFile.resolveSibling(stateFile.getFileName() + ".lock");
        try (InterProcessLock lock = InterProcessLock.tryAcquireCreatingFolder(lockFile, LabLock.DEFAULT_TIMEOUT)
                .orElseThrow(() -> new LabException("the lab is busy: another vsskit process holds " + lockFile
                        + "; retry when it has finished"))) {
            write(change.apply(load()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + lockFile + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for " + lockFile, e);
        }
    }

    private void write(List<Committed> next) {
        ArrayNode array = JSON.createArrayNode();
        for (Committed c : next) {
            ObjectNode n = array.addObject();
            n.put("shadowId", c.shadowId().toString());
            n.put("setId", c.setId().toString());
            n.put("share", c.share());
            n.put("volumeName", c.volumeName());
            n.put("volumeUuid", c.volumeUuid());
            n.put("snapshotName", c.snapshotName());
            n.put("snapshotUuid", c.snapshotUuid());
        }
        try {
            AtomicFiles.write(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + stateFile + ": " + e.getMessage(), e);
        }
    }
}
