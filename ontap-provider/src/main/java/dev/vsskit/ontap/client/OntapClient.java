package dev.vsskit.ontap.client;

import static dev.vsskit.ontap.client.internal.RestTransport.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vsskit.ontap.client.internal.RestTransport;
import dev.vsskit.ontap.client.internal.RestTransport.Response;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed ONTAP REST operations over HTTPS: cluster, SVMs, volumes, Snapshot copies (create, list, get,
 * rename, comment, label, expiry, delete), volume and single-file restore, FlexClones, consistency
 * groups and their (two-phase) snapshots, LUNs, LUN maps, igroups, CIFS shares and jobs. Follows
 * ONTAP's protocol rules: 202 + job polling with a deadline, {@code _links.next} paging, ONTAP error
 * bodies as {@link OntapException}, bounded retries for what is safe. Thread-safe.
 */
public final class OntapClient {

    static final String SNAPSHOT_FIELDS = "uuid,name,volume,create_time,comment,snapmirror_label,expiry_time,owners,state";
    static final String VOLUME_FIELDS = "uuid,name,svm,state,type,size,clone";
    static final String LUN_FIELDS = "uuid,name,svm,location,serial_number,os_type,space.size,status.mapped";

    private final RestTransport transport;

    /** Sleeps between retries and job polls; tests pass one that moves a simulated clock instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;

        Sleeper REAL = Thread::sleep;
    }

    public OntapClient(OntapConnection connection, OntapClientListener listener) {
        this(connection, listener, Sleeper.REAL);
    }

    public OntapClient(OntapConnection connection, OntapClientListener listener, Sleeper sleeper) {
        this.transport = new RestTransport(connection, listener, sleeper);
    }

    public OntapConnection connection() {
        return transport.connection();
    }

    // ------------------------------------------------------------------ cluster, SVMs, jobs

    public ClusterInfo cluster() {
        JsonNode n = transport.get("/api/cluster?fields=name,uuid,version").body();
        JsonNode v = n.path("version");
        if (!v.has("generation")) {
            throw new OntapException(OntapErrorKind.PROTOCOL, 200, "", "GET /api/cluster returned no version", "",
                    "GET /api/cluster", null);
        }
        return new ClusterInfo(n.path("name").asText(""), n.path("uuid").asText(""), new OntapVersion(
                v.path("generation").asInt(), v.path("major").asInt(), v.path("minor").asInt(), v.path("full").asText("")));
    }

    /**
     * The wall-clock time of the cluster's first node ({@code GET /api/cluster/nodes?fields=name,date}); empty
     * when the cluster does not report it.
     */
    public java.util.Optional<java.time.Instant> clusterTime() {
        for (JsonNode n : transport.collection("/api/cluster/nodes", query("fields", "name,date"))) {
            String date = n.path("date").asText("");
            if (!date.isEmpty()) {
                try {
                    return java.util.Optional.of(java.time.OffsetDateTime.parse(date).toInstant());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new OntapException(OntapErrorKind.PROTOCOL, 200, "", "GET /api/cluster/nodes returned the"
                            + " date '" + date + "', not an ISO-8601 time", "", "GET /api/cluster/nodes", e);
                }
            }
        }
        return java.util.Optional.empty();
    }

