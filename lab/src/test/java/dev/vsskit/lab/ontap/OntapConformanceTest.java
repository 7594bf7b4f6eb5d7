package dev.vsskit.lab.ontap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vsskit.ontap.OntapSnapshotStore;
import dev.vsskit.ontap.client.LunMapRecord;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.PasswordSource;
import dev.vsskit.ontap.client.SnapshotChange;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.SnapshotSpec;
import dev.vsskit.ontap.client.TlsTrust;
import dev.vsskit.vss.store.FileRestore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Every request the client sends and every response the simulator returns, checked against the ONTAP 9.7
 * OpenAPI file (paths, methods, query parameters, body property names and types, required fields,
 * enums, date-times, declared statuses); consistency-group endpoints (newer than 9.7) against ontap.md §6.
 */
class OntapConformanceTest {

    /** The ONTAP 9.7 spec from NetApp/trident (Apache-2.0; see ontap/SOURCE.txt beside it), gzipped. */
    static final String SPEC = "/ontap/swagger_full.yaml.gz";

    /**
     * Documented after 9.7 (ontap.md §3, §4b, §13; GEN-9.19.1): allowed on top of the 9.7 spec.
     * {@code start.index} is the simulator's opaque paging cursor, which clients follow verbatim.
     */
    static final Set<String> NEWER_QUERY = Set.of("restore_to.path", "restore_to.restore_path", "start.index");
    static final Set<String> NEWER_FIELDS = Set.of("snapmirror_label", "size", "snapshot_count", "has_flexclone",
            "error", "continuously_available");

