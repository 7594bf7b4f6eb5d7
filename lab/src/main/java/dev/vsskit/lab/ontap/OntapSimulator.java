package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.vsskit.ontap.client.PasswordSource;
import dev.vsskit.vss.io.AtomicFiles;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The lab's ONTAP REST simulator: the subset of {@code /api} vsskit uses, served over HTTPS on
 * 127.0.0.1 with the lab's self-signed certificate and Basic auth. Behaves as ONTAP documents: 202 + jobs
 * ({@link SimJobs}), {@code return_timeout}, {@code fields}, {@code max_records} with {@code _links.next},
 * {@code return_records}, query filters ({@link RestQuery}), ONTAP error codes and statuses, the
 * 1023-snapshot limit, busy snapshots under clones ({@link SimVolumes}), consistency groups (9.10+) and
 * two-phase CG snapshots (9.11+) with their write-fence timeout ({@link SimConsistencyGroups}). Knobs
 * ({@link SimFaults}) add latency and faults. This class is the server: TLS, auth, parsing, faults, and
 * the requests, each on a thread of its own (a hung call holds up no other), changing the cluster state one
 * request at a time ({@link SimCluster}), which every simulator of the lab (one per process) shares through
 * {@code <lab>/ontap/state.json}.
 */
public final class OntapSimulator implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle on, delayed ACKs add ~40 ms per call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public static final int MAX_SNAPSHOTS = 1023;
    /** How long a hung call hangs at most (the simulator closing ends it sooner). */
    static final java.time.Duration HANG_LIMIT = java.time.Duration.ofMinutes(10);

    private final Path lab;
    private final SimTime time;
    private final SimCluster cluster;
    private final SimFaults faults;
    private final SimJobs jobs;
    private final SimConsistencyGroups cgs;
    private final SimRoutes routes;
    private final HttpsServer server;
    private final ExecutorService executor;
    private final String expectedAuthorization;
    private final AtomicLong calls = new AtomicLong();
    private final CountDownLatch stopping = new CountDownLatch(1);

    /** One request and the simulator's answer, as recorded for conformance checks. */
    public record Exchange(String method, String path, Map<String, String> query, JsonNode requestBody, int status,
            JsonNode responseBody) {
    }

    private volatile Consumer<Exchange> recorder = x -> { };

    /** Sees every answered request (tests validate them against the OpenAPI spec). */
    public void setRecorder(Consumer<Exchange> r) {
        recorder = r == null ? x -> { } : r;
    }

    private OntapSimulator(Path lab, int port, SimTime time) throws IOException {
        this.lab = lab;
        this.time = time;
        if (!OntapLab.initialized(lab)) {
            throw new IllegalStateException("the lab " + lab + " has no ONTAP state; run: vsskit lab init");
        }
        this.cluster = new SimCluster(lab, time);
        this.faults = new SimFaults(lab);
        this.jobs = new SimJobs(cluster, faults);
        SimViews views = new SimViews(cluster);
        SimVolumes volumes = new SimVolumes(cluster, jobs, views);
        this.cgs = new SimConsistencyGroups(cluster, jobs, volumes);
        this.routes = new SimRoutes(cluster, jobs, views, volumes, cgs);
        var cred = new PasswordSource.CredentialFile(OntapLab.credentialsFile(lab));
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
        try {
            AtomicFiles.writeString(OntapLab.addressFile(lab), sim.address() + "\n");
        } catch (IOException e) {
            // only `vsskit ontap` verbs look for a running simulator there; on a full disk they start their own
        }
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
        faults.set(k);
    }

    /** The version the simulated cluster reports. */
    public String version() {
        return cluster.locked(() -> cluster.state().version);
    }

    /** Changes the reported version at run time (tests of both provider paths). */
    public void setVersion(String version) {
        dev.vsskit.ontap.client.OntapVersion.parse(version);
        cluster.locked(() -> {
            cluster.state().version = version;
            cluster.persist();
            return null;
        });
    }

    @Override
    public void close() {
        stopping.countDown();
        server.stop(0);
        executor.shutdownNow();
        cgs.close();
        try {
            Files.deleteIfExists(OntapLab.addressFile(lab));
        } catch (IOException e) {
            // the next start rewrites it
        }
    }

    // ================================================================== HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            SimRequest req;
            try {
                req = parse(ex);
            } catch (ApiError e) {
                send(ex, new SimResponse(e.status, error(e), ""));
                return;
            }
            calls.incrementAndGet();
            if (!expectedAuthorization.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, req, new SimResponse(401, error(new ApiError(401, "6691623",
                        "User is not authorized")), ""));
                return;
            }
            SimFault fault = faults.pick(req);
            SimKnobs k = faults.knobs();
            if (k.latencyMs() > 0) {
                time.sleep(k.latencyMs());
            }
            if (fault != null) {
                switch (fault.action()) {
                    case HANG -> {
                        hang();
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
                            send(ex, req, new SimResponse(fault.status(), error(new ApiError(fault.status(),
                                    fault.code(), fault.message().isEmpty() ? "injected failure" : fault.message())), ""));
                        }
                        return;
                    }
                    case RESET_AFTER, HANG_AFTER -> { }
                }
            }
            SimResponse res;
            try {
                res = cluster.locked(() -> {
                    jobs.expire();
                    cgs.expireFences();
                    return routes.route(req);
                });
            } catch (ApiError e) {
                res = new SimResponse(e.status, error(e), "");
            } catch (RuntimeException e) {
                res = new SimResponse(500, error(new ApiError(500, "1", "internal error: " + e.getMessage())), "");
            }
            if (fault != null && fault.action() == SimFault.Action.RESET_AFTER) {
                return; // the change happened; the client never hears of it
            }
            if (fault != null && fault.action() == SimFault.Action.HANG_AFTER) {
                hang(); // the change happened; the answer never comes
                return;
            }
            send(ex, req, res);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A hung call: this exchange's thread waits, outside the cluster lock, until the simulator closes (at most
     * {@link #HANG_LIMIT}); the server's other threads go on serving every other call, so a client that gives
     * up and retries, or aborts, is answered.
     */
    private void hang() throws InterruptedException {
        stopping.await(HANG_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private SimRequest parse(HttpExchange ex) throws IOException {
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
        return new SimRequest(ex.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(), raw, q, body);
    }

    private void send(HttpExchange ex, SimRequest req, SimResponse res) throws IOException {
        recorder.accept(new Exchange(req.method(), req.path(), req.query(), req.body(), res.status(),
                res.body() == null ? SimState.JSON.createObjectNode() : res.body()));
        send(ex, res);
    }

    private static void send(HttpExchange ex, SimResponse res) throws IOException {
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
        m.put("jobs", jobs.count());
        m.put("calls", calls.get());
        return m;
    }

    Optional<String> jobState(String uuid) {
        return jobs.state(uuid);
    }
}