    public List<SvmInfo> svms() {
        List<SvmInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/svm/svms", query("fields", "name,uuid,state"))) {
            out.add(new SvmInfo(r.path("name").asText(), r.path("uuid").asText(), r.path("state").asText("")));
        }
        return out;
    }

    public JobInfo job(String uuid) {
        return job(transport.get("/api/cluster/jobs/" + seg(uuid)
                + "?fields=uuid,state,message,code,description,error").body());
    }

    public List<JobInfo> jobs() {
        List<JobInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/cluster/jobs", query("fields", "uuid,state,message,code,description"))) {
            out.add(job(r));
        }
        return out;
    }

    // ------------------------------------------------------------------ volumes

    public List<VolumeInfo> volumes() {
        List<VolumeInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/storage/volumes", query("fields", VOLUME_FIELDS))) {
            out.add(volume(r));
        }
        return out;
    }

    /** Volume pages of at most {@code maxRecords}, followed through {@code _links.next}. */
    public List<VolumeInfo> volumes(int maxRecords) {
        List<VolumeInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/storage/volumes",
                query("fields", VOLUME_FIELDS, "max_records", Integer.toString(maxRecords)))) {
            out.add(volume(r));
        }
        return out;
    }

    public Optional<VolumeInfo> volumeByName(String name) {
        List<JsonNode> recs = transport.collection("/api/storage/volumes", query("name", name, "fields", VOLUME_FIELDS));
        return recs.stream().map(OntapClient::volume).filter(v -> v.name().equals(name)).findFirst();
    }

    public VolumeInfo volume(String uuid) {
        return volume(transport.get("/api/storage/volumes/" + seg(uuid) + "?fields=" + VOLUME_FIELDS).body());
    }

    /** The volume by name, or a clear error naming the volumes that exist. */
    public VolumeInfo requireVolume(String name) {
        return volumeByName(name).orElseThrow(() -> new OntapException(OntapErrorKind.API_ERROR, 404,
                OntapErrors.ENTRY_DOESNT_EXIST, "volume \"" + name + "\" not found", "name",
                "GET /api/storage/volumes", null));
    }

    /** FlexClone of {@code parentVolume} at {@code parentSnapshot}, named {@code cloneName}; waits for the job. */
    public VolumeInfo createClone(String svm, String cloneName, String parentVolume, String parentSnapshot) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.put("name", cloneName);
        body.putObject("svm").put("name", svm);
        ObjectNode clone = body.putObject("clone");
        clone.put("is_flexclone", true);
        clone.putObject("parent_volume").put("name", parentVolume);
        clone.putObject("parent_snapshot").put("name", parentSnapshot);
        Response r = transport.send("POST", "/api/storage/volumes", body, null);
        awaitJob(r, "POST /api/storage/volumes");
        return requireVolume(cloneName);
    }

    /**
     * A LUN clone of {@code lunName} ({@code /vol/<volume>/<lun>}) as it is in Snapshot copy {@code snapshot},
     * created in the same volume as {@code cloneName} (a base name): {@code POST /api/storage/luns} with
     * {@code clone.source.name = /vol/<volume>/.snapshot/<snapshot>/<lun>}. A host maps it to read the LUN's
     * file system as it was in the Snapshot copy, without copying it.
     */
    public LunRecord createLunClone(String svm, String lunName, String snapshot, String cloneName) {
        int slash = lunName.lastIndexOf('/');
        if (!lunName.startsWith("/vol/") || slash <= "/vol/".length()) {
            throw new IllegalArgumentException("LUN name " + lunName + " is not /vol/<volume>/<lun>");
        }
        String folder = lunName.substring(0, slash);
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.putObject("svm").put("name", svm);
        body.put("name", folder + "/" + cloneName);
        body.putObject("clone").putObject("source").put("name", folder + "/.snapshot/" + snapshot
                + lunName.substring(slash));
        Response r = transport.send("POST", "/api/storage/luns" + query("return_records", "true"), body, null);
        JsonNode rec = r.body().path("records").path(0);
        if (rec.isMissingNode()) {
            return luns(Map.of("name", folder + "/" + cloneName)).stream().findFirst().orElseThrow(
                    () -> new IllegalStateException("POST /api/storage/luns returned no LUN " + cloneName));
        }
        return lun(rec);
    }

    /** Deletes a LUN (vsskit only deletes the LUN clones it made; the caller checks). */
    public void deleteLun(String uuid) {
        transport.send("DELETE", "/api/storage/luns/" + seg(uuid), null, null);
    }

    /** Deletes a volume (vsskit only deletes FlexClones it made; the caller checks). */
    public void deleteVolume(String uuid) {
        Response r = transport.send("DELETE", "/api/storage/volumes/" + seg(uuid), null, null);
        awaitJob(r, "DELETE /api/storage/volumes/" + uuid);
    }

    /** Whole-volume SnapRestore: the volume reverts to the snapshot (newer snapshots go). */
    public void restoreVolume(String volumeUuid, String snapshotName) {
        String path = "/api/storage/volumes/" + seg(volumeUuid) + query("restore_to.snapshot.name", snapshotName);
        Response r = transport.send("PATCH", path, RestTransport.JSON.createObjectNode(), null);
        awaitJob(r, "PATCH /api/storage/volumes/" + volumeUuid);
    }

    /** Single-file SnapRestore: {@code path} from the snapshot to {@code restorePath} (same volume). */
    public void restoreFile(String volumeUuid, String snapshotName, String path, String restorePath) {
        String q = query("restore_to.snapshot.name", snapshotName, "restore_to.path", path,
                "restore_to.restore_path", restorePath);
        Response r = transport.send("PATCH", "/api/storage/volumes/" + seg(volumeUuid) + q,
                RestTransport.JSON.createObjectNode(), null);
        awaitJob(r, "PATCH /api/storage/volumes/" + volumeUuid);
    }

    /**
     * A file clone ({@code POST /api/storage/file/clone}, 9.6): {@code sourcePath} (relative to the volume root; a
     * Snapshot copy's file is {@code .snapshot/<snapshot>/<path>}) cloned to {@code destinationPath} in the same
     * volume, sharing its blocks: no data is copied. The destination must not exist.
     */
    public void cloneFile(String volumeUuid, String volumeName, String sourcePath, String destinationPath) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.putObject("volume").put("uuid", volumeUuid).put("name", volumeName);
        body.put("source_path", sourcePath);
        body.put("destination_path", destinationPath);
        Response r = transport.send("POST", "/api/storage/file/clone", body, null);
        awaitJob(r, "POST /api/storage/file/clone");
    }

    // ------------------------------------------------------------------ snapshots

    public List<SnapshotInfo> snapshots(String volumeUuid) {
        return snapshots(volumeUuid, Map.of());
    }

    /** Snapshots of a volume, with extra query filters (e.g. {@code name=vsskit_*}). */
    public List<SnapshotInfo> snapshots(String volumeUuid, Map<String, String> filters) {
        Map<String, String> q = new LinkedHashMap<>(filters);
        q.put("fields", SNAPSHOT_FIELDS);
        List<SnapshotInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/storage/volumes/" + seg(volumeUuid) + "/snapshots", query(q))) {
            out.add(snapshot(r));
        }
        return out;
    }

    public SnapshotInfo snapshot(String volumeUuid, String snapshotUuid) {
        return snapshot(transport.get("/api/storage/volumes/" + seg(volumeUuid) + "/snapshots/" + seg(snapshotUuid)
                + "?fields=" + SNAPSHOT_FIELDS).body());
    }

    public Optional<SnapshotInfo> snapshotByName(String volumeUuid, String name) {
        return snapshots(volumeUuid, Map.of("name", name)).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * Creates a Snapshot copy and waits for it, asking ONTAP to answer synchronously within {@code wait}
     * ({@code return_timeout}) so no job polling is needed in the common case. Safe to retry: after a
     * failure whose outcome is unknown (reset, timeout, 5xx) it looks for the name before posting again,
     * so a retry never makes a duplicate; a duplicate-name error on a retry means the first attempt won.
     */
    public SnapshotInfo createSnapshot(String volumeUuid, SnapshotSpec spec, Duration wait) {
        String request = "POST /api/storage/volumes/" + volumeUuid + "/snapshots";
        int attempt = 1;
        boolean outcomeUnknown = false;
        while (true) {
            try {
                if (outcomeUnknown) {
                    Optional<SnapshotInfo> existing = snapshotByName(volumeUuid, spec.name());
                    if (existing.isPresent()) {
                        return existing.get();
                    }
                }
                postSnapshot(volumeUuid, spec, wait);
                return snapshotByName(volumeUuid, spec.name()).orElseThrow(() -> new OntapException(
                        OntapErrorKind.PROTOCOL, 0, "", "the job succeeded but snapshot " + spec.name()
                                + " is not listed", "", request, null));
            } catch (OntapException e) {
                if (attempt > 1 && outcomeUnknown && e.hasCode(OntapErrors.SNAPSHOT_DUPLICATE)) {
                    // our earlier attempt created it before its response was lost
                    return snapshotByName(volumeUuid, spec.name()).orElseThrow(() -> e);
                }
                if (!RestTransport.retriable(e) || attempt >= transport.connection().retry().maxAttempts()) {
                    throw e;
                }
                outcomeUnknown = outcomeUnknown || e.kind() != OntapErrorKind.CONNECTION_REFUSED;
                long delay = transport.connection().retry().delayMillis(attempt);
                transport.listener().retrying(request, attempt, delay, e);
                transport.pause(delay);
                attempt++;
            }
        }
    }

    /** One POST of a snapshot and its job, no retry (the caller decides). */
    public void postSnapshot(String volumeUuid, SnapshotSpec spec, Duration wait) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.put("name", spec.name());
        spec.comment().ifPresent(c -> body.put("comment", c));
        spec.snapmirrorLabel().ifPresent(l -> body.put("snapmirror_label", l));
        spec.expiryTime().ifPresent(t -> body.put("expiry_time", iso(t)));
        String path = "/api/storage/volumes/" + seg(volumeUuid) + "/snapshots"
                + query("return_timeout", Long.toString(returnTimeout(wait)));
        Response r = transport.send("POST", path, body, transport.connection().requestTimeout().plus(wait));
        awaitJob(r, "POST /api/storage/volumes/" + volumeUuid + "/snapshots");
    }

    public void modifySnapshot(String volumeUuid, String snapshotUuid, SnapshotChange change) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        change.name().ifPresent(n -> body.put("name", n));
        change.comment().ifPresent(c -> body.put("comment", c));
        change.snapmirrorLabel().ifPresent(l -> body.put("snapmirror_label", l));
        change.expiryTime().ifPresent(t -> body.put("expiry_time", iso(t)));
        String p = "/api/storage/volumes/" + seg(volumeUuid) + "/snapshots/" + seg(snapshotUuid);
        Response r = transport.send("PATCH", p, body, null);
        awaitJob(r, "PATCH " + p);
    }

    /** Deletes a Snapshot copy and waits for the job. A snapshot already gone counts as deleted when {@code idempotent}. */
    public void deleteSnapshot(String volumeUuid, String snapshotUuid, boolean idempotent) {
        String p = "/api/storage/volumes/" + seg(volumeUuid) + "/snapshots/" + seg(snapshotUuid);
        java.util.function.Supplier<Void> once = () -> {
            try {
                Response r = transport.send("DELETE", p, null, null);
                awaitJob(r, "DELETE " + p);
            } catch (OntapException e) {
                if (!(idempotent && (e.hasCode(OntapErrors.SNAPSHOT_NOT_FOUND)
                        || (e.httpStatus() == 404 && e.hasCode(OntapErrors.ENTRY_DOESNT_EXIST))))) {
                    throw e;
                }
            }
            return null;
        };
        // only an idempotent delete may be repeated: a repeat of one that succeeded finds nothing, which is fine
        if (idempotent) {
            transport.withRetries("DELETE " + p, once);
        } else {
            once.get();
        }
    }

    // ------------------------------------------------------------------ consistency groups

    public List<ConsistencyGroupInfo> consistencyGroups() {
        List<ConsistencyGroupInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/application/consistency-groups", query("fields", "uuid,name,svm,volumes"))) {
            out.add(cg(r));
        }
        return out;
    }

    /** A consistency group made of existing volumes ({@code provisioning_options.action=add}). */
    public ConsistencyGroupInfo createConsistencyGroup(String svm, String name, List<String> volumeNames) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.put("name", name);
        body.putObject("svm").put("name", svm);
        ArrayNode vols = body.putArray("volumes");
        for (String v : volumeNames) {
            vols.addObject().put("name", v).putObject("provisioning_options").put("action", "add");
        }
        Response r = transport.send("POST", "/api/application/consistency-groups", body, null);
        awaitJob(r, "POST /api/application/consistency-groups");
        return consistencyGroups().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new OntapException(OntapErrorKind.PROTOCOL, 0, "", "consistency group " + name
                        + " not listed after create", "", "POST /api/application/consistency-groups", null));
    }

    public void deleteConsistencyGroup(String uuid) {
        Response r = transport.send("DELETE", "/api/application/consistency-groups/" + seg(uuid), null, null);
        awaitJob(r, "DELETE /api/application/consistency-groups/" + uuid);
    }

    public List<CgSnapshotInfo> cgSnapshots(String cgUuid) {
        return cgSnapshots(cgUuid, Map.of());
    }

    public List<CgSnapshotInfo> cgSnapshots(String cgUuid, Map<String, String> filters) {
        Map<String, String> q = new LinkedHashMap<>(filters);
        q.put("fields", "uuid,name,comment,create_time,consistency_group,snapshot_volumes");
        List<CgSnapshotInfo> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots", query(q))) {
            out.add(cgSnapshot(r, cgUuid));
        }
        return out;
    }

    public Optional<CgSnapshotInfo> cgSnapshotByName(String cgUuid, String name) {
        return cgSnapshots(cgUuid, Map.of("name", name)).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** One-phase CG snapshot: ONTAP fences, snapshots every member volume, unfences. */
    public CgSnapshotInfo createCgSnapshot(String cgUuid, SnapshotSpec spec, Duration wait) {
        String p = "/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots";
        Response r = transport.send("POST", p + query("return_timeout", Long.toString(returnTimeout(wait))),
                cgSnapshotBody(spec), transport.connection().requestTimeout().plus(wait));
        awaitJob(r, "POST " + p);
        return cgSnapshotByName(cgUuid, spec.name()).orElseThrow(() -> new OntapException(OntapErrorKind.PROTOCOL, 0,
                "", "CG snapshot " + spec.name() + " not listed after create", "", "POST " + p, null));
    }

    /**
     * Phase one of a two-phase CG snapshot ({@code action=start}): ONTAP fences writes on the members for
     * at most {@code actionTimeout} and prepares the snapshot; {@link #commitCgSnapshot} must follow in time.
     * Returns the started snapshot's uuid.
     */
    public String startCgSnapshot(String cgUuid, SnapshotSpec spec, Duration actionTimeout, Duration wait) {
        String p = "/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots";
        Response r = transport.send("POST", p + query("action", "start", "action_timeout",
                Long.toString(actionTimeout.toSeconds()), "return_timeout", Long.toString(returnTimeout(wait))),
                cgSnapshotBody(spec), transport.connection().requestTimeout().plus(wait));
        awaitJob(r, "POST " + p + "?action=start");
        return cgSnapshotByName(cgUuid, spec.name()).map(CgSnapshotInfo::uuid).orElseThrow(() -> new OntapException(
                OntapErrorKind.PROTOCOL, 0, "", "started CG snapshot " + spec.name() + " not listed", "", "POST " + p,
                null));
    }

    /**
     * One attempt at phase one, bounded by {@code limit} as a whole: the POST (ONTAP asked to answer within
     * the limit less a second, {@code return_timeout}), the job if it answers 202, and the look-up of the
     * started snapshot's uuid. No retry here: a start is not safe to repeat blindly (see the hardware provider).
     * Returns the started snapshot's uuid.
     */
    public String startCgSnapshotOnce(String cgUuid, SnapshotSpec spec, Duration actionTimeout, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        String p = "/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots";
        Response r = transport.send("POST", p + query("action", "start", "action_timeout",
                Long.toString(actionTimeout.toSeconds()), "return_timeout",
                Long.toString(Math.max(0, limit.toSeconds() - 1))), cgSnapshotBody(spec), positive(limit));
        awaitJob(r, "POST " + p + "?action=start", deadline);
        return cgSnapshotByName(cgUuid, spec.name(), remaining(deadline)).map(CgSnapshotInfo::uuid).orElseThrow(
                () -> new OntapException(OntapErrorKind.PROTOCOL, 0, "", "started CG snapshot " + spec.name()
                        + " not listed", "", "POST " + p, null));
    }

    /** The CG snapshot of this name, in one GET bounded by {@code limit} (no retry: the caller has a budget). */
    public Optional<CgSnapshotInfo> cgSnapshotByName(String cgUuid, String name, Duration limit) {
        String p = "/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots";
        JsonNode page = transport.send("GET", p + query("name", name, "fields",
                "uuid,name,comment,create_time,consistency_group,snapshot_volumes"), null, positive(limit)).body();
        for (JsonNode r : page.path("records")) {
            if (r.path("name").asText().equals(name)) {
                return Optional.of(cgSnapshot(r, cgUuid));
            }
        }
        return Optional.empty();
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(deadlineNanos - System.nanoTime());
    }

    /** An HTTP timeout must be positive: a spent budget still gets one millisecond (and fails at once). */
    private static Duration positive(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }

    /** Phase two ({@code action=commit}): one call, made inside the VSS commit window. */
    public void commitCgSnapshot(String cgUuid, String snapshotUuid, Duration timeout) {
        String p = "/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots/" + seg(snapshotUuid);
        Response r = transport.send("PATCH", p + query("action", "commit"), RestTransport.JSON.createObjectNode(),
                timeout);
        if (r.status() == 202) {
            awaitJob(r, "PATCH " + p + "?action=commit");
        }
    }

    public void deleteCgSnapshot(String cgUuid, String snapshotUuid, boolean idempotent) {
        String p = "/api/application/consistency-groups/" + seg(cgUuid) + "/snapshots/" + seg(snapshotUuid);
        try {
            Response r = transport.send("DELETE", p, null, null);
            awaitJob(r, "DELETE " + p);
        } catch (OntapException e) {
            if (!(idempotent && e.httpStatus() == 404)) {
                throw e;
            }
        }
    }

    private static ObjectNode cgSnapshotBody(SnapshotSpec spec) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.put("name", spec.name());
        spec.comment().ifPresent(c -> body.put("comment", c));
        spec.snapmirrorLabel().ifPresent(l -> body.put("snapmirror_label", l));
        body.put("consistency_type", "application");
        return body;
    }

    // ------------------------------------------------------------------ SAN, CIFS

    public List<LunRecord> luns() {
        return luns(Map.of());
    }

    public List<LunRecord> luns(Map<String, String> filters) {
        Map<String, String> q = new LinkedHashMap<>(filters);
        q.put("fields", LUN_FIELDS);
        List<LunRecord> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/storage/luns", query(q))) {
            out.add(lun(r));
        }
        return out;
    }

    /** The LUN with this 12-character serial number (VPD page 0x80), if the cluster has one. */
    public Optional<LunRecord> lunBySerial(String serial) {
        return luns(Map.of("serial_number", serial)).stream().filter(l -> l.serialNumber().equals(serial)).findFirst();
    }

    public List<LunMapRecord> lunMaps() {
        List<LunMapRecord> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/protocols/san/lun-maps",
                query("fields", "lun,igroup,logical_unit_number,svm"))) {
            out.add(lunMap(r));
        }
        return out;
    }

    private static LunMapRecord lunMap(JsonNode r) {
        return new LunMapRecord(r.path("lun").path("name").asText(""), r.path("lun").path("uuid").asText(""),
                r.path("igroup").path("name").asText(""), r.path("igroup").path("uuid").asText(""),
                r.path("logical_unit_number").asInt(), r.path("svm").path("name").asText(""));
    }

    /**
     * Maps a LUN to an igroup ({@code POST /api/protocols/san/lun-maps}), ONTAP choosing the lowest free LUN id: the
     * igroup's initiators (a host) see the LUN after their next rescan. Errors as ONTAP documents them (ontap.md §7:
     * 1254207 already mapped to that igroup, 1254201 no such LUN, 5374238 a LUN in a Snapshot copy).
     */
    public LunMapRecord createLunMap(String svm, String lunUuid, String igroupUuid) {
        ObjectNode body = RestTransport.JSON.createObjectNode();
        body.putObject("svm").put("name", svm);
        body.putObject("lun").put("uuid", lunUuid);
        body.putObject("igroup").put("uuid", igroupUuid);
        Response r = transport.send("POST", "/api/protocols/san/lun-maps" + query("return_records", "true"), body,
                null);
        JsonNode rec = r.body().path("records").path(0);
        if (rec.isMissingNode()) {
            return lunMaps().stream().filter(m -> m.lunUuid().equals(lunUuid) && m.igroupUuid().equals(igroupUuid))
                    .findFirst().orElseThrow(() -> new IllegalStateException("POST /api/protocols/san/lun-maps"
                            + " returned no map of LUN " + lunUuid));
        }
        return lunMap(rec);
    }

    /** Unmaps a LUN from an igroup ({@code DELETE /api/protocols/san/lun-maps/{lun.uuid}/{igroup.uuid}}). */
    public void deleteLunMap(String lunUuid, String igroupUuid) {
        transport.send("DELETE", "/api/protocols/san/lun-maps/" + seg(lunUuid) + "/" + seg(igroupUuid), null, null);
    }

    public List<IgroupRecord> igroups() {
        List<IgroupRecord> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/protocols/san/igroups",
                query("fields", "uuid,name,svm,os_type,protocol,initiators"))) {
            List<String> inits = new ArrayList<>();
            for (JsonNode i : r.path("initiators")) {
                inits.add(i.path("name").asText());
            }
            out.add(new IgroupRecord(r.path("uuid").asText(), r.path("name").asText(), r.path("svm").path("name")
                    .asText(""), r.path("os_type").asText(""), r.path("protocol").asText(""), inits));
        }
        return out;
    }

    public List<CifsShareRecord> cifsShares() {
        List<CifsShareRecord> out = new ArrayList<>();
        for (JsonNode r : transport.collection("/api/protocols/cifs/shares",
                query("fields", "name,path,svm,volume,continuously_available"))) {
            out.add(share(r));
        }
        return out;
    }

    public Optional<CifsShareRecord> cifsShare(String svmUuid, String name) {
        try {
            return Optional.of(share(transport.get("/api/protocols/cifs/shares/" + seg(svmUuid) + "/" + seg(name)
                    + "?fields=name,path,svm,volume,continuously_available").body()));
        } catch (OntapException e) {
            if (e.httpStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    // ------------------------------------------------------------------ protocol helpers

    /**
     * Waits for the job behind a 202 (or a 200/201 that already carries a finished job), polling
     * {@code /api/cluster/jobs/{uuid}} with backoff until it ends or the connection's job timeout passes.
     */
    private JobInfo awaitJob(Response r, String request) {
        return awaitJob(r, request, System.nanoTime() + transport.connection().jobTimeout().toNanos());
    }

    private JobInfo awaitJob(Response r, String request, long deadline) {
        long began = System.nanoTime();
        JsonNode job = r.body().path("job");
        if (!job.isObject() || !job.has("uuid")) {
            return new JobInfo("", "success", "", 0, request, "", "");
        }
        if (r.status() != 202 && !job.has("state")) {
            return new JobInfo(job.path("uuid").asText(), "success", "", 0, request, "", "");
        }
        JobInfo info = job.has("state") ? job(job) : null;
        String uuid = job.path("uuid").asText();
        long delay = 5;
        while (info == null || !info.terminal()) {
            if (info != null) {
                if (System.nanoTime() > deadline) {
                    throw new OntapException(OntapErrorKind.JOB_TIMEOUT, 0, "", "job " + uuid + " still "
                            + info.state() + " after " + Duration.ofNanos(System.nanoTime() - began).toMillis() + " ms", "",
                            request, null);
                }
                transport.pause(delay);
                delay = Math.min(delay * 2, 500);
            }
            info = job(uuid);
        }
        if (info.failed()) {
            String code = info.errorCode().isEmpty() ? (info.code() == 0 ? "" : Integer.toString(info.code()))
                    : info.errorCode();
            String message = info.errorMessage().isEmpty() ? info.message() : info.errorMessage();
            throw new OntapException(OntapErrorKind.JOB_FAILED, 0, code, message, "", request, null);
        }
        return info;
    }

    private static long returnTimeout(Duration wait) {
        return Math.max(0, Math.min(120, wait.toSeconds()));
    }

    private static String seg(String s) {
        Objects.requireNonNull(s, "path segment");
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String iso(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC).toString();
    }

    static Instant instant(JsonNode n) {
        String s = n.asText("");
        if (s.isEmpty()) {
            return Instant.EPOCH;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            return Instant.parse(s);
        }
    }

    private static JobInfo job(JsonNode n) {
        JsonNode err = n.path("error");
        return new JobInfo(n.path("uuid").asText(""), n.path("state").asText(""), n.path("message").asText(""),
                n.path("code").asInt(0), n.path("description").asText(""), err.path("code").asText(""),
                err.path("message").asText(""));
    }

    private static VolumeInfo volume(JsonNode r) {
        JsonNode clone = r.path("clone");
        return new VolumeInfo(r.path("uuid").asText(), r.path("name").asText(), r.path("svm").path("name").asText(""),
                r.path("svm").path("uuid").asText(""), r.path("state").asText(""), r.path("type").asText(""),
                r.path("size").asLong(0), clone.path("is_flexclone").asBoolean(false),
                clone.path("parent_volume").path("name").asText(""), clone.path("parent_snapshot").path("name").asText(""));
    }

    private static SnapshotInfo snapshot(JsonNode r) {
        List<String> owners = new ArrayList<>();
        for (JsonNode o : r.path("owners")) {
            owners.add(o.asText());
        }
        Optional<Instant> expiry = r.hasNonNull("expiry_time") ? Optional.of(instant(r.get("expiry_time")))
                : Optional.empty();
        return new SnapshotInfo(r.path("uuid").asText(), r.path("name").asText(), r.path("volume").path("name")
                .asText(""), r.path("volume").path("uuid").asText(""), instant(r.path("create_time")),
                r.path("comment").asText(""), r.path("snapmirror_label").asText(""), expiry, owners,
                r.path("state").asText(""));
    }

    private static ConsistencyGroupInfo cg(JsonNode r) {
        List<ConsistencyGroupInfo.VolumeRef> vols = new ArrayList<>();
        for (JsonNode v : r.path("volumes")) {
            vols.add(new ConsistencyGroupInfo.VolumeRef(v.path("name").asText(), v.path("uuid").asText()));
        }
        return new ConsistencyGroupInfo(r.path("uuid").asText(), r.path("name").asText(),
                r.path("svm").path("name").asText(""), vols);
    }

    private static CgSnapshotInfo cgSnapshot(JsonNode r, String cgUuid) {
        List<CgSnapshotInfo.Member> members = new ArrayList<>();
        for (JsonNode m : r.path("snapshot_volumes")) {
            members.add(new CgSnapshotInfo.Member(m.path("volume").path("name").asText(""),
                    m.path("volume").path("uuid").asText(""), m.path("snapshot").path("name").asText(""),
                    m.path("snapshot").path("uuid").asText("")));
        }
        return new CgSnapshotInfo(r.path("uuid").asText(), r.path("name").asText(), cgUuid,
                r.path("comment").asText(""), instant(r.path("create_time")), members);
    }

    private static LunRecord lun(JsonNode r) {
        JsonNode loc = r.path("location");
        return new LunRecord(r.path("uuid").asText(), r.path("name").asText(), r.path("svm").path("name").asText(""),
                loc.path("volume").path("name").asText(""), loc.path("volume").path("uuid").asText(""),
                r.path("serial_number").asText(""), r.path("os_type").asText(""), r.path("space").path("size").asLong(0),
                r.path("status").path("mapped").asBoolean(false));
    }

    private static CifsShareRecord share(JsonNode r) {
        return new CifsShareRecord(r.path("svm").path("name").asText(""), r.path("svm").path("uuid").asText(""),
                r.path("name").asText(), r.path("path").asText(""), r.path("volume").path("name").asText(""),
                r.path("volume").path("uuid").asText(""), r.path("continuously_available").asBoolean(false));
    }

    @Override
    public String toString() {
        return "OntapClient[" + transport + "]";
    }
}
