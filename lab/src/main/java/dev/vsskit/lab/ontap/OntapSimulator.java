package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.client.OntapVersion;
import dev.vsskit.vss.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The lab's ONTAP REST simulator: the subset of {@code /api} vsskit uses, served over HTTPS on
 * 127.0.0.1 with the lab's self-signed certificate and Basic auth. State persists in
 * {@code <lab>/ontap/state.json}; volume data are the lab's copy-on-write volume stores, so a Snapshot
 * copy is instant and its bytes never change, restores are byte-exact and a FlexClone shows the
 * snapshot's files. Behaves as ONTAP documents: 202 + jobs (kept 300 s after they end),
 * {@code return_timeout}, {@code fields}, {@code max_records} with {@code _links.next},
 * {@code return_records}, query filters, ONTAP error codes and statuses, the 1023-snapshot limit, busy
 * snapshots under clones, consistency groups (9.10+) and two-phase CG snapshots (9.11+) with their
 * write-fence timeout. Knobs ({@link SimKnobs}) add latency and faults.
 */
public final class OntapSimulator implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle on, delayed ACKs add ~40 ms per call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static final int MAX_SNAPSHOTS = 1023;
    static final long JOB_RETENTION_SECONDS = 300;
    private static final DateTimeFormatter ONTAP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final String API = "/api";

    private final Path lab;
    private final SimTime time;
    private final SimState state;
    private final HttpsServer server;
    private final ExecutorService executor;
    /** Store snapshots of CG members run here in parallel (I/O bound: fsyncs). */
    private final ExecutorService storeIo = Executors.newFixedThreadPool(32, r -> {
        Thread t = new Thread(r, "ontap-sim-io");
        t.setDaemon(true);
        return t;
    });
    private final String expectedAuthorization;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong calls = new AtomicLong();
    private final Map<Integer, AtomicLong> faultCounters = new ConcurrentHashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Object lock = new Object();
    private volatile SimKnobs knobs;
    private volatile FileTime knobsStamp;
    private Random random;

    /** A background job as ONTAP reports it. */
    private static final class Job {
        String uuid;
        String description;
        String state;
        String message;
        int code;
        String errorCode;
        String errorMessage;
        Instant start;
        Instant end;
        Instant visibleEnd;
    }

    /** An ONTAP error: HTTP status, code, message, target. */
    static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final String target;

        ApiError(int status, String code, String message, String target) {
            super(message);
            this.status = status;
            this.code = code;
            this.target = target;
        }

        ApiError(int status, String code, String message) {
            this(status, code, message, "");
        }
    }

    private record Req(String method, String path, String rawQuery, Map<String, String> query, JsonNode body) {
        String q(String k) {
            return query.get(k);
        }

        String q(String k, String dflt) {
            return query.getOrDefault(k, dflt);
        }
    }

    private record Res(int status, JsonNode body, String location) {
    }

    /** One request and the simulator's answer, as recorded for conformance checks. */
    public record Exchange(String method, String path, Map<String, String> query, JsonNode requestBody, int status,
            JsonNode responseBody) {
    }

    private volatile java.util.function.Consumer<Exchange> recorder = x -> { };

    /** Sees every answered request (tests validate them against the OpenAPI spec). */
    public void setRecorder(java.util.function.Consumer<Exchange> r) {
        recorder = r == null ? x -> { } : r;
    }

    private OntapSimulator(Path lab, int port, SimTime time) throws IOException {
        this.lab = lab;
        this.time = time;
        if (!OntapLab.initialized(lab)) {
            throw new IllegalStateException("the lab " + lab + " has no ONTAP state; run: vsskit lab init");
        }
        this.state = SimState.load(OntapLab.stateFile(lab));
        OntapVersion.parse(state.version);
        this.knobs = OntapLab.knobs(lab);
        this.random = new Random(knobs.seed());
        var cred = new dev.vsskit.ontap.client.PasswordSource.CredentialFile(OntapLab.credentialsFile(lab));
        String user = cred.user().isEmpty() ? OntapLab.DEFAULT_USER : cred.user();
        this.expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + new String(cred.password())).getBytes(StandardCharsets.UTF_8));
        this.server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setHttpsConfigurator(new HttpsConfigurator(sslContext(lab)));
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ontap-sim");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts a simulator for the lab on 127.0.0.1 ({@code port} 0: an ephemeral port). */
    public static OntapSimulator start(Path lab, int port) throws IOException {
        return start(lab, port, SimTime.REAL);
    }

    public static OntapSimulator start(Path lab, int port, SimTime time) throws IOException {
        OntapSimulator sim = new OntapSimulator(lab, port, time);
        sim.server.start();
        AtomicFiles.writeString(OntapLab.addressFile(lab), sim.address() + "\n");
        return sim;
    }

    public URI address() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Number of API calls served (authenticated or not). */
    public long calls() {
        return calls.get();
    }

    /** Replaces the knobs (and writes them to the lab so they persist). */
    public void setKnobs(SimKnobs k) throws IOException {
        OntapLab.setKnobs(lab, k);
        synchronized (lock) {
            applyKnobs(k);
            knobsStamp = Files.getLastModifiedTime(OntapLab.knobsFile(lab));
        }
    }

    /** The version the simulated cluster reports. */
    public String version() {
        synchronized (lock) {
            return state.version;
        }
    }

    /** Changes the reported version at run time (tests of both provider paths). */
    public void setVersion(String version) throws IOException {
        OntapVersion.parse(version);
        synchronized (lock) {
            state.version = version;
            persist();
        }
    }

    @Override
    public void close() {
        stopping.countDown();
        server.stop(0);
        executor.shutdownNow();
        storeIo.shutdownNow();
        try {
            Files.deleteIfExists(OntapLab.addressFile(lab));
        } catch (IOException e) {
            // the next start rewrites it
        }
    }

    // ================================================================== HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            Req req;
            try {
                req = parse(ex);
            } catch (ApiError e) {
                send(ex, new Res(e.status, error(e), ""));
                return;
            }
            calls.incrementAndGet();
            if (!expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, req, new Res(401, error(new ApiError(401, "6691623",
                        "User is not authorized")), ""));
                return;
            }
            reloadKnobsIfChanged();
            SimKnobs k = knobs;
            if (k.latencyMs() > 0) {
                time.sleep(k.latencyMs());
            }
            SimFault fault = pickFault(k, req);
            if (fault != null) {
                switch (fault.action()) {
                    case HANG -> {
                        stopping.await(10, TimeUnit.MINUTES);
                        return; // closing without a response
                    }
                    case RESET_BEFORE -> {
                        return; // closing the exchange before headers are sent drops the connection
                    }
                    case FAIL -> {
                        if (fault.code().isEmpty()) {
                            sendRaw(ex, fault.status(), "<html><body>" + fault.status() + " Service Unavailable"
                                    + "</body></html>", "text/html");
                        } else {
                            send(ex, req, new Res(fault.status(), error(new ApiError(fault.status(), fault.code(),
                                    fault.message().isEmpty() ? "injected failure" : fault.message())), ""));
                        }
                        return;
                    }
                    case RESET_AFTER -> { }
                }
            }
            Res res;
            try {
                synchronized (lock) {
                    expire();
                    res = route(req);
                }
            } catch (ApiError e) {
                res = new Res(e.status, error(e), "");
            } catch (RuntimeException e) {
                res = new Res(500, error(new ApiError(500, "1", "internal error: " + e.getMessage())), "");
            }
            if (fault != null && fault.action() == SimFault.Action.RESET_AFTER) {
                return; // the change happened; the client never hears of it
            }
            send(ex, req, res);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private SimFault pickFault(SimKnobs k, Req req) {
        List<SimFault> faults = k.faults();
        for (int i = 0; i < faults.size(); i++) {
            SimFault f = faults.get(i);
            if (!f.matches(req.method(), req.path())) {
                continue;
            }
            long n = faultCounters.computeIfAbsent(i, x -> new AtomicLong()).incrementAndGet();
            if (f.nth() > 0) {
                if (n >= f.nth() && n < f.nth() + f.times()) {
                    return f;
                }
            } else if (f.rate() > 0) {
                synchronized (lock) {
                    if (random.nextDouble() < f.rate()) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    private void reloadKnobsIfChanged() {
        try {
            Path f = OntapLab.knobsFile(lab);
            if (!Files.exists(f)) {
                return;
            }
            FileTime t = Files.getLastModifiedTime(f);
            if (!t.equals(knobsStamp)) {
                SimKnobs k = OntapLab.knobs(lab);
                synchronized (lock) {
                    if (!t.equals(knobsStamp)) {
                        applyKnobs(k);
                        knobsStamp = t;
                    }
                }
            }
        } catch (IOException e) {
            // keep the knobs we have; a half-written file is replaced atomically anyway
        }
    }

    private void applyKnobs(SimKnobs k) {
        knobs = k;
        random = new Random(k.seed());
        faultCounters.clear();
    }

    private Req parse(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        String raw = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String val = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(key, val);
        }
        JsonNode body = NullNode.getInstance();
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length > 0) {
                try {
                    body = SimState.JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new ApiError(400, "2", "The request body is not valid JSON: " + e.getMessage());
                }
            }
        }
        return new Req(ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT), uri.getRawPath(), raw, q, body);
    }

    private void send(HttpExchange ex, Req req, Res res) throws IOException {
        recorder.accept(new Exchange(req.method(), req.path(), req.query(), req.body(), res.status(),
                res.body() == null ? SimState.JSON.createObjectNode() : res.body()));
        send(ex, res);
    }

    private static void send(HttpExchange ex, Res res) throws IOException {
        byte[] bytes = SimState.JSON.writeValueAsBytes(res.body() == null ? SimState.JSON.createObjectNode()
                : res.body());
        ex.getResponseHeaders().set("Content-Type", "application/hal+json");
        ex.getResponseHeaders().set("Server", "libzapid-httpd");
        if (!res.location().isEmpty()) {
            ex.getResponseHeaders().set("Location", res.location());
        }
        ex.sendResponseHeaders(res.status(), bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sendRaw(HttpExchange ex, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static ObjectNode error(ApiError e) {
        ObjectNode root = SimState.JSON.createObjectNode();
        ObjectNode err = root.putObject("error");
        err.put("message", e.getMessage());
        err.put("code", e.code);
        if (e.target != null && !e.target.isEmpty()) {
            err.put("target", e.target);
        }
        return root;
    }

    // ================================================================== routing

    private Res route(Req r) {
        String p = r.path();
        if (!p.startsWith(API + "/")) {
            throw new ApiError(404, "3", "API not found: " + p);
        }
        String[] s = segments(p.substring(API.length() + 1));
        String m = r.method();
        if (match(s, "cluster")) {
            return only(m, "GET", () -> new Res(200, project(cluster(), r, true), ""));
        }
        if (match(s, "cluster", "nodes")) {
            return only(m, "GET", () -> collection(r, List.of(nodeJson()), List.of("uuid", "name")));
        }
        if (match(s, "cluster", "jobs")) {
            return only(m, "GET", () -> collection(r, jobs.values().stream().map(this::jobJson).toList(),
                    List.of("uuid")));
        }
        if (match(s, "cluster", "jobs", null)) {
            return only(m, "GET", () -> new Res(200, project(jobJson(job(s[2])), r, true), ""));
        }
        if (match(s, "svm", "svms")) {
            return only(m, "GET", () -> collection(r, state.svms.stream().map(this::svmJson).toList(),
                    List.of("uuid", "name")));
        }
        if (match(s, "svm", "svms", null)) {
            return only(m, "GET", () -> new Res(200, project(svmJson(state.svm(s[2]).filter(x -> x.uuid.equals(s[2]))
                    .orElseThrow(() -> notFound("svm.uuid"))), r, true), ""));
        }
        if (match(s, "storage", "volumes")) {
            return switch (m) {
                case "GET" -> collection(r, state.volumes.stream().map(this::volumeJson).toList(),
                        List.of("uuid", "name"));
                case "POST" -> createVolume(r);
                default -> throw notAllowed(m);
            };
        }
        if (match(s, "storage", "volumes", null)) {
            SimState.Vol v = vol(s[2]);
            return switch (m) {
                case "GET" -> new Res(200, project(volumeJson(v), r, true), "");
                case "PATCH" -> patchVolume(r, v);
                case "DELETE" -> deleteVolume(r, v);
                default -> throw notAllowed(m);
            };
        }
        if (match(s, "storage", "volumes", null, "snapshots")) {
            SimState.Vol v = vol(s[2]);
            return switch (m) {
                case "GET" -> collection(r, v.snapshots.stream().map(x -> snapshotJson(v, x)).toList(),
                        List.of("uuid", "name"));
                case "POST" -> createSnapshot(r, v);
                default -> throw notAllowed(m);
            };
        }
        if (match(s, "storage", "volumes", null, "snapshots", null)) {
            SimState.Vol v = vol(s[2]);
            SimState.Snap snap = snap(v, s[4]);
            return switch (m) {
                case "GET" -> new Res(200, project(snapshotJson(v, snap), r, true), "");
                case "PATCH" -> patchSnapshot(r, v, snap);
                case "DELETE" -> deleteSnapshot(r, v, snap);
                default -> throw notAllowed(m);
            };
        }
        if (match(s, "storage", "luns")) {
            return only(m, "GET", () -> collection(r, state.luns.stream().map(this::lunJson).toList(),
                    List.of("uuid", "name")));
        }
        if (match(s, "storage", "luns", null)) {
            return only(m, "GET", () -> new Res(200, project(lunJson(state.luns.stream().filter(l -> l.uuid.equals(s[2]))
                    .findFirst().orElseThrow(() -> new ApiError(404, "5374875", "LUN not found", "uuid"))), r, true), ""));
        }
        if (match(s, "protocols", "san", "lun-maps")) {
            return only(m, "GET", () -> collection(r, state.lunMaps.stream().map(this::lunMapJson).toList(),
                    List.of("lun", "igroup", "svm")));
        }
        if (match(s, "protocols", "san", "igroups")) {
            return only(m, "GET", () -> collection(r, state.igroups.stream().map(this::igroupJson).toList(),
                    List.of("uuid", "name")));
        }
        if (match(s, "protocols", "san", "igroups", null)) {
            return only(m, "GET", () -> new Res(200, project(igroupJson(state.igroups.stream()
                    .filter(g -> g.uuid.equals(s[3])).findFirst().orElseThrow(() -> notFound("uuid"))), r, true), ""));
        }
        if (match(s, "protocols", "cifs", "shares")) {
            return only(m, "GET", () -> collection(r, state.shares.stream().map(this::shareJson).toList(),
                    List.of("svm", "name")));
        }
        if (match(s, "protocols", "cifs", "shares", null, null)) {
            return only(m, "GET", () -> new Res(200, project(shareJson(state.shares.stream()
                    .filter(x -> x.name.equals(s[4]) && state.svm(x.svm).map(v -> v.uuid.equals(s[3])).orElse(false))
                    .findFirst().orElseThrow(() -> notFound("name"))), r, true), ""));
        }
        if (s.length >= 2 && s[0].equals("application") && s[1].equals("consistency-groups")) {
            if (!ontapVersion().hasConsistencyGroups()) {
                throw new ApiError(404, "3", "API not found: consistency groups need ONTAP 9.10 or later (this"
                        + " cluster runs " + state.version + ")");
            }
            return routeCg(r, s);
        }
        throw new ApiError(404, "3", "API not found: " + m + " " + p);
    }

    private Res routeCg(Req r, String[] s) {
        String m = r.method();
        if (s.length == 2) {
            return switch (m) {
                case "GET" -> collection(r, state.cgs.stream().map(this::cgJson).toList(), List.of("uuid", "name"));
                case "POST" -> createCg(r);
                default -> throw notAllowed(m);
            };
        }
        SimState.Cg cg = state.cg(s[2]).orElseThrow(() -> new ApiError(404, "53411842",
                "Consistency group does not exist.", "uuid"));
        if (s.length == 3) {
            return switch (m) {
                case "GET" -> new Res(200, project(cgJson(cg), r, true), "");
                case "DELETE" -> jobResponse(r, "DELETE " + r.path(), () -> state.cgs.remove(cg), false, null, "");
                default -> throw notAllowed(m);
            };
        }
        if (s.length == 4 && s[3].equals("snapshots")) {
            return switch (m) {
                case "GET" -> collection(r, cg.snapshots.stream().map(x -> cgSnapshotJson(cg, x)).toList(),
                        List.of("uuid", "name"));
                case "POST" -> createCgSnapshot(r, cg);
                default -> throw notAllowed(m);
            };
        }
        if (s.length == 5 && s[3].equals("snapshots")) {
            SimState.CgSnap cs = cg.snapshots.stream().filter(x -> x.uuid.equals(s[4])).findFirst()
                    .orElseThrow(() -> "PATCH".equals(m) && "commit".equals(r.q("action"))
                            ? new ApiError(404, "53411925", "Failed to find a previously initiated two-phase snapshot"
                                    + " operation for consistency group \"" + cg.name + "\".")
                            : new ApiError(404, "4", "entry doesn't exist", "uuid"));
            return switch (m) {
                case "GET" -> new Res(200, project(cgSnapshotJson(cg, cs), r, true), "");
                case "PATCH" -> patchCgSnapshot(r, cg, cs);
                case "DELETE" -> jobResponse(r, "DELETE " + r.path(), () -> deleteCgSnapshot(cg, cs), false, null, "");
                default -> throw notAllowed(m);
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

    private static Res only(String method, String allowed, Supplier<Res> r) {
        if (!method.equals(allowed)) {
            throw notAllowed(method);
        }
        return r.get();
    }

    private static ApiError notAllowed(String m) {
        return new ApiError(405, "3", "The method " + m + " is not supported for this resource");
    }

    private static ApiError notFound(String target) {
        return new ApiError(404, "4", "entry doesn't exist", target);
    }

    private OntapVersion ontapVersion() {
        return OntapVersion.parse(state.version);
    }

    // ================================================================== collections, fields, jobs

    private Res collection(Req r, List<ObjectNode> all, List<String> keys) {
        List<ObjectNode> matched = new ArrayList<>();
        for (ObjectNode n : all) {
            if (filtersMatch(n, r.query())) {
                matched.add(n);
            }
        }
        ObjectNode out = SimState.JSON.createObjectNode();
        boolean returnRecords = !"false".equals(r.q("return_records"));
        int start = parseInt(r.q("start.index", "0"), "start.index");
        int max = r.q("max_records") == null ? 10_000 : parseInt(r.q("max_records"), "max_records");
        if (max < 0) {
            throw new ApiError(400, "2", "Invalid value for max_records", "max_records");
        }
        int end = Math.min(matched.size(), start + max);
        if (returnRecords) {
            ArrayNode recs = out.putArray("records");
            for (int i = start; i < end; i++) {
                recs.add(projectCollection(matched.get(i), r, keys));
            }
            out.put("num_records", Math.max(0, end - start));
        } else {
            out.put("num_records", matched.size());
        }
        ObjectNode links = out.putObject("_links");
        links.putObject("self").put("href", r.path() + (r.rawQuery().isEmpty() ? "" : "?" + r.rawQuery()));
        if (returnRecords && end < matched.size()) {
            Map<String, String> q = new LinkedHashMap<>(r.query());
            q.put("start.index", Integer.toString(end));
            q.put("max_records", Integer.toString(max));
            links.putObject("next").put("href", r.path() + encode(q));
        }
        return new Res(200, out, "");
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("fields", "max_records", "return_records",
            "return_timeout", "order_by", "start.index");

    private static boolean filtersMatch(ObjectNode n, Map<String, String> q) {
        for (Map.Entry<String, String> e : q.entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                continue;
            }
            List<JsonNode> values = new ArrayList<>();
            collect(n, e.getKey().split("\\."), 0, values);
            boolean any = false;
            for (JsonNode v : values) {
                if (valueMatches(v.asText(), e.getValue())) {
                    any = true;
                    break;
                }
            }
            if (!any && !(values.isEmpty() && e.getValue().startsWith("!"))) {
                return false;
            }
        }
        return true;
    }

    private static void collect(JsonNode n, String[] path, int i, List<JsonNode> out) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return;
        }
        if (n.isArray()) {
            for (JsonNode x : n) {
                collect(x, path, i, out);
            }
            return;
        }
        if (i == path.length) {
            out.add(n);
            return;
        }
        collect(n.get(path[i]), path, i + 1, out);
    }

    /** ONTAP query syntax: a|b (or), !x (not), * wildcards, <, >, <=, >= on numbers and times. */
    static boolean valueMatches(String actual, String pattern) {
        for (String alt : pattern.split("\\|")) {
            boolean neg = alt.startsWith("!");
            String p = neg ? alt.substring(1) : alt;
            boolean ok;
            if (p.startsWith(">=") || p.startsWith("<=") || p.startsWith(">") || p.startsWith("<")) {
                int len = p.charAt(1) == '=' ? 2 : 1;
                int c = compare(actual, p.substring(len));
                ok = switch (p.substring(0, len)) {
                    case ">=" -> c >= 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c < 0;
                };
            } else if (p.contains("*")) {
                StringBuilder re = new StringBuilder();
                for (String part : p.split("\\*", -1)) {
                    if (re.length() > 0 || p.startsWith("*")) {
                        re.append(".*");
                    }
                    re.append(java.util.regex.Pattern.quote(part));
                }
                ok = actual.matches(re.toString().replace("\\Q\\E", ""));
            } else {
                ok = actual.equals(p);
            }
            if (ok != neg) {
                return true;
            }
        }
        return false;
    }

    private static int compare(String a, String b) {
        try {
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static ObjectNode projectCollection(ObjectNode full, Req r, List<String> keys) {
        String fields = r.q("fields");
        if (fields != null && (fields.equals("*") || fields.equals("**"))) {
            return full;
        }
        ObjectNode out = SimState.JSON.createObjectNode();
        for (String k : keys) {
            copyPath(full, out, k.split("\\."), 0);
        }
        if (fields != null) {
            for (String f : fields.split(",")) {
                if (!f.isBlank()) {
                    copyPath(full, out, f.trim().split("\\."), 0);
                }
            }
        }
        if (full.has("_links")) {
            out.set("_links", full.get("_links"));
        }
        return out;
    }

    /** A single object: all fields, or only the requested ones (plus keys). */
    private static ObjectNode project(ObjectNode full, Req r, boolean single) {
        String fields = r.q("fields");
        if (fields == null || fields.equals("*") || fields.equals("**")) {
            return full;
        }
        return projectCollection(full, r, List.of("uuid", "name"));
    }

    private static void copyPath(JsonNode from, ObjectNode to, String[] path, int i) {
        JsonNode v = from.get(path[i]);
        if (v == null) {
            return;
        }
        if (i == path.length - 1 || !v.isObject()) {
            if (i == path.length - 1) {
                to.set(path[i], v);
            }
            return;
        }
        ObjectNode child = to.has(path[i]) && to.get(path[i]).isObject() ? (ObjectNode) to.get(path[i])
                : to.putObject(path[i]);
        copyPath(v, child, path, i + 1);
    }

    private static String encode(Map<String, String> q) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : q.entrySet()) {
            sb.append(sb.length() == 0 ? '?' : '&').append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("%2C", ",")
                            .replace("%2A", "*"));
        }
        return sb.toString();
    }

    private static int parseInt(String s, String name) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "2", "Invalid value \"" + s + "\" for " + name, name);
        }
    }

    /**
     * Runs a change as a job. Without {@code return_timeout} (or 0): 202 and a job link, the error (if
     * any) shows in the job. With {@code return_timeout > 0} and a job that ends in time: 201/200 on
     * success, the ONTAP error response on failure.
     */
    private Res jobResponse(Req r, String description, Runnable op, boolean created, ObjectNode echo, String location) {
        Job j = new Job();
        j.uuid = UUID.randomUUID().toString();
        j.description = description;
        j.start = time.now();
        ApiError failure = null;
        try {
            op.run();
            j.state = "success";
            j.message = "success";
            j.code = 0;
        } catch (ApiError e) {
            failure = e;
            j.state = "failure";
            j.message = e.getMessage();
            j.code = (int) Math.min(Integer.MAX_VALUE, Long.parseLong(e.code.isEmpty() ? "0" : e.code));
            j.errorCode = e.code;
            j.errorMessage = e.getMessage();
        }
        persist();
        j.end = time.now();
        j.visibleEnd = j.end.plusMillis(knobs.jobDelayMs());
        jobs.put(j.uuid, j);
        int returnTimeout = parseInt(r.q("return_timeout", "0"), "return_timeout");
        if (returnTimeout < 0 || returnTimeout > 120) {
            throw new ApiError(400, "2", "return_timeout must be between 0 and 120", "return_timeout");
        }
        ObjectNode body = echo == null ? SimState.JSON.createObjectNode() : echo;
        ObjectNode jobLink = body.putObject("job");
        jobLink.put("uuid", j.uuid);
        jobLink.putObject("_links").putObject("self").put("href", "/api/cluster/jobs/" + j.uuid);
        if (returnTimeout > 0 && knobs.jobDelayMs() <= returnTimeout * 1000L) {
            if (failure != null) {
                throw failure;
            }
            return new Res(created ? 201 : 200, body, location);
        }
        return new Res(202, body, location);
    }

    private ObjectNode jobJson(Job j) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", j.uuid);
        n.put("description", j.description);
        boolean visible = !time.now().isBefore(j.visibleEnd);
        n.put("state", visible ? j.state : "running");
        n.put("message", visible ? j.message : "running");
        n.put("code", visible ? j.code : 0);
        n.put("start_time", fmt(j.start));
        if (visible) {
            n.put("end_time", fmt(j.end));
            if (j.errorCode != null) {
                n.putObject("error").put("code", j.errorCode).put("message", j.errorMessage);
            }
        }
        n.putObject("_links").putObject("self").put("href", "/api/cluster/jobs/" + j.uuid);
        return n;
    }

    private Job job(String uuid) {
        Job j = jobs.get(uuid);
        if (j == null) {
            throw new ApiError(404, "4", "entry doesn't exist", "uuid");
        }
        return j;
    }

    /** Drops jobs 300 s after they ended, and aborts two-phase CG snapshots whose fence timed out. */
    private void expire() {
        Instant now = time.now();
        jobs.values().removeIf(j -> j.end != null && j.visibleEnd.plusSeconds(JOB_RETENTION_SECONDS).isBefore(now));
        boolean changed = false;
        for (SimState.Cg cg : state.cgs) {
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
            persist();
        }
    }

    private void persist() {
        try {
            state.save(OntapLab.stateFile(lab));
        } catch (IOException e) {
            throw new ApiError(500, "1", "cannot save the simulator state: " + e.getMessage());
        }
    }

    // ================================================================== JSON views

    private static String fmt(Instant t) {
        return OffsetDateTime.ofInstant(t, ZoneOffset.UTC).format(ONTAP_TIME);
    }

    private static ObjectNode self(ObjectNode n, String href) {
        n.putObject("_links").putObject("self").put("href", href);
        return n;
    }

    private ObjectNode ref(String name, String uuid, String href) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("name", name);
        n.put("uuid", uuid);
        return self(n, href);
    }

    private ObjectNode svmRef(String svmName) {
        SimState.Svm s = state.svm(svmName).orElseThrow();
        return ref(s.name, s.uuid, "/api/svm/svms/" + s.uuid);
    }

    private ObjectNode cluster() {
        OntapVersion v = ontapVersion();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("name", state.clusterName);
        n.put("uuid", state.clusterUuid);
        ObjectNode ver = n.putObject("version");
        ver.put("full", "NetApp Release " + v + ": vsskit lab simulator");
        ver.put("generation", v.generation());
        ver.put("major", v.major());
        ver.put("minor", v.minor());
        return self(n, "/api/cluster");
    }

    /** The cluster's one node, with its wall-clock time (the lab's clock) as ONTAP's {@code date} field. */
    private ObjectNode nodeJson() {
        ObjectNode n = SimState.JSON.createObjectNode();
        String name = state.clusterName + "-01";
        n.put("uuid", java.util.UUID.nameUUIDFromBytes((state.clusterUuid + "/node1").getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString());
        n.put("name", name);
        n.put("date", java.time.OffsetDateTime.ofInstant(time.now(), java.time.ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return self(n, "/api/cluster/nodes/" + n.path("uuid").asText());
    }

    private ObjectNode svmJson(SimState.Svm s) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", s.uuid);
        n.put("name", s.name);
        n.put("state", "running");
        n.put("subtype", "default");
        n.putObject("cifs").put("enabled", true);
        n.putObject("iscsi").put("enabled", true);
        return self(n, "/api/svm/svms/" + s.uuid);
    }

    private ObjectNode volumeJson(SimState.Vol v) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", v.uuid);
        n.put("name", v.name);
        n.set("svm", svmRef(v.svm));
        n.put("state", "online");
        n.put("type", "rw");
        n.put("style", "flexvol");
        n.put("size", v.size);
        n.put("create_time", fmt(Instant.parse(v.created)));
        n.put("snapshot_count", v.snapshots.size());
        n.putObject("nas").put("path", "/" + v.name);
        ObjectNode clone = n.putObject("clone");
        clone.put("is_flexclone", v.flexClone);
        if (v.flexClone) {
            state.volume(v.cloneParentVolume).ifPresent(p -> {
                clone.set("parent_volume", ref(p.name, p.uuid, "/api/storage/volumes/" + p.uuid));
                p.snapshots.stream().filter(x -> x.uuid.equals(v.cloneParentSnapshot)).findFirst().ifPresent(
                        x -> clone.set("parent_snapshot", ref(x.name, x.uuid, "/api/storage/volumes/" + p.uuid
                                + "/snapshots/" + x.uuid)));
                clone.set("parent_svm", svmRef(p.svm));
            });
        }
        clone.put("has_flexclone", state.volumes.stream().anyMatch(x -> v.uuid.equals(x.cloneParentVolume)));
        return self(n, "/api/storage/volumes/" + v.uuid);
    }

    private ObjectNode snapshotJson(SimState.Vol v, SimState.Snap s) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", s.uuid);
        n.put("name", s.name);
        n.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
        n.set("svm", svmRef(v.svm));
        n.put("create_time", fmt(Instant.parse(s.created)));
        if (s.comment != null) {
            n.put("comment", s.comment);
        }
        if (ontapVersion().atLeast(9, 8) && s.label != null) {
            n.put("snapmirror_label", s.label);
        }
        if (s.expiry != null) {
            n.put("expiry_time", fmt(Instant.parse(s.expiry)));
        }
        List<String> owners = state.owners(s);
        if (!owners.isEmpty()) {
            ArrayNode o = n.putArray("owners");
            owners.forEach(o::add);
        }
        n.put("state", s.state);
        if (ontapVersion().atLeast(9, 8)) {
            n.put("size", s.size);
        }
        return self(n, "/api/storage/volumes/" + v.uuid + "/snapshots/" + s.uuid);
    }

    private ObjectNode lunJson(SimState.Lun l) {
        SimState.Vol v = state.volume(l.volume).orElseThrow();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", l.uuid);
        n.put("name", l.name);
        n.set("svm", svmRef(l.svm));
        ObjectNode loc = n.putObject("location");
        loc.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
        loc.put("logical_unit", l.name.substring(l.name.lastIndexOf('/') + 1));
        n.put("serial_number", l.serial);
        n.put("os_type", l.osType);
        n.put("enabled", true);
        n.put("class", "regular");
        n.putObject("space").put("size", l.size).put("used", 0);
        boolean mapped = state.lunMaps.stream().anyMatch(m -> m.lun.equals(l.uuid));
        n.putObject("status").put("state", "online").put("mapped", mapped).put("read_only", false)
                .put("container_state", "online");
        n.put("create_time", fmt(Instant.parse(l.created)));
        return self(n, "/api/storage/luns/" + l.uuid);
    }

    private ObjectNode lunMapJson(SimState.LunMap m) {
        SimState.Lun l = state.luns.stream().filter(x -> x.uuid.equals(m.lun)).findFirst().orElseThrow();
        SimState.Igroup g = state.igroups.stream().filter(x -> x.uuid.equals(m.igroup)).findFirst().orElseThrow();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.set("lun", ref(l.name, l.uuid, "/api/storage/luns/" + l.uuid));
        n.set("igroup", ref(g.name, g.uuid, "/api/protocols/san/igroups/" + g.uuid));
        n.set("svm", svmRef(l.svm));
        n.put("logical_unit_number", m.lunId);
        return self(n, "/api/protocols/san/lun-maps/" + l.uuid + "/" + g.uuid);
    }

    private ObjectNode igroupJson(SimState.Igroup g) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", g.uuid);
        n.put("name", g.name);
        n.set("svm", svmRef(g.svm));
        n.put("os_type", g.osType);
        n.put("protocol", g.protocol);
        ArrayNode inits = n.putArray("initiators");
        for (String i : g.initiators) {
            inits.addObject().put("name", i);
        }
        return self(n, "/api/protocols/san/igroups/" + g.uuid);
    }

    private ObjectNode shareJson(SimState.Share s) {
        SimState.Vol v = state.volume(s.volume).orElseThrow();
        SimState.Svm svm = state.svm(s.svm).orElseThrow();
        ObjectNode n = SimState.JSON.createObjectNode();
        n.set("svm", svmRef(s.svm));
        n.put("name", s.name);
        n.put("path", s.path);
        n.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
        n.put("continuously_available", s.continuouslyAvailable);
        return self(n, "/api/protocols/cifs/shares/" + svm.uuid + "/" + s.name);
    }

    private ObjectNode cgJson(SimState.Cg cg) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", cg.uuid);
        n.put("name", cg.name);
        n.set("svm", svmRef(cg.svm));
        ArrayNode vols = n.putArray("volumes");
        for (String vu : cg.volumes) {
            state.volume(vu).ifPresent(v -> vols.add(ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid)));
        }
        return self(n, "/api/application/consistency-groups/" + cg.uuid);
    }

    private ObjectNode cgSnapshotJson(SimState.Cg cg, SimState.CgSnap cs) {
        ObjectNode n = SimState.JSON.createObjectNode();
        n.put("uuid", cs.uuid);
        n.put("name", cs.name);
        if (cs.comment != null) {
            n.put("comment", cs.comment);
        }
        if (cs.label != null) {
            n.put("snapmirror_label", cs.label);
        }
        n.put("consistency_type", cs.consistencyType == null ? "crash" : cs.consistencyType);
        n.put("create_time", fmt(Instant.parse(cs.created)));
        n.set("consistency_group", ref(cg.name, cg.uuid, "/api/application/consistency-groups/" + cg.uuid));
        n.set("svm", svmRef(cg.svm));
        ArrayNode members = n.putArray("snapshot_volumes");
        for (SimState.Member m : cs.members) {
            state.volume(m.volume).ifPresent(v -> {
                ObjectNode e = members.addObject();
                e.set("volume", ref(v.name, v.uuid, "/api/storage/volumes/" + v.uuid));
                v.snapshots.stream().filter(x -> x.uuid.equals(m.snapshot)).findFirst().ifPresent(x -> e.set("snapshot",
                        ref(x.name, x.uuid, "/api/storage/volumes/" + v.uuid + "/snapshots/" + x.uuid)));
            });
        }
        return self(n, "/api/application/consistency-groups/" + cg.uuid + "/snapshots/" + cs.uuid);
    }

    // ================================================================== volumes

    private SimState.Vol vol(String uuid) {
        return state.volume(uuid).orElseThrow(() -> new ApiError(404, "4", "entry doesn't exist", "volume.uuid"));
    }

    private CowVolumeStore store(SimState.Vol v) {
        return CowVolumeStore.open(lab.resolve(v.store));
    }

    private Res createVolume(Req r) {
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
        SimState.Svm svm = state.svm(svmName).orElseThrow(() -> new ApiError(404, "2621462",
                "The SVM \"" + svmName + "\" does not exist.", "svm.name"));
        JsonNode pv = clone.path("parent_volume");
        if (!pv.has("name") && !pv.has("uuid")) {
            throw new ApiError(400, "918246", "volume.clone.parent_volume.name or uuid must be provided",
                    "clone.parent_volume");
        }
        SimState.Vol parent = (pv.has("uuid") ? state.volume(pv.get("uuid").asText())
                : state.volumeByName(pv.get("name").asText())).orElseThrow(() -> new ApiError(404, "524601",
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
        return jobResponse(r, "POST /api/storage/volumes/" + name, () -> {
            if (state.volumeByName(name).isPresent()) {
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
                Path cloneRoot = lab.resolve(v.store);
                if (Files.exists(cloneRoot)) {
                    CowVolumeStore.open(cloneRoot).destroy(); // debris of an earlier clone of that name
                }
                store(parent).cloneSnapshot(snap.uuid, cloneRoot);
            } catch (IOException e) {
                throw new ApiError(500, "524597", "Failed to create the clone volume: " + e.getMessage());
            }
            state.volumes.add(v);
        }, true, null, "/api/storage/volumes/?name=" + name);
    }

    private Res deleteVolume(Req r, SimState.Vol v) {
        return jobResponse(r, "DELETE /api/storage/volumes/" + v.uuid, () -> {
            if (state.volumes.stream().anyMatch(x -> v.uuid.equals(x.cloneParentVolume))) {
                throw new ApiError(409, "524615", "Failed to delete volume because it has one or more clones.");
            }
            if (!v.flexClone) {
                throw new ApiError(400, "3", "The lab simulator deletes only FlexClone volumes; \"" + v.name
                        + "\" holds lab data");
            }
            if (state.cgOf(v.uuid).isPresent()) {
                throw new ApiError(409, "8", "The volume belongs to a consistency group");
            }
            try {
                store(v).destroy();
            } catch (IOException e) {
                throw new ApiError(500, "1", "cannot delete the clone's data: " + e.getMessage());
            }
            state.volumes.remove(v);
        }, false, null, "");
    }

    private Res patchVolume(Req r, SimState.Vol v) {
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
        if (path != null && !ontapVersion().atLeast(9, 10)) {
            throw new ApiError(400, "2", "Unexpected argument \"restore_to.path\".", "restore_to.path");
        }
        SimState.Snap snap = v.snapshots.stream().filter(s -> snapUuid != null ? s.uuid.equals(snapUuid)
                : s.name.equals(snapName)).findFirst().orElseThrow(() -> new ApiError(404, "1638600",
                "The snapshot does not exist.", "restore_to.snapshot.name"));
        return jobResponse(r, "PATCH /api/storage/volumes/" + v.uuid, () -> {
            if (!"valid".equals(snap.state)) {
                throw new ApiError(400, "524511", "Failed to restore snapshot \"" + snap.name + "\": it is not complete");
            }
            CowVolumeStore store = store(v);
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
                        if (!state.owners(n).isEmpty()) {
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

    private static String stripSlash(String p) {
        String s = p.replace('\\', '/');
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return s;
    }

    // ================================================================== snapshots

    private SimState.Snap snap(SimState.Vol v, String uuid) {
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

    private void validateLabel(JsonNode b) {
        if (b.has("snapmirror_label")) {
            if (!ontapVersion().atLeast(9, 8)) {
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

    private Res createSnapshot(Req r, SimState.Vol v) {
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
        rec.set("svm", svmRef(v.svm));
        rec.put("name", name);
        if (b.has("comment")) {
            rec.put("comment", b.get("comment").asText());
        }
        return jobResponse(r, "POST /api/storage/volumes/" + v.uuid + "/snapshots/?name=" + name, () -> {
            if (v.snapshots.stream().anyMatch(s -> s.name.equals(name))) {
                throw new ApiError(409, "525059", "A snapshot with the specified name already exists.", "name");
            }
            if (v.snapshots.size() >= state.snapshotLimit) {
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
            s.size = store(v).createSnapshot(s.uuid).totalBytes();
        } catch (IOException e) {
            throw new ApiError(500, "1638537", "Cannot determine status of the snapshot create: " + e.getMessage());
        }
        v.snapshots.add(s);
        return s;
    }

    private Res patchSnapshot(Req r, SimState.Vol v, SimState.Snap s) {
        JsonNode b = r.body();
        if (!b.isObject() || b.size() == 0) {
            throw new ApiError(400, "2", "Nothing to modify: give name, comment, snapmirror_label or expiry_time");
        }
        if (b.has("name")) {
            validateSnapshotName(b.get("name").asText(), "name");
        }
        validateLabel(b);
        Instant expiry = b.has("expiry_time") ? parseTime(b.get("expiry_time"), "expiry_time") : null;
        return jobResponse(r, "PATCH /api/storage/volumes/" + v.uuid + "/snapshots/" + s.uuid, () -> {
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

    private Res deleteSnapshot(Req r, SimState.Vol v, SimState.Snap s) {
        return jobResponse(r, "DELETE /api/storage/volumes/" + v.uuid + "/snapshots/" + s.uuid, () -> {
            if (!state.owners(s).isEmpty()) {
                throw new ApiError(409, "1638543", "Failed to delete snapshot \"" + s.name
                        + "\" because it has an owner: " + state.owners(s));
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

    private void removeSnapshot(SimState.Vol v, SimState.Snap s) {
        try {
            // A delete interrupted after the data went but before the state was saved (a killed process)
            // is finished now, as ONTAP completes an interrupted delete: the data is already gone.
            if (store(v).snapshot(s.uuid).isPresent()) {
                store(v).deleteSnapshot(s.uuid);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ApiError(500, "1638538", "Cannot determine status of the delete: " + e.getMessage());
        }
        v.snapshots.remove(s);
    }

    /** A member snapshot deleted on its own makes its CG snapshot incomplete; it stays, minus that member. */
    private void forgetCgMember(String volumeUuid, String snapshotUuid) {
        for (SimState.Cg cg : state.cgs) {
            for (SimState.CgSnap cs : cg.snapshots) {
                cs.members.removeIf(m -> m.volume.equals(volumeUuid) && m.snapshot.equals(snapshotUuid));
            }
        }
    }

    private boolean fenced(String volumeUuid) {
        return state.cgOf(volumeUuid).map(cg -> cg.snapshots.stream().anyMatch(cs -> cs.commitDeadline > 0))
                .orElse(false);
    }

    // ================================================================== consistency groups

    private Res createCg(Req r) {
        JsonNode b = r.body();
        String name = b.path("name").asText("");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]{0,202}")) {
            throw new ApiError(400, "2", "Invalid consistency group name \"" + name + "\"", "name");
        }
        String svmName = b.path("svm").path("name").asText("");
        SimState.Svm svm = state.svm(svmName).orElseThrow(() -> new ApiError(404, "2621462",
                "The SVM \"" + svmName + "\" does not exist.", "svm.name"));
        List<SimState.Vol> members = new ArrayList<>();
        for (JsonNode vn : b.path("volumes")) {
            String action = vn.path("provisioning_options").path("action").asText("add");
            if (!action.equals("add")) {
                throw new ApiError(400, "3", "The lab simulator builds consistency groups from existing volumes"
                        + " only (provisioning_options.action=add)", "volumes.provisioning_options.action");
            }
            String vname = vn.path("name").asText("");
            members.add(state.volumeByName(vname).orElseThrow(() -> new ApiError(404, "917927",
                    "The specified volume \"" + vname + "\" was not found.", "volumes.name")));
        }
        if (members.isEmpty()) {
            throw new ApiError(400, "2", "A consistency group needs at least one volume", "volumes");
        }
        return jobResponse(r, "POST /api/application/consistency-groups", () -> {
            if (state.cgs.stream().anyMatch(c -> c.name.equals(name))) {
                throw new ApiError(409, "1", "A consistency group named \"" + name + "\" already exists", "name");
            }
            for (SimState.Vol v : members) {
                if (state.cgOf(v.uuid).isPresent()) {
                    throw new ApiError(409, "53411865", "Volume \"" + v.name + "\" is already in consistency group \""
                            + state.cgOf(v.uuid).get().name + "\"; volumes in one consistency group cannot be added"
                            + " to a different one.", "volumes");
                }
            }
            SimState.Cg cg = new SimState.Cg();
            cg.uuid = UUID.randomUUID().toString();
            cg.name = name;
            cg.svm = svm.name;
            members.forEach(v -> cg.volumes.add(v.uuid));
            state.cgs.add(cg);
        }, true, null, "");
    }

    private Res createCgSnapshot(Req r, SimState.Cg cg) {
        JsonNode b = r.body();
        String name = b.path("name").asText("");
        validateSnapshotName(name, "name");
        validateLabel(b);
        String action = r.q("action");
        boolean twoPhase = "start".equals(action);
        if (action != null && !twoPhase) {
            throw new ApiError(400, "2", "Invalid value \"" + action + "\" for action on POST (use start)", "action");
        }
        int actionTimeout = 7;
        if (twoPhase) {
            if (!ontapVersion().hasTwoPhaseCgSnapshots()) {
                throw new ApiError(400, "2", "Unexpected argument \"action\": two-phase snapshots need ONTAP 9.11",
                        "action");
            }
            actionTimeout = parseInt(r.q("action_timeout", "7"), "action_timeout");
            int min = ontapVersion().atLeast(9, 14) ? 5 : 1;
            int max = ontapVersion().atLeast(9, 14) ? 120 : 90;
            if (actionTimeout < min || actionTimeout > max) {
                throw new ApiError(400, "2", "action_timeout must be between " + min + " and " + max + " seconds",
                        "action_timeout");
            }
        } else if (r.q("action_timeout") != null) {
            throw new ApiError(400, "2", "action_timeout is valid only with action=start", "action_timeout");
        }
        long deadline = twoPhase ? time.now().toEpochMilli() + actionTimeout * 1000L : 0;
        return jobResponse(r, "POST /api/application/consistency-groups/" + cg.uuid + "/snapshots", () -> {
            if (cg.snapshots.stream().anyMatch(s -> s.name.equals(name))) {
                throw new ApiError(409, "53411921", "Failed to create snapshot \"" + name
                        + "\" for consistency group \"" + cg.name + "\": a snapshot of that name exists.", "name");
            }
            if (cg.snapshots.stream().anyMatch(s -> s.commitDeadline > 0)) {
                throw new ApiError(409, "53411918", "Snapshot operation not permitted: another two-phase snapshot"
                        + " is in progress for the consistency group.");
            }
            for (String vu : cg.volumes) {
                SimState.Vol v = state.volume(vu).orElseThrow();
                if (v.snapshots.stream().anyMatch(s -> s.name.equals(name))) {
                    throw new ApiError(409, "53411921", "Failed to create snapshot for consistency group: volume \""
                            + v.name + "\" already has a snapshot named \"" + name + "\".");
                }
                if (v.snapshots.size() >= state.snapshotLimit) {
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

    private Res patchCgSnapshot(Req r, SimState.Cg cg, SimState.CgSnap cs) {
        if (!"commit".equals(r.q("action"))) {
            throw new ApiError(400, "3", "The lab simulator supports only action=commit on a CG snapshot PATCH",
                    "action");
        }
        if (!ontapVersion().hasTwoPhaseCgSnapshots()) {
            throw new ApiError(400, "2", "Unexpected argument \"action\".", "action");
        }
        if (cs.commitDeadline == 0) {
            throw new ApiError(400, "53411925", "Failed to find a previously initiated two-phase snapshot operation"
                    + " for consistency group \"" + cg.name + "\".");
        }
        cs.commitDeadline = 0;
        takeMembers(cg, cs);
        persist();
        return new Res(200, SimState.JSON.createObjectNode(), "");
    }

    /**
     * Snapshots every member volume's store, in parallel (the stores are independent and each snapshot
     * is one durable write), then records them; if any store fails, the others are removed again.
     */
    private void takeMembers(SimState.Cg cg, SimState.CgSnap cs) {
        List<SimState.Vol> vols = cg.volumes.stream().map(vu -> state.volume(vu).orElseThrow()).toList();
        List<String> ids = vols.stream().map(v -> UUID.randomUUID().toString()).toList();
        List<java.util.concurrent.Future<Long>> sizes = new ArrayList<>();
        for (int i = 0; i < vols.size(); i++) {
            SimState.Vol v = vols.get(i);
            String id = ids.get(i);
            sizes.add(storeIo.submit(() -> store(v).createSnapshot(id).totalBytes()));
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
                        store(vols.get(i)).deleteSnapshot(ids.get(i));
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

    private void deleteCgSnapshot(SimState.Cg cg, SimState.CgSnap cs) {
        for (SimState.Member m : cs.members) {
            SimState.Vol v = state.volume(m.volume).orElse(null);
            SimState.Snap s = v == null ? null : v.snapshots.stream().filter(x -> x.uuid.equals(m.snapshot))
                    .findFirst().orElse(null);
            if (s != null && !state.owners(s).isEmpty()) {
                throw new ApiError(409, "1638543", "Failed to delete snapshot \"" + s.name + "\" of volume \"" + v.name
                        + "\" because it has an owner: " + state.owners(s));
            }
        }
        removeMembers(cs);
        cg.snapshots.remove(cs);
    }

    private void removeMembers(SimState.CgSnap cs) {
        for (SimState.Member m : cs.members) {
            state.volume(m.volume).ifPresent(v -> v.snapshots.stream().filter(s -> s.uuid.equals(m.snapshot))
                    .findFirst().ifPresent(s -> removeSnapshot(v, s)));
        }
    }

    // ================================================================== TLS

    private static SSLContext sslContext(Path lab) throws IOException {
        Path tls = OntapLab.dir(lab).resolve("tls");
        try {
            char[] pass = Files.readString(tls.resolve("keystore-pass")).trim().toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(tls.resolve("server.p12"))) {
                ks.load(in, pass);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pass);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot load the simulator's TLS key store in " + tls + ": " + e.getMessage(), e);
        }
    }

    /** For tests: SHA-256 of a DER certificate. */
    static String sha256(byte[] der) throws GeneralSecurityException {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    Map<String, Object> debugCounts() {
        Map<String, Object> m = new HashMap<>();
        m.put("jobs", jobs.size());
        m.put("calls", calls.get());
        return m;
    }

    Optional<String> jobState(String uuid) {
        return Optional.ofNullable(jobs.get(uuid)).map(j -> j.state);
    }
}
