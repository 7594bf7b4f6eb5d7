package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.lab.storage.CowVolumeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Volumes and their Snapshot copies: FlexClone create and delete, SnapRestore of a volume or of single
 * files (PATCH {@code restore_to}), snapshot create, rename, comment, label, expiry and delete, with
 * ONTAP's rules (1023 copies, busy parents of clones, fenced volumes, locked copies).
 */
final class SimVolumes {

    private final SimCluster cluster;
    private final SimJobs jobs;
    private final SimViews views;
    private final SimTime time;

    SimVolumes(SimCluster cluster, SimJobs jobs, SimViews views) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.views = views;
        this.time = cluster.time();
    }

    private SimState state() {
        return cluster.state();
    }

    SimState.Vol vol(String uuid) {
        return state().volume(uuid).orElseThrow(() -> new ApiError(404, "4", "entry doesn't exist", "volume.uuid"));
    }

    SimResponse createVolume(SimRequest r) {
        JsonNode b = r.body();
        String name = b.path("name").asText("");
        JsonNode clone = b.path("clone");
        if (!clone.path("is_flexclone").asBoolean(false)) {
            throw new ApiError(400, "3", "The lab simulator creates volumes only as FlexClones"
                    + " (clone.is_flexclone=true)", "clone.is_flexclone");
        }
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]{0,202}")) {
            throw new ApiError(400, name.isEmpty() || name.length() > 203 ? "917886" : "917888",
                    "Invalid volume name \"" + name + "\": use letters, digits and '_' (first a letter or '_'),"
                            + " at most 203 characters", "name");
        }
        String svmName = b.path("svm").path("name").asText(b.path("svm").path("uuid").asText(""));
        if (svmName.isEmpty()) {
            throw new ApiError(400, "2621707", "No SVM was specified. Either svm.name or svm.uuid must be supplied.",
                    "svm");
        }
        SimState.Svm svm = state().svm(svmName).orElseThrow(() -> new ApiError(404, "2621462",
                "The SVM \"" + svmName + "\" does not exist.", "svm.name"));
        JsonNode pv = clone.path("parent_volume");
        if (!pv.has("name") && !pv.has("uuid")) {
            throw new ApiError(400, "918246", "volume.clone.parent_volume.name or uuid must be provided",
                    "clone.parent_volume");
        }
        SimState.Vol parent = (pv.has("uuid") ? state().volume(pv.get("uuid").asText())
                : state().volumeByName(pv.get("name").asText())).orElseThrow(() -> new ApiError(404, "524601",
                "Parent volume \"" + pv.path("name").asText(pv.path("uuid").asText()) + "\" not found.",
                "clone.parent_volume"));
        JsonNode ps = clone.path("parent_snapshot");
        if (!ps.has("name") && !ps.has("uuid")) {
            throw new ApiError(400, "918247", "The lab simulator needs clone.parent_snapshot (name or uuid)",
                    "clone.parent_snapshot");
        }
        SimState.Snap snap = parent.snapshots.stream().filter(s -> ps.has("uuid") ? s.uuid.equals(ps.get("uuid")
                .asText()) : s.name.equals(ps.get("name").asText())).findFirst().orElseThrow(() -> new ApiError(404,
                "1638600", "The snapshot does not exist.", "clone.parent_snapshot"));
        return jobs.respond(r, "POST /api/storage/volumes/" + name, () -> {
            if (state().volumeByName(name).isPresent()) {
                throw new ApiError(409, "917526", "The volume name specified is a duplicate", "name");
            }
            if (!"valid".equals(snap.state)) {
                throw new ApiError(400, "524819", "Failed to create the clone volume: the snapshot is not complete");
            }
            SimState.Vol v = new SimState.Vol();
            v.uuid = UUID.randomUUID().toString();
            v.name = name;
            v.svm = svm.name;
            v.store = "ontap/clones/" + name;
            v.created = time.now().toString();
            v.flexClone = true;
            v.cloneParentVolume = parent.uuid;
            v.cloneParentSnapshot = snap.uuid;
            try {
                Path cloneRoot = cluster.lab().resolve(v.store);
                if (Files.exists(cloneRoot)) {
                    CowVolumeStore.open(cloneRoot).destroy(); // debris of an earlier clone of that name
                }
                cluster.store(parent).cloneSnapshot(snap.uuid, cloneRoot);
            } catch (IOException e) {
                throw new ApiError(500, "524597", "Failed to create the clone volume: " + e.getMessage());
            }
            state().volumes.add(v);
        }, true, null, "/api/storage/volumes/?name=" + name);
    }

    SimResponse deleteVolume(SimRequest r, SimState.Vol v) {
        return jobs.respond(r, "DELETE /api/storage/volumes/" + v.uuid, () -> {
            if (state().volumes.stream().anyMatch(x -> v.uuid.equals(x.cloneParentVolume))) {
                throw new ApiError(409, "524615", "Failed to delete volume because it has one or more clones.");
            }
            if (!v.flexClone) {
                throw new ApiError(400, "3", "The lab simulator deletes only FlexClone volumes; \"" + v.name
                        + "\" holds lab data");
            }
            if (state().cgOf(v.uuid).isPresent()) {
                throw new ApiError(409, "8", "The volume belongs to a consistency group");
            }
            try {
                cluster.store(v).destroy();
            } catch (IOException e) {
                throw new ApiError(500, "1", "cannot delete the clone's data: " + e.getMessage());
            }
            state().volumes.remove(v);
        }, false, null, "");
    }

    SimResponse patchVolume(SimRequest r, SimState.Vol v) {
        String snapName = r.q("restore_to.snapshot.name");
        String snapUuid = r.q("restore_to.snapshot.uuid");
        if (snapName == null && snapUuid == null) {
            throw new ApiError(400, "3", "The lab simulator supports only restore_to.* on volume PATCH",
                    "restore_to.snapshot.name");
        }
        if (r.body() != null && r.body().isObject() && r.body().size() > 0) {
            throw new ApiError(400, "918251", "Specifying a value is not valid for a snapshot restore operation.");
        }
        String path = r.q("restore_to.path");
        if (path != null && !cluster.version().atLeast(9, 10)) {
            throw new ApiError(400, "2", "Unexpected argument \"restore_to.path\".", "restore_to.path");
        }
        SimState.Snap snap = v.snapshots.stream().filter(s -> snapUuid != null ? s.uuid.equals(snapUuid)
                : s.name.equals(snapName)).findFirst().orElseThrow(() -> new ApiError(404, "1638600",
                "The snapshot does not exist.", "restore_to.snapshot.name"));
        return jobs.respond(r, "PATCH /api/storage/volumes/" + v.uuid, () -> {
            if (!"valid".equals(snap.state)) {
                throw new ApiError(400, "524511", "Failed to restore snapshot \"" + snap.name + "\": it is not complete");
            }
            CowVolumeStore store = cluster.store(v);
            try {
                if (path != null) {
                    String src = stripSlash(path);
                    String dest = r.q("restore_to.restore_path") == null ? src : stripSlash(r.q("restore_to.restore_path"));
                    if (store.snapshot(snap.uuid).orElseThrow().files().stream().noneMatch(f -> f.path().equals(src))) {
                        throw new ApiError(404, "542797", "File or snapshot does not exist: " + path, "restore_to.path");
                    }
                    store.restoreFile(snap.uuid, src, dest);
                } else {
                    int idx = v.snapshots.indexOf(snap);
                    List<SimState.Snap> newer = new ArrayList<>(v.snapshots.subList(idx + 1, v.snapshots.size()));
                    for (SimState.Snap n : newer) {
                        if (!state().owners(n).isEmpty()) {
                            throw new ApiError(409, "524511", "Failed to restore snapshot \"" + snap.name
                                    + "\": newer snapshot \"" + n.name + "\" is busy (a clone is based on it)");
                        }
                    }
                    store.restoreVolume(snap.uuid);
                    for (SimState.Snap n : newer) {
                        store.deleteSnapshot(n.uuid);
                        v.snapshots.remove(n);
                        forgetCgMember(v.uuid, n.uuid);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                throw new ApiError(500, "524511", "Failed to restore snapshot \"" + snap.name + "\": " + e.getMessage());
            }
        }, false, null, "");
    }

    /**
     * POST /api/storage/file/clone: a file of the volume, or of one of its Snapshot copies ({@code .snapshot/NAME/path}),
     * cloned to a new file of the same volume; no data is copied (the store shares the blocks). ONTAP refuses an
     * existing destination (1260136), and so does the simulator.
     */
    SimResponse cloneFile(SimRequest r) {
        com.fasterxml.jackson.databind.JsonNode b = r.body();
        if (b == null || !b.isObject()) {
            throw new ApiError(400, "2", "A request body is required.", "body");
        }
        com.fasterxml.jackson.databind.JsonNode vn = b.path("volume");
        SimState.Vol v = (vn.hasNonNull("uuid") ? state().volumes.stream().filter(x -> x.uuid.equals(vn.path("uuid")
                .asText())).findFirst() : state().volumeByName(vn.path("name").asText(""))).orElseThrow(() ->
                new ApiError(404, "917927", "The specified volume was not found.", "volume"));
        String sourceGiven = stripSlash(b.path("source_path").asText(""));
        String dest = stripSlash(b.path("destination_path").asText(""));
        if (sourceGiven.isEmpty() || dest.isEmpty()) {
            throw new ApiError(400, "2", "source_path and destination_path are required.",
                    sourceGiven.isEmpty() ? "source_path" : "destination_path");
        }
        String source = sourceGiven.startsWith("./") ? sourceGiven.substring(2) : sourceGiven;
        if (!source.startsWith(".snapshot/")) {
            throw new ApiError(400, "2", "The lab simulator clones files only from Snapshot copies (.snapshot/NAME/path).",
                    "source_path");
        }
        String rest = source.substring(".snapshot/".length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new ApiError(400, "2", "source_path names no file inside the Snapshot copy.", "source_path");
        }
        String snapName = rest.substring(0, slash);
        String path = rest.substring(slash + 1);
        SimState.Snap snap = v.snapshots.stream().filter(x -> x.name.equals(snapName)).findFirst().orElseThrow(() ->
                new ApiError(404, "1638600", "The snapshot does not exist.", "source_path"));
        return jobs.respond(r, "POST /api/storage/file/clone", () -> {
            CowVolumeStore store = cluster.store(v);
            try {
                if (store.snapshot(snap.uuid).orElseThrow().files().stream().noneMatch(f -> f.path().equals(path))) {
                    throw new ApiError(404, "917536", "File does not exist: " + source, "source_path");
                }
                if (store.liveFiles().contains(dest)) {
                    throw new ApiError(409, "1260136", "The specified destination for a clone operation already exists"
                            + " as a LUN, namespace, or file.", "destination_path");
                }
                store.restoreFile(snap.uuid, path, dest);
            } catch (IOException e) {
                throw new ApiError(500, "1", "cannot clone " + source + ": " + e.getMessage());
            }
        }, false, null, "");
    }

    private static String stripSlash(String p) {
        String s = p.replace('\\', '/');
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s;
    }

    SimState.Snap snap(SimState.Vol v, String uuid) {
        return v.snapshots.stream().filter(s -> s.uuid.equals(uuid)).findFirst()
                .orElseThrow(() -> new ApiError(404, "1638600", "The snapshot does not exist.", "uuid"));
    }

    static void validateSnapshotName(String name, String target) {
        if (name == null || name.isEmpty() || name.length() > 255 || name.contains("/") || name.contains(",")
                || name.contains("*") || name.contains("|") || name.contains("?") || name.chars().anyMatch(c -> c < 0x20)) {
            throw new ApiError(400, "1638518", "The specified snapshot name is invalid.", target);
        }
        if (name.startsWith("snapmirror.") || name.startsWith("vserverdr.")) {
            throw new ApiError(400, "1638477", "User-created snapshot names cannot begin with \""
                    + name.substring(0, name.indexOf('.') + 1) + "\".", target);
        }
    }

    void validateLabel(JsonNode b) {
        if (b.has("snapmirror_label")) {
            if (!cluster.version().atLeast(9, 8)) {
                throw new ApiError(400, "2", "Unexpected argument \"snapmirror_label\".", "snapmirror_label");
            }
            String l = b.get("snapmirror_label").asText();
            if (l.isEmpty() || l.length() > 31) {
                throw new ApiError(400, "2", "Field \"snapmirror_label\" must be 1 to 31 characters.", "snapmirror_label");
            }
        }
    }

    private static Instant parseTime(JsonNode n, String target) {
        try {
            return OffsetDateTime.parse(n.asText()).toInstant();
        } catch (RuntimeException e) {
            throw new ApiError(400, "2", "Invalid value for " + target + ": \"" + n.asText() + "\"", target);
        }
    }

    SimResponse createSnapshot(SimRequest r, SimState.Vol v) {
        JsonNode b = r.body();
        if (!b.isObject()) {
            throw new ApiError(400, "2", "A request body is required", "name");
        }
        String name = b.path("name").asText("");
        validateSnapshotName(name, "name");
        validateLabel(b);
        Instant expiry = b.has("expiry_time") ? parseTime(b.get("expiry_time"), "expiry_time") : null;
        ObjectNode echo = SimState.JSON.createObjectNode();
        echo.put("num_records", 1);
        ObjectNode rec = echo.putArray("records").addObject();
        rec.putObject("volume").put("name", v.name);
        rec.set("svm", views.svmRef(v.svm));
        rec.put("name", name);
        if (b.has("comment")) {
            rec.put("comment", b.get("comment").asText());
        }
        return jobs.respond(r, "POST /api/storage/volumes/" + v.uuid + "/snapshots/?name=" + name, () -> {
            if (v.snapshots.stream().anyMatch(s -> s.name.equals(name))) {
                throw new ApiError(409, "525059", "A snapshot with the specified name already exists.", "name");
            }
            if (v.snapshots.size() >= state().snapshotLimit) {
                throw new ApiError(400, "525062", "Cannot exceed maximum number of snapshots.");
            }
            SimState.Snap s = newSnapshot(v, name, "valid");
            s.comment = b.has("comment") ? b.get("comment").asText() : null;
            s.label = b.has("snapmirror_label") ? b.get("snapmirror_label").asText() : null;
            s.expiry = expiry == null ? null : expiry.toString();
        }, true, echo, "/api/storage/volumes/" + v.uuid + "/snapshots/?name=" + name);
    }

    /** Takes the store snapshot (the point in time) and records it. */
    private SimState.Snap newSnapshot(SimState.Vol v, String name, String snapState) {
        SimState.Snap s = new SimState.Snap();
        s.uuid = UUID.randomUUID().toString();
        s.name = name;
        s.created = time.now().toString();
        s.state = snapState;
        try {
            s.size = cluster.store(v).createSnapshot(s.uuid).totalBytes();
        } catch (IOException e) {
            throw new ApiError(500, "1638537", "Cannot determine status of the snapshot create: " + e.getMessage());
        }
        v.snapshots.add(s);
        return s;
    }

    SimResponse patchSnapshot(SimRequest r, SimState.Vol v, SimState.Snap s) {
        JsonNode b = r.body();
        if (!b.isObject() || b.size() == 0) {
            throw new ApiError(400, "2", "Nothing to modify: give name, comment, snapmirror_label or expiry_time");
        }
        if (b.has("name")) {
            validateSnapshotName(b.get("name").asText(), "name");
        }
        validateLabel(b);
        Instant expiry = b.has("expiry_time") ? parseTime(b.get("expiry_time"), "expiry_time") : null;
        return jobs.respond(r, "PATCH /api/storage/volumes/" + v.uuid + "/snapshots/" + s.uuid, () -> {
            if (b.has("name")) {
                String n = b.get("name").asText();
                if (!n.equals(s.name) && v.snapshots.stream().anyMatch(x -> x.name.equals(n))) {
                    throw new ApiError(409, "525059", "A snapshot with the specified name already exists.", "name");
                }
                s.name = n;
            }
            if (b.has("comment")) {
                s.comment = b.get("comment").asText();
            }
            if (b.has("snapmirror_label")) {
                s.label = b.get("snapmirror_label").asText();
            }
            if (expiry != null) {
                s.expiry = expiry.toString();
            }
        }, false, null, "");
    }

    SimResponse deleteSnapshot(SimRequest r, SimState.Vol v, SimState.Snap s) {
        return jobs.respond(r, "DELETE /api/storage/volumes/" + v.uuid + "/snapshots/" + s.uuid, () -> {
            if (!state().owners(s).isEmpty()) {
                throw new ApiError(409, "1638543", "Failed to delete snapshot \"" + s.name
                        + "\" because it has an owner: " + state().owners(s));
            }
            if (s.expiry != null && time.now().isBefore(Instant.parse(s.expiry))) {
                throw new ApiError(409, "1638555", "The specified snapshot has not expired or is locked.");
            }
            if (fenced(v.uuid)) {
                throw new ApiError(409, "524481", "Snapshot was not deleted because the associated volume is"
                        + " locked or fenced.");
            }
            if (!v.snapshots.contains(s)) {
                throw new ApiError(404, "1638600", "The snapshot does not exist.");
            }
            removeSnapshot(v, s);
            forgetCgMember(v.uuid, s.uuid);
        }, false, null, "");
    }

    void removeSnapshot(SimState.Vol v, SimState.Snap s) {
        try {
            // A delete interrupted after the data went but before the state was saved (a killed process)
            // is finished now, as ONTAP completes an interrupted delete: the data is already gone.
            if (cluster.store(v).snapshot(s.uuid).isPresent()) {
                cluster.store(v).deleteSnapshot(s.uuid);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiError(500, "1638538", "Cannot determine status of the delete: " + e.getMessage());
        }
        v.snapshots.remove(s);
    }

    /** A member snapshot deleted on its own makes its CG snapshot incomplete; it stays, minus that member. */
    void forgetCgMember(String volumeUuid, String snapshotUuid) {
        for (SimState.Cg cg : state().cgs) {
            for (SimState.CgSnap cs : cg.snapshots) {
                cs.members.removeIf(m -> m.volume.equals(volumeUuid) && m.snapshot.equals(snapshotUuid));
            }
        }
    }

    boolean fenced(String volumeUuid) {
        return state().cgOf(volumeUuid).map(cg -> cg.snapshots.stream().anyMatch(cs -> cs.commitDeadline > 0))
                .orElse(false);
    }
}