    static JsonNode spec;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadSpec() throws IOException {
        LoaderOptions opts = new LoaderOptions();
        opts.setCodePointLimit(64 * 1024 * 1024);
        ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder().loaderOptions(opts).build());
        try (InputStream in = new java.util.zip.GZIPInputStream(
                OntapConformanceTest.class.getResourceAsStream(SPEC))) {
            spec = yaml.readTree(in);
        }
    }

    @Test
    void everyExchangeConformsToTheSpec() throws IOException {
        List<OntapSimulator.Exchange> exchanges = Collections.synchronizedList(new ArrayList<>());
        ManualTime time = new ManualTime();
        try (LabOntap lab = LabOntap.start(dir, "9.13.1", time)) {
            lab.sim.setRecorder(exchanges::add);
            exercise(lab, time);
        }
        List<String> problems = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (OntapSimulator.Exchange x : exchanges) {
            covered.add(x.method() + " " + template(x.path()));
            check(x, problems);
        }
        assertThat(problems).isEmpty();
        assertThat(covered).contains(
                "GET /cluster", "GET /cluster/jobs", "GET /cluster/jobs/{uuid}", "GET /svm/svms",
                "GET /storage/volumes", "POST /storage/volumes", "GET /storage/volumes/{uuid}",
                "PATCH /storage/volumes/{uuid}", "DELETE /storage/volumes/{uuid}",
                "GET /storage/volumes/{volume.uuid}/snapshots", "POST /storage/volumes/{volume.uuid}/snapshots",
                "GET /storage/volumes/{volume.uuid}/snapshots/{uuid}",
                "PATCH /storage/volumes/{volume.uuid}/snapshots/{uuid}",
                "DELETE /storage/volumes/{volume.uuid}/snapshots/{uuid}",
                "GET /storage/luns", "POST /storage/luns", "DELETE /storage/luns/{uuid}", "GET /protocols/san/lun-maps", "GET /protocols/san/igroups",
                "POST /protocols/san/lun-maps", "DELETE /protocols/san/lun-maps/{lun.uuid}/{igroup.uuid}",
                "GET /protocols/cifs/shares", "GET /protocols/cifs/shares/{svm.uuid}/{name}",
                "GET /application/consistency-groups", "POST /application/consistency-groups",
                "POST /application/consistency-groups/{uuid}/snapshots",
                "PATCH /application/consistency-groups/{uuid}/snapshots/{uuid}",
                "DELETE /application/consistency-groups/{uuid}/snapshots/{uuid}");
    }

    @Test
    void theCheckerCatchesViolations() {
        List<String> problems = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        check(new OntapSimulator.Exchange("POST", "/api/storage/volumes/0a1b2c3d-0000-4000-8000-000000000001/snapshots", Map.of("bogus", "1"),
                m.createObjectNode().put("name", 5).put("nonsense", true), 202,
                m.createObjectNode().set("job", m.createObjectNode().put("uuid", 5))), problems);
        check(new OntapSimulator.Exchange("PUT", "/api/cluster", Map.of(), m.nullNode(), 200, m.createObjectNode()),
                problems);
        assertThat(problems).anyMatch(p -> p.contains("query parameter bogus"))
                .anyMatch(p -> p.contains("name: expected string"))
                .anyMatch(p -> p.contains("unknown property nonsense"))
                .anyMatch(p -> p.contains("job.uuid: expected string"))
                .anyMatch(p -> p.contains("PUT /cluster: method not in the spec"));
    }

    /** Drives every client operation once, errors included. */
    private void exercise(LabOntap lab, ManualTime time) throws IOException {
        OntapClient c = lab.client();
        c.cluster();
        c.svms();
        c.volumes(2);
        String v1 = c.requireVolume("hv_csv1").uuid();
        c.volume(v1);
        c.luns();
        c.lunBySerial("80D4nK+x3Qa1");
        c.lunMaps();
        c.igroups();
        var share = c.cifsShares().get(0);
        c.cifsShare(share.svmUuid(), share.name());
        SnapshotInfo s = c.createSnapshot(v1, SnapshotSpec.named("conf1").withComment("c").withLabel("daily")
                .withExpiry(time.now().plusSeconds(60)), Duration.ZERO);
        c.createSnapshot(v1, SnapshotSpec.named("conf2"), Duration.ofSeconds(5));
        c.snapshot(v1, s.uuid());
        c.modifySnapshot(v1, s.uuid(), SnapshotChange.rename("conf1b"));
        c.modifySnapshot(v1, s.uuid(), SnapshotChange.comment("cc"));
        c.modifySnapshot(v1, s.uuid(), SnapshotChange.expiry(time.now()));
        c.jobs();
        c.job(c.jobs().get(0).uuid());
        assertThatThrownBy(() -> c.createSnapshot(v1, SnapshotSpec.named("conf2"), Duration.ofSeconds(5)));
        assertThatThrownBy(() -> c.createSnapshot(v1, SnapshotSpec.named("bad|name"), Duration.ZERO));
        var clone = c.createClone("svm1", "conf_clone", "hv_csv1", "conf2");
        c.deleteVolume(clone.uuid());
        // deep verify's access path: a FlexClone of the Snapshot copy, read, then deleted
        try (OntapSnapshotStore store = new OntapSnapshotStore(c, OntapLab.snapshotFileAccess(dir));
             var opened = new dev.vsskit.ontap.CloneSnapshotAccess(store, new LabCloneFiles(dir)).open("hv_csv1", "conf2");
             var vhdx = opened.open("sql01/Virtual Hard Disks/sql01.vhdx")) {
            try (InputStream inSnapshot = store.openSnapshotFile("hv_csv1", "conf2", "sql01/Virtual Hard Disks/sql01.vhdx")) {
                assertThat(vhdx.read(0, 4096)).isEqualTo(inSnapshot.readNBytes(4096));
            }
            assertThat(opened.description()).startsWith("FlexClone vsskit_verify_");
        }
        assertThat(c.volumes()).noneMatch(v -> v.name().startsWith("vsskit_verify_"));
        // the other access path: a LUN clone from the Snapshot copy, which a host maps
        var lunClone = c.createLunClone("svm1", "/vol/hv_csv1/csv1_lun", "conf2", "csv1_lun_verify");
        assertThat(lunClone.name()).isEqualTo("/vol/hv_csv1/csv1_lun_verify");
        assertThat(c.snapshotByName(v1, "conf2").orElseThrow().owners()).contains("lun_clone");
        assertThatThrownBy(() -> c.createLunClone("svm1", "/vol/hv_csv1/csv1_lun", "nosuch", "x"))
                .hasMessageContaining("5374875");
        // mapped to the hosts' igroup (ONTAP picks the next free LUN id), refused twice, unmapped, refused unmapped
        var igroup = c.igroups().get(0);
        var map = c.createLunMap("svm1", lunClone.uuid(), igroup.uuid());
        assertThat(map.lunName()).isEqualTo("/vol/hv_csv1/csv1_lun_verify");
        assertThat(map.igroupName()).isEqualTo(igroup.name());
        assertThat(c.lunMaps().stream().filter(m -> m.igroupUuid().equals(igroup.uuid()))
                .map(LunMapRecord::logicalUnitNumber).filter(n -> n == map.logicalUnitNumber())).hasSize(1);
        assertThat(c.luns(Map.of("name", lunClone.name())).get(0).mapped()).isTrue();
        assertThatThrownBy(() -> c.createLunMap("svm1", lunClone.uuid(), igroup.uuid())).hasMessageContaining("1254207");
        assertThatThrownBy(() -> c.createLunMap("svm1", "no-such-lun", igroup.uuid())).hasMessageContaining("1254201");
        c.deleteLunMap(lunClone.uuid(), igroup.uuid());
        assertThat(c.lunMaps()).noneMatch(m -> m.lunUuid().equals(lunClone.uuid()));
        assertThatThrownBy(() -> c.deleteLunMap(lunClone.uuid(), igroup.uuid())).hasMessageContaining("5374922");
        c.deleteLun(lunClone.uuid());
        assertThat(c.luns()).noneMatch(l -> l.name().endsWith("_verify"));
        // the SMB restore path: a file clone from the Snapshot copy, no data copied; an existing destination is refused
        c.cloneFile(v1, "hv_csv1", ".snapshot/conf2/sql01/Virtual Hard Disks/sql01.vhdx",
                "sql01/Virtual Hard Disks/sql01.vhdx.vsskit-restore");
        try (OntapSnapshotStore store = new OntapSnapshotStore(c, OntapLab.snapshotFileAccess(dir))) {
            assertThat(dev.vsskit.lab.storage.CowVolumeStore.open(dir.resolve(
                    SimState.load(OntapLab.stateFile(dir)).volumeByName("hv_csv1").orElseThrow().store))
                    .readLive("sql01/Virtual Hard Disks/sql01.vhdx.vsskit-restore"))
                    .isEqualTo(store.openSnapshotFile("hv_csv1", "conf2", "sql01/Virtual Hard Disks/sql01.vhdx")
                            .readAllBytes());
        }
        assertThatThrownBy(() -> c.cloneFile(v1, "hv_csv1", ".snapshot/conf2/sql01/Virtual Hard Disks/sql01.vhdx",
                "sql01/Virtual Hard Disks/sql01.vhdx")).hasMessageContaining("1260136");
        c.restoreFile(v1, "conf2", "/sql01/Virtual Hard Disks/sql01.vhdx", "/sql01/Virtual Hard Disks/sql01.vhdx");
        c.restoreVolume(v1, "conf1b");
        for (SnapshotInfo x : c.snapshots(v1)) {
            c.deleteSnapshot(v1, x.uuid(), true);
        }
        try (OntapSnapshotStore store = new OntapSnapshotStore(c, OntapLab.snapshotFileAccess(dir))) {
            store.createSnapshots(List.of("hv_csv1", "hv_csv2"), "confcg", "vsskit backup confcg");
            store.restoreFiles("hv_csv2", "confcg", List.of(new FileRestore("app01/Virtual Hard Disks/app01.vhdx",
                    "app01/Virtual Hard Disks/app01.vhdx")));
        }
        var cg = c.consistencyGroups().get(0);
        String started = c.startCgSnapshot(cg.uuid(), SnapshotSpec.named("conf2p"), Duration.ofSeconds(10),
                Duration.ofSeconds(5));
        c.commitCgSnapshot(cg.uuid(), started, Duration.ofSeconds(5));
        for (var cs : c.cgSnapshots(cg.uuid())) {
            c.deleteCgSnapshot(cg.uuid(), cs.uuid(), false);
        }
        OntapConnection wrong = OntapConnection.of(lab.sim.address(), "vsskit",
                new PasswordSource.Prompt(() -> "wrong".toCharArray()),
                new TlsTrust.PinnedCertificate(OntapLab.certificateSha256(dir)));
        assertThatThrownBy(() -> lab.client(wrong).cluster());
    }

    // ------------------------------------------------------------------ the checker

    private static String template(String path) {
        String p = path.substring("/api".length());
        String[] s = p.split("/");
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < s.length; i++) {
            out.append('/');
            boolean variable = s[i].matches("[0-9a-f]{8}-[0-9a-f-]{27}") || (i == 5 && p.startsWith("/protocols/cifs/shares"));
            if (variable) {
                out.append(p.startsWith("/storage/volumes/") && i == 3 && s.length > 4 ? "{volume.uuid}"
                        : p.startsWith("/protocols/cifs/shares/") ? (i == 4 ? "{svm.uuid}" : "{name}")
                        : p.startsWith("/protocols/san/lun-maps/") ? (i == 4 ? "{lun.uuid}" : "{igroup.uuid}")
                        : "{uuid}");
            } else {
                out.append(s[i]);
            }
        }
        return out.toString();
    }

    static void check(OntapSimulator.Exchange x, List<String> problems) {
        String t = template(x.path());
        String where = x.method() + " " + t;
        if (t.startsWith("/application/consistency-groups")) {
            checkCg(x, t, where, problems);
            return;
        }
        JsonNode path = spec.path("paths").path(t);
        if (path.isMissingNode()) {
            problems.add(where + ": path not in the spec");
            return;
        }
        JsonNode op = path.path(x.method().toLowerCase(java.util.Locale.ROOT));
        if (op.isMissingNode()) {
            problems.add(where + ": method not in the spec");
            return;
        }
        Map<String, JsonNode> query = new java.util.HashMap<>();
        JsonNode bodySchema = null;
        for (JsonNode p : op.path("parameters")) {
            JsonNode param = resolve(p);
            if ("query".equals(param.path("in").asText())) {
                query.put(param.path("name").asText(), param);
            } else if ("body".equals(param.path("in").asText())) {
                bodySchema = param.path("schema");
            }
        }
        for (Map.Entry<String, String> q : x.query().entrySet()) {
            JsonNode param = query.get(q.getKey());
            if (param == null) {
                if (!NEWER_QUERY.contains(q.getKey())) {
                    problems.add(where + ": query parameter " + q.getKey() + " not in the spec");
                }
                continue;
            }
            String type = param.path("type").asText();
            if (type.equals("integer") && !q.getValue().matches("-?\\d+")) {
                problems.add(where + ": query parameter " + q.getKey() + " must be an integer");
            }
            if (type.equals("boolean") && !q.getValue().matches("true|false")) {
                problems.add(where + ": query parameter " + q.getKey() + " must be true or false");
            }
            if (param.has("maximum") && q.getValue().matches("\\d+")
                    && Long.parseLong(q.getValue()) > param.get("maximum").asLong()) {
                problems.add(where + ": query parameter " + q.getKey() + " above its maximum");
            }
        }
        if (x.requestBody() != null && !x.requestBody().isNull()) {
            if (bodySchema == null) {
                if (!(x.requestBody().isObject() && x.requestBody().size() == 0)) {
                    problems.add(where + ": request body not allowed");
                }
            } else {
                validate(x.requestBody(), bodySchema, where + " request", problems, true);
            }
        }
        JsonNode responses = op.path("responses");
        String status = Integer.toString(x.status());
        JsonNode resp = responses.path(status);
        if (resp.isMissingNode() && x.status() >= 200 && x.status() < 300) {
            // 200/201 instead of 202 when return_timeout let the job finish (ontap.md §0)
            Iterator<String> names = responses.fieldNames();
            while (names.hasNext() && resp.isMissingNode()) {
                String n = names.next();
                if (n.startsWith("2")) {
                    resp = responses.get(n);
                }
            }
            if (resp.isMissingNode()) {
                problems.add(where + ": status " + status + " not declared");
                return;
            }
        }
        if (resp.isMissingNode()) {
            resp = responses.path("default");
        }
        if (resp.isMissingNode()) {
            problems.add(where + ": status " + status + " not declared and no default");
            return;
        }
        if (resp.has("schema")) {
            JsonNode body = x.responseBody();
            if (t.endsWith("/snapshots") && x.method().equals("POST") && body.isObject()) {
                // the spec's own 202 example for snapshot POST echoes num_records/records beside the job
                body = body.deepCopy();
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).remove(List.of("num_records", "records"));
            }
            validate(body, resp.get("schema"), where + " " + status + " response", problems, false);
        }
    }

    private static JsonNode resolve(JsonNode n) {
        while (n.has("$ref")) {
            String[] ref = n.get("$ref").asText().substring(2).split("/");
            JsonNode r = spec;
            for (String part : ref) {
                r = r.path(part);
            }
            n = r;
        }
        return n;
    }

    static void validate(JsonNode value, JsonNode schemaRef, String where, List<String> problems, boolean request) {
        JsonNode schema = resolve(schemaRef);
        if (schema.has("allOf")) {
            for (JsonNode s : schema.get("allOf")) {
                validate(value, s, where, problems, request);
            }
            return;
        }
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "");
        switch (type) {
            case "object" -> {
                if (!value.isObject()) {
                    problems.add(where + ": expected object, got " + value.getNodeType());
                    return;
                }
                JsonNode props = schema.path("properties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonNode p = props.get(e.getKey());
                    if (p == null) {
                        if (!NEWER_FIELDS.contains(e.getKey()) && !props.isEmpty()) {
                            problems.add(where + ": unknown property " + e.getKey());
                        }
                        continue;
                    }
                    JsonNode rp = resolve(p);
                    if (request && rp.path("readOnly").asBoolean(false)) {
                        problems.add(where + ": read-only property " + e.getKey() + " sent");
                    }
                    validate(e.getValue(), p, where + "." + e.getKey(), problems, request);
                }
                if (request) {
                    for (JsonNode r : schema.path("required")) {
                        if (!value.has(r.asText())) {
                            problems.add(where + ": required property " + r.asText() + " missing");
                        }
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(where + ": expected array, got " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    validate(value.get(i), schema.path("items"), where + "[" + i + "]", problems, request);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(where + ": expected string, got " + value.getNodeType());
                    return;
                }
                if (schema.has("enum")) {
                    boolean ok = false;
                    for (JsonNode e : schema.get("enum")) {
                        ok |= e.asText().equals(value.asText());
                    }
                    if (!ok) {
                        problems.add(where + ": '" + value.asText() + "' not in " + schema.get("enum"));
                    }
                }
                if ("date-time".equals(schema.path("format").asText())) {
                    try {
                        OffsetDateTime.parse(value.asText());
                    } catch (RuntimeException e) {
                        problems.add(where + ": not a date-time: " + value.asText());
                    }
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(where + ": expected integer, got " + value.getNodeType());
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(where + ": expected number, got " + value.getNodeType());
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(where + ": expected boolean, got " + value.getNodeType());
                }
            }
            default -> { }
        }
    }

    // ------------------------------------------------------------------ consistency groups (ontap.md §6)

    static final Set<String> CG_SNAPSHOT_POST = Set.of("comment", "consistency_type", "name", "snaplock",
            "snapmirror_label", "svm", "write_fence");
    static final Set<String> CG_SNAPSHOT_FIELDS = Set.of("name", "comment", "consistency_type", "snapmirror_label",
            "create_time", "uuid", "svm", "consistency_group", "snapshot_volumes", "luns", "namespaces",
            "is_partial", "missing_volumes", "missing_luns", "missing_namespaces", "reclaimable_space",
            "restore_size", "snaplock", "write_fence", "_links");
    static final Set<String> CG_FIELDS = Set.of("uuid", "name", "svm", "volumes", "snapshots", "luns",
            "namespaces", "qos", "tiering", "snapshot_policy", "space", "consistency_groups", "_links",
            "parent_consistency_group", "replicated", "replication_source", "replication_relationships");

    private static void checkCg(OntapSimulator.Exchange x, String t, String where, List<String> problems) {
        String[] s = t.split("/");
        int depth = s.length; // "", application, consistency-groups, {uuid}, snapshots, {uuid}
        Set<String> methods = switch (depth) {
            case 3 -> Set.of("GET", "POST");
            case 4 -> Set.of("GET", "PATCH", "DELETE");
            case 5 -> Set.of("GET", "POST");
            case 6 -> Set.of("GET", "PATCH", "DELETE");
            default -> Set.of();
        };
        if (!methods.contains(x.method())) {
            problems.add(where + ": method not in ontap.md §6");
            return;
        }
        Set<String> allowedQuery = new TreeSet<>(Set.of("fields", "max_records", "return_records", "return_timeout",
                "order_by", "name", "uuid", "start.index"));
        if (depth == 5 && x.method().equals("POST")) {
            allowedQuery.addAll(Set.of("action", "action_timeout"));
            if ("start".equals(x.query().get("action"))) {
                String timeout = x.query().getOrDefault("action_timeout", "7");
                if (!timeout.matches("\\d+") || Integer.parseInt(timeout) < 1 || Integer.parseInt(timeout) > 120) {
                    problems.add(where + ": action_timeout out of range");
                }
            } else if (x.query().containsKey("action")) {
                problems.add(where + ": action on POST must be start");
            }
            for (Iterator<String> it = x.requestBody().fieldNames(); it.hasNext();) {
                String f = it.next();
                if (!CG_SNAPSHOT_POST.contains(f)) {
                    problems.add(where + ": " + f + " is not a POST-able CG snapshot field");
                }
            }
            if (!x.requestBody().path("name").isTextual()) {
                problems.add(where + ": name (string) required");
            }
            String ct = x.requestBody().path("consistency_type").asText("crash");
            if (!ct.equals("crash") && !ct.equals("application")) {
                problems.add(where + ": consistency_type must be crash or application");
            }
        }
        if (depth == 6 && x.method().equals("PATCH")) {
            allowedQuery.add("action");
            if (!"commit".equals(x.query().get("action"))) {
                problems.add(where + ": PATCH needs action=commit");
            }
            if (x.status() == 200 && !(x.responseBody().isObject() && x.responseBody().size() == 0)) {
                problems.add(where + ": commit answers {}");
            }
        }
        for (String q : x.query().keySet()) {
            if (!allowedQuery.contains(q) && !(depth == 3 && x.method().equals("GET"))) {
                problems.add(where + ": query parameter " + q + " not in ontap.md §6");
            }
        }
        if (x.status() >= 400) {
            JsonNode err = x.responseBody().path("error");
            if (!err.path("code").isTextual() || !err.path("message").isTextual()) {
                problems.add(where + ": error body needs error.code and error.message strings");
            }
            return;
        }
        if (x.method().equals("GET")) {
            JsonNode recs = depth == 3 || depth == 5 ? x.responseBody().path("records") : null;
            List<JsonNode> objects = new ArrayList<>();
            if (recs != null) {
                recs.forEach(objects::add);
                if (!x.responseBody().path("num_records").isIntegralNumber()) {
                    problems.add(where + ": num_records (integer) missing");
                }
            } else {
                objects.add(x.responseBody());
            }
            Set<String> fields = depth >= 5 ? CG_SNAPSHOT_FIELDS : CG_FIELDS;
            for (JsonNode o : objects) {
                for (Iterator<String> it = o.fieldNames(); it.hasNext();) {
                    String f = it.next();
                    if (!fields.contains(f)) {
                        problems.add(where + ": field " + f + " not in ontap.md §6");
                    }
                }
                for (JsonNode m : o.path("snapshot_volumes")) {
                    if (!m.path("volume").path("uuid").isTextual() || !m.path("snapshot").path("uuid").isTextual()) {
                        problems.add(where + ": snapshot_volumes[] needs volume{name,uuid} and snapshot{name,uuid}");
                    }
                }
                if (o.has("create_time")) {
                    try {
                        OffsetDateTime.parse(o.get("create_time").asText());
                    } catch (RuntimeException e) {
                        problems.add(where + ": create_time is not a date-time");
                    }
                }
            }
        } else if (x.status() == 202 && !x.responseBody().path("job").path("uuid").isTextual()) {
            problems.add(where + ": 202 without a job link");
        }
    }
}
