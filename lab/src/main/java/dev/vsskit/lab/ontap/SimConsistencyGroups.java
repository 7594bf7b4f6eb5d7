package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Consistency groups (9.10+) and their snapshots: one-phase, and two-phase (9.11+: {@code action=start}
 * fences the member volumes until {@code PATCH action=commit} or until {@code action_timeout} passes).
 */
final class SimConsistencyGroups implements AutoCloseable {

    private final SimCluster cluster;
    private final SimJobs jobs;
    private final SimVolumes volumes;
    private final SimTime time;
    /** Store snapshots of CG members run here in parallel (I/O bound: fsyncs). */
    private final ExecutorService storeIo = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "ontap-sim-io");
        t.setDaemon(true);
        return t;
    });

    SimConsistencyGroups(SimCluster cluster, SimJobs jobs, SimVolumes volumes) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.volumes = volumes;
        this.time = cluster.time();
    }

    private SimState state() {
        return cluster.state();
    }

    /** Aborts two-phase snapshots whose fence timed out (ONTAP drops them; a late commit gets 53411925). */
    void expireFences() {
        Instant now = time.now();
        boolean changed = false;
        for (SimState.Cg cg : state().cgs) {
            for (Iterator<SimState.CgSnap> it = cg.snapshots.iterator(); it.hasNext();) {
                SimState.CgSnap cs = it.next();
                if (cs.commitDeadline > 0 && now.toEpochMilli() > cs.commitDeadline) {
                    removeMembers(cs);
                    it.remove();
                    changed = true;
                }
            }
        }
        if (changed) {
            cluster.persist();
        }
    }

    @Override
    public void close() {
        storeIo.shutdownNow();
    }

    SimResponse createCg(SimRequest r) {
        JsonNode b = r.body();
        String name = b.path("name").asText("");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]{0,202}")) {
            throw new ApiError(400, "2", "Invalid consistency group name \"" + name + "\"", "name");
        }
        String svmName = b.path("svm").path("name").asText("");
        SimState.Svm svm = state().svm(svmName).orElseThrow(() -> new ApiError(404, "2621462",
                "The SVM \"" + svmName + "\" does not exist.", "svm.name"));
        List<SimState.Vol> members = new ArrayList<>();
        for (JsonNode vn : b.path("volumes")) {
            String action = vn.path("provisioning_options").path("action").asText("add");
            if (!action.equals("add")) {
                throw new ApiError(400, "3", "The lab simulator builds consistency groups from existing volumes"
                        + " only (provisioning_options.action=add)", "volumes.provisioning_options.action");
            }
            String vname = vn.path("name").asText("");
            members.add(state().volumeByName(vname).orElseThrow(() -> new ApiError(404, "917927",
                    "The specified volume \"" + vname + "\" was not found.", "volumes.name")));
        }
        if (members.isEmpty()) {
            throw new ApiError(400, "2", "A consistency group needs at least one volume", "volumes");
        }
        return jobs.respond(r, "POST /api/application/consistency-groups", () -> {
            if (state().cgs.stream().anyMatch(c -> c.name.equals(name))) {
                throw new ApiError(409, "1", "A consistency group named \"" + name + "\" already exists", "name");
            }
            for (SimState.Vol v : members) {
                if (state().cgOf(v.uuid).isPresent()) {
                    throw new ApiError(409, "53411865", "Volume \"" + v.name + "\" is already in consistency group \""
                            + state().cgOf(v.uuid).get().name + "\"; volumes in one consistency group cannot be added"
                            + " to a different one.", "volumes");
                }
            }
            SimState.Cg cg = new SimState.Cg();
            cg.uuid = UUID.randomUUID().toString();
            cg.name = name;
            cg.svm = svm.name;
            members.forEach(v -> cg.volumes.add(v.uuid));
            state().cgs.add(cg);
        }, true, null, "");
    }

    SimResponse createCgSnapshot(SimRequest r, SimState.Cg cg) {
        JsonNode b = r.body();
        String name = b.path("name").asText("");
        SimVolumes.validateSnapshotName(name, "name");
        volumes.validateLabel(b);
        String action = r.q("action");
        boolean twoPhase = "start".equals(action);
        if (action != null && !twoPhase) {
            throw new ApiError(400, "2", "Invalid value \"" + action + "\" for action on POST (use start)", "action");
        }
        int actionTimeout = 7;
        if (twoPhase) {
            if (!cluster.version().hasTwoPhaseCgSnapshots()) {
                throw new ApiError(400, "2", "Unexpected argument \"action\": two-phase snapshots need ONTAP 9.11",
                        "action");
            }
            actionTimeout = RestQuery.parseInt(r.q("action_timeout", "7"), "action_timeout");
            int min = cluster.version().atLeast(9, 14) ? 5 : 1;
            int max = cluster.version().atLeast(9, 14) ? 120 : 90;
            if (actionTimeout < min || actionTimeout > max) {
                throw new ApiError(400, "2", "action_timeout must be between " + min + " and " + max + " seconds",
                        "action_timeout");
            }
        } else if (r.q("action_timeout") != null) {
            throw new ApiError(400, "2", "action_timeout is valid only with action=start", "action_timeout");
        }
        long deadline = twoPhase ? time.now().toEpochMilli() + actionTimeout * 1000L : 0;
        return jobs.respond(r, "POST /api/application/consistency-groups/" + cg.uuid + "/snapshots", () -> {
            if (cg.snapshots.stream().anyMatch(s -> s.name.equals(name))) {
                throw new ApiError(409, "53411921", "Failed to create snapshot \"" + name
                        + "\" for consistency group \"" + cg.name + "\": a snapshot of that name exists.", "name");
            }
            if (cg.snapshots.stream().anyMatch(s -> s.commitDeadline > 0)) {
                throw new ApiError(409, "53411918", "Snapshot operation not permitted: another two-phase snapshot"
                        + " is in progress for the consistency group.");
            }
            for (String vu : cg.volumes) {
                SimState.Vol v = state().volume(vu).orElseThrow();
                if (v.snapshots.stream().anyMatch(s -> s.name.equals(name))) {
                    throw new ApiError(409, "53411921", "Failed to create snapshot for consistency group: volume \""
                            + v.name + "\" already has a snapshot named \"" + name + "\".");
                }
                if (v.snapshots.size() >= state().snapshotLimit) {
                    throw new ApiError(400, "525062", "Cannot exceed maximum number of snapshots (volume \"" + v.name
                            + "\").");
                }
            }
            SimState.CgSnap cs = new SimState.CgSnap();
            cs.uuid = UUID.randomUUID().toString();
            cs.name = name;
            cs.comment = b.has("comment") ? b.get("comment").asText() : null;
            cs.label = b.has("snapmirror_label") ? b.get("snapmirror_label").asText() : null;
            cs.consistencyType = b.path("consistency_type").asText("crash");
            cs.created = time.now().toString();
            cs.commitDeadline = deadline;
            // One phase: fence, snapshot every member, unfence. Two phases: the fence holds every write
            // from start to commit, so the image at commit equals the image at start; the lab's writers do
            // not pass through the fence, so the member snapshots are taken at commit.
            if (!twoPhase) {
                takeMembers(cg, cs);
            }
            cg.snapshots.add(cs);
        }, true, null, "");
    }

    SimResponse patchCgSnapshot(SimRequest r, SimState.Cg cg, SimState.CgSnap cs) {
        if (!"commit".equals(r.q("action"))) {
            throw new ApiError(400, "3", "The lab simulator supports only action=commit on a CG snapshot PATCH",
                    "action");
        }
        if (!cluster.version().hasTwoPhaseCgSnapshots()) {
            throw new ApiError(400, "2", "Unexpected argument \"action\".", "action");
        }
        if (cs.commitDeadline == 0) {
            throw new ApiError(400, "53411925", "Failed to find a previously initiated two-phase snapshot operation"
                    + " for consistency group \"" + cg.name + "\".");
        }
        cs.commitDeadline = 0;
        takeMembers(cg, cs);
        cluster.persist();
        return new SimResponse(200, SimState.JSON.createObjectNode(), "");
    }

    /**
     * Snapshots every member volume's store, in parallel (the stores are independent and each snapshot
     * is one durable write), then records them; if any store fails, the others are removed again.
     */
    private void takeMembers(SimState.Cg cg, SimState.CgSnap cs) {
        List<SimState.Vol> vols = cg.volumes.stream().map(vu -> state().volume(vu).orElseThrow()).toList();
        List<String> ids = vols.stream().map(v -> UUID.randomUUID().toString()).toList();
        List<java.util.concurrent.Future<Long>> sizes = new ArrayList<>();
        for (int i = 0; i < vols.size(); i++) {
            SimState.Vol v = vols.get(i);
            String id = ids.get(i);
            sizes.add(storeIo.submit(() -> cluster.store(v).createSnapshot(id).totalBytes()));
        }
        List<Long> done = new ArrayList<>();
        Exception failure = null;
        for (java.util.concurrent.Future<Long> f : sizes) {
            try {
                done.add(f.get());
            } catch (Exception e) {
                done.add(null);
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            for (int i = 0; i < vols.size(); i++) {
                if (done.get(i) != null) {
                    try {
                        cluster.store(vols.get(i)).deleteSnapshot(ids.get(i));
                    } catch (IOException | RuntimeException e) {
                        failure.addSuppressed(e);
                    }
                }
            }
            throw new ApiError(500, "53411921", "Failed to create snapshot for consistency group \"" + cg.name
                    + "\": " + failure.getMessage());
        }
        String now = time.now().toString();
        for (int i = 0; i < vols.size(); i++) {
            SimState.Snap s = new SimState.Snap();
            s.uuid = ids.get(i);
            s.name = cs.name;
            s.created = now;
            s.state = "valid";
            s.size = done.get(i);
            s.comment = cs.comment;
            s.label = cs.label;
            vols.get(i).snapshots.add(s);
            cs.members.add(new SimState.Member(vols.get(i).uuid, s.uuid));
        }
    }

    void deleteCgSnapshot(SimState.Cg cg, SimState.CgSnap cs) {
        for (SimState.Member m : cs.members) {
            SimState.Vol v = state().volume(m.volume).orElse(null);
            SimState.Snap s = v == null ? null : v.snapshots.stream().filter(x -> x.uuid.equals(m.snapshot))
                    .findFirst().orElse(null);
            if (s != null && !state().owners(s).isEmpty()) {
                throw new ApiError(409, "1638543", "Failed to delete snapshot \"" + s.name + "\" of volume \"" + v.name
                        + "\" because it has an owner: " + state().owners(s));
            }
        }
        removeMembers(cs);
        cg.snapshots.remove(cs);
    }

    private void removeMembers(SimState.CgSnap cs) {
        for (SimState.Member m : cs.members) {
            state().volume(m.volume).ifPresent(v -> v.snapshots.stream().filter(s -> s.uuid.equals(m.snapshot))
                    .findFirst().ifPresent(s -> volumes.removeSnapshot(v, s)));
        }
    }
}
