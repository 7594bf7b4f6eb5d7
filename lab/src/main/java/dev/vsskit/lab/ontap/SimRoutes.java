package dev.vsskit.lab.ontap;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Which resource answers which {@code METHOD /api/...}: the simulator's routing table. */
final class SimRoutes {

    private static final String API = "/api";

    private final SimCluster cluster;
    private final SimJobs jobs;
    private final SimViews views;
    private final SimVolumes volumes;
    private final SimConsistencyGroups cgs;

    SimRoutes(SimCluster cluster, SimJobs jobs, SimViews views, SimVolumes volumes, SimConsistencyGroups cgs) {
        this.cluster = cluster;
        this.jobs = jobs;
        this.views = views;
        this.volumes = volumes;
        this.cgs = cgs;
    }

    private SimState state() {
        return cluster.state();
    }

    SimResponse route(SimRequest r) {
        String p = r.path();
        if (!p.startsWith(API + "/")) {
            throw new ApiError(404, "3", "API not found: " + p);
        }
        String[] s = segments(p.substring(API.length() + 1));
        String m = r.method();
        if (match(s, "cluster")) {
            return only(m, "GET", () -> new SimResponse(200, RestQuery.project(views.cluster(), r, true), ""));
        }
        if (match(s, "cluster", "nodes")) {
            return only(m, "GET", () -> RestQuery.collection(r, List.of(views.nodeJson()), List.of("uuid", "name")));
        }
        if (match(s, "cluster", "jobs")) {
            return only(m, "GET", () -> RestQuery.collection(r, jobs.all().stream().map(jobs::jobJson).toList(),
                    List.of("uuid")));
        }
        if (match(s, "cluster", "jobs", null)) {
            return only(m, "GET", () -> new SimResponse(200, RestQuery.project(jobs.jobJson(jobs.job(s[2])), r, true), ""));
        }
        if (match(s, "svm", "svms")) {
            return only(m, "GET", () -> RestQuery.collection(r, state().svms.stream().map(views::svmJson).toList(),
                    List.of("uuid", "name")));
        }
        if (match(s, "svm", "svms", null)) {
            return only(m, "GET", () -> new SimResponse(200, RestQuery.project(views.svmJson(state().svm(s[2]).filter(x -> x.uuid.equals(s[2]))
                    .orElseThrow(() -> ApiError.notFound("svm.uuid"))), r, true), ""));
        }
        if (match(s, "storage", "volumes")) {
            return switch (m) {
                case "GET" -> RestQuery.collection(r, state().volumes.stream().map(views::volumeJson).toList(),
                        List.of("uuid", "name"));
                case "POST" -> volumes.createVolume(r);
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (match(s, "storage", "volumes", null)) {
            SimState.Vol v = volumes.vol(s[2]);
            return switch (m) {
                case "GET" -> new SimResponse(200, RestQuery.project(views.volumeJson(v), r, true), "");
                case "PATCH" -> volumes.patchVolume(r, v);
                case "DELETE" -> volumes.deleteVolume(r, v);
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (match(s, "storage", "volumes", null, "snapshots")) {
            SimState.Vol v = volumes.vol(s[2]);
            return switch (m) {
                case "GET" -> RestQuery.collection(r, v.snapshots.stream().map(x -> views.snapshotJson(v, x)).toList(),
                        List.of("uuid", "name"));
                case "POST" -> volumes.createSnapshot(r, v);
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (match(s, "storage", "volumes", null, "snapshots", null)) {
            SimState.Vol v = volumes.vol(s[2]);
            SimState.Snap snap = volumes.snap(v, s[4]);
            return switch (m) {
                case "GET" -> new SimResponse(200, RestQuery.project(views.snapshotJson(v, snap), r, true), "");
                case "PATCH" -> volumes.patchSnapshot(r, v, snap);
                case "DELETE" -> volumes.deleteSnapshot(r, v, snap);
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (match(s, "storage", "file", "clone")) {
            return only(m, "POST", () -> volumes.cloneFile(r));
        }
        if (match(s, "storage", "luns")) {
            if (m.equals("POST")) {
                return SimLunClones.create(cluster, views, r);
            }
            return only(m, "GET", () -> RestQuery.collection(r, state().luns.stream().map(views::lunJson).toList(),
                    List.of("uuid", "name")));
        }
        if (match(s, "storage", "luns", null)) {
            if (m.equals("DELETE")) {
                return SimLunClones.delete(cluster, s[2], r);
            }
            return only(m, "GET", () -> new SimResponse(200, RestQuery.project(views.lunJson(state().luns.stream().filter(l -> l.uuid.equals(s[2]))
                    .findFirst().orElseThrow(() -> new ApiError(404, "5374875", "LUN not found", "uuid"))), r, true), ""));
        }
        if (match(s, "protocols", "san", "lun-maps")) {
            if (m.equals("POST")) {
                return SimLunMaps.create(cluster, views, r);
            }
            return only(m, "GET", () -> RestQuery.collection(r, state().lunMaps.stream().map(views::lunMapJson).toList(),
                    List.of("lun", "igroup", "svm")));
        }
        if (match(s, "protocols", "san", "lun-maps", null, null)) {
            return switch (m) {
                case "DELETE" -> SimLunMaps.delete(cluster, s[3], s[4]);
                case "GET" -> new SimResponse(200, RestQuery.project(views.lunMapJson(SimLunMaps.get(state(), s[3],
                        s[4])), r, true), "");
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (match(s, "protocols", "san", "igroups")) {
            return only(m, "GET", () -> RestQuery.collection(r, state().igroups.stream().map(views::igroupJson).toList(),
                    List.of("uuid", "name")));
        }
        if (match(s, "protocols", "san", "igroups", null)) {
            return only(m, "GET", () -> new SimResponse(200, RestQuery.project(views.igroupJson(state().igroups.stream()
                    .filter(g -> g.uuid.equals(s[3])).findFirst().orElseThrow(() -> ApiError.notFound("uuid"))), r, true), ""));
        }
        if (match(s, "protocols", "cifs", "shares")) {
            return only(m, "GET", () -> RestQuery.collection(r, state().shares.stream().map(views::shareJson).toList(),
                    List.of("svm", "name")));
        }
        if (match(s, "protocols", "cifs", "shares", null, null)) {
            return only(m, "GET", () -> new SimResponse(200, RestQuery.project(views.shareJson(state().shares.stream()
                    .filter(x -> x.name.equals(s[4]) && state().svm(x.svm).map(v -> v.uuid.equals(s[3])).orElse(false))
                    .findFirst().orElseThrow(() -> ApiError.notFound("name"))), r, true), ""));
        }
        if (s.length >= 2 && s[0].equals("application") && s[1].equals("consistency-groups")) {
            if (!cluster.version().hasConsistencyGroups()) {
                throw new ApiError(404, "3", "API not found: consistency groups need ONTAP 9.10 or later (this"
                        + " cluster runs " + state().version + ")");
            }
            return routeCg(r, s);
        }
        throw new ApiError(404, "3", "API not found: " + m + " " + p);
    }

    private SimResponse routeCg(SimRequest r, String[] s) {
        String m = r.method();
        if (s.length == 2) {
            return switch (m) {
                case "GET" -> RestQuery.collection(r, state().cgs.stream().map(views::cgJson).toList(), List.of("uuid", "name"));
                case "POST" -> cgs.createCg(r);
                default -> throw ApiError.notAllowed(m);
            };
        }
        SimState.Cg cg = state().cg(s[2]).orElseThrow(() -> new ApiError(404, "53411842",
                "Consistency group does not exist.", "uuid"));
        if (s.length == 3) {
            return switch (m) {
                case "GET" -> new SimResponse(200, RestQuery.project(views.cgJson(cg), r, true), "");
                case "DELETE" -> jobs.respond(r, "DELETE " + r.path(), () -> state().cgs.remove(cg), false, null, "");
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (s.length == 4 && s[3].equals("snapshots")) {
            return switch (m) {
                case "GET" -> RestQuery.collection(r, cg.snapshots.stream().map(x -> views.cgSnapshotJson(cg, x)).toList(),
                        List.of("uuid", "name"));
                case "POST" -> cgs.createCgSnapshot(r, cg);
                default -> throw ApiError.notAllowed(m);
            };
        }
        if (s.length == 5 && s[3].equals("snapshots")) {
            SimState.CgSnap cs = cg.snapshots.stream().filter(x -> x.uuid.equals(s[4])).findFirst()
                    .orElseThrow(() -> "PATCH".equals(m) && "commit".equals(r.q("action"))
                            ? new ApiError(404, "53411925", "Failed to find a previously initiated two-phase snapshot"
                                    + " operation for consistency group \"" + cg.name + "\".")
                            : new ApiError(404, "4", "entry doesn't exist", "uuid"));
            return switch (m) {
                case "GET" -> new SimResponse(200, RestQuery.project(views.cgSnapshotJson(cg, cs), r, true), "");
                case "PATCH" -> cgs.patchCgSnapshot(r, cg, cs);
                case "DELETE" -> jobs.respond(r, "DELETE " + r.path(), () -> cgs.deleteCgSnapshot(cg, cs), false, null, "");
                default -> throw ApiError.notAllowed(m);
            };
        }
        throw new ApiError(404, "3", "API not found: " + r.method() + " " + r.path());
    }

    private static String[] segments(String p) {
        String[] raw = p.split("/");
        List<String> out = new ArrayList<>();
        for (String x : raw) {
            if (!x.isEmpty()) {
                out.add(URLDecoder.decode(x, StandardCharsets.UTF_8));
            }
        }
        return out.toArray(String[]::new);
    }

    private static boolean match(String[] s, String... pattern) {
        if (s.length != pattern.length) {
            return false;
        }
        for (int i = 0; i < s.length; i++) {
            if (pattern[i] != null && !pattern[i].equals(s[i])) {
                return false;
            }
        }
        return true;
    }

    private static SimResponse only(String method, String allowed, Supplier<SimResponse> r) {
        if (!method.equals(allowed)) {
            throw ApiError.notAllowed(method);
        }
        return r.get();
    }

}
