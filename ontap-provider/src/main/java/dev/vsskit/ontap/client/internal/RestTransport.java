package dev.vsskit.ontap.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.OntapConnection;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.ontap.client.TlsTrust;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One HTTPS connection pool to one cluster: sends a request, turns transport failures and ONTAP error
 * bodies into {@link OntapException}s of the right kind, and retries what is safe to retry.
 */
public final class RestTransport {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** A response: status, Location header (or ""), JSON body (NullNode when empty). */
    public record Response(int status, String location, JsonNode body) {
    }

    private final OntapConnection connection;
    private final OntapClientListener listener;
    private final OntapClient.Sleeper sleeper;
    private final HttpClient http;
    private final URI base;
    private volatile String authorization;

    public RestTransport(OntapConnection connection, OntapClientListener listener, OntapClient.Sleeper sleeper) {
        this.connection = connection;
        this.listener = listener;
        this.sleeper = sleeper;
        String a = connection.address().toString();
        this.base = URI.create(a.endsWith("/") ? a.substring(0, a.length() - 1) : a);
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connection.connectTimeout())
                .sslContext(TlsContexts.forTrust(connection.trust()))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        if (connection.trust() instanceof TlsTrust.Insecure) {
            listener.warning("TLS certificate verification is OFF for " + base
                    + ": anyone on the network path can read the ONTAP password; give a CA or pin the certificate");
        }
    }

    public URI base() {
        return base;
    }

    public OntapClientListener listener() {
        return listener;
    }

    public OntapClient.Sleeper sleeper() {
        return sleeper;
    }

    public OntapConnection connection() {
        return connection;
    }

    /** GET with bounded retries on transient failures. */
    public Response get(String pathAndQuery) {
        return withRetries("GET " + pathOnly(pathAndQuery), () -> send("GET", pathAndQuery, null, null));
    }

    /** Runs {@code call}, retrying failures that {@link #retriable} accepts, within the retry policy. */
    public <T> T withRetries(String what, Supplier<T> call) {
        int attempt = 1;
        while (true) {
            try {
                return call.get();
            } catch (OntapException e) {
                if (!retriable(e) || attempt >= connection.retry().maxAttempts()) {
                    throw e;
                }
                long delay = connection.retry().delayMillis(attempt);
                listener.retrying(what, attempt, delay, e);
                pause(delay);
                attempt++;
            }
        }
    }

    public void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new OntapException(OntapErrorKind.TIMEOUT, 0, "", "interrupted", "", "", ie);
        }
    }

    /** Transient failures: the retryable rows of vsskit's one table ({@link dev.vsskit.vss.FailureClasses}). */
    public static boolean retriable(OntapException e) {
        // a job that did not end in time is not repeated at once; the backup as a whole may be (exit 4)
        return e.kind() != dev.vsskit.ontap.client.OntapErrorKind.JOB_TIMEOUT && dev.vsskit.vss.FailureClasses.retryable(e);
    }

    /** One attempt; {@code timeout} overrides the connection's request timeout when not null. */
    public Response send(String method, String pathAndQuery, JsonNode body, Duration timeout) {
        String request = method + " " + pathOnly(pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(pathAndQuery))
                .timeout(timeout == null ? connection.requestTimeout() : timeout)
                .header("Accept", "application/hal+json")
                .header("Authorization", authorization());
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(writeJson(body)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<byte[]> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new OntapException(OntapErrorKind.TIMEOUT, 0, "", "connect timed out after "
                    + connection.connectTimeout().toMillis() + " ms", "", request, e);
        } catch (HttpTimeoutException e) {
            throw new OntapException(OntapErrorKind.TIMEOUT, 0, "", "request timed out after "
                    + (timeout == null ? connection.requestTimeout() : timeout).toMillis() + " ms", "", request, e);
        } catch (ConnectException e) {
            throw new OntapException(OntapErrorKind.CONNECTION_REFUSED, 0, "", e.getMessage(), "", request, e);
        } catch (SSLHandshakeException e) {
            throw new OntapException(OntapErrorKind.TLS, 0, "", rootMessage(e), "", request, e);
        } catch (SSLException e) {
            // a peer closing the socket mid-handshake surfaces as an SSLException too
            throw new OntapException(OntapErrorKind.CONNECTION_RESET, 0, "", rootMessage(e), "", request, e);
        } catch (IOException e) {
            if (hasCause(e, ConnectException.class)) {
                throw new OntapException(OntapErrorKind.CONNECTION_REFUSED, 0, "", rootMessage(e), "", request, e);
            }
            throw new OntapException(OntapErrorKind.CONNECTION_RESET, 0, "", rootMessage(e), "", request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OntapException(OntapErrorKind.TIMEOUT, 0, "", "interrupted", "", request, e);
        }
        int status = resp.statusCode();
        JsonNode json = parse(resp.body(), status, request);
        if (status >= 200 && status < 300) {
            return new Response(status, resp.headers().firstValue("Location").orElse(""), json);
        }
        JsonNode err = json.path("error");
        if (status == 401) {
            throw new OntapException(OntapErrorKind.AUTHENTICATION, 401, err.path("code").asText(""),
                    err.path("message").asText(""), "", request, null);
        }
        if (err.isObject()) {
            throw new OntapException(OntapErrorKind.API_ERROR, status, err.path("code").asText(""),
                    err.path("message").asText(""), err.path("target").asText(""), request, null);
        }
        if (status >= 500) {
            throw new OntapException(OntapErrorKind.SERVER_ERROR, status, "", "", "", request, null);
        }
        throw new OntapException(OntapErrorKind.PROTOCOL, status, "", "HTTP " + status + " without an error body", "",
                request, null);
    }

    private static JsonNode parse(byte[] body, int status, String request) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            if (status >= 500) {
                return NullNode.getInstance(); // an HTML error page from a proxy
            }
            throw new OntapException(OntapErrorKind.PROTOCOL, status, "", "the body is not JSON: " + e.getMessage(),
                    "", request, e);
        }
    }

    private static byte[] writeJson(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Basic credentials, read once from the password source; the password array is wiped. */
    private String authorization() {
        String a = authorization;
        if (a == null) {
            synchronized (this) {
                if (authorization == null) {
                    char[] pw = connection.password().password();
                    try {
                        char[] joined = new char[connection.user().length() + 1 + pw.length];
                        connection.user().getChars(0, connection.user().length(), joined, 0);
                        joined[connection.user().length()] = ':';
                        System.arraycopy(pw, 0, joined, connection.user().length() + 1, pw.length);
                        var bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(joined));
                        byte[] raw = new byte[bytes.remaining()];
                        bytes.get(raw);
                        authorization = "Basic " + Base64.getEncoder().encodeToString(raw);
                        Arrays.fill(joined, '\0');
                        Arrays.fill(raw, (byte) 0);
                    } finally {
                        Arrays.fill(pw, '\0');
                    }
                }
                a = authorization;
            }
        }
        return a;
    }

    /** All records of a collection, following {@code _links.next} until the end. */
    public List<JsonNode> collection(String path, String query) {
        List<JsonNode> out = new ArrayList<>();
        String next = path + query;
        int pages = 0;
        while (next != null) {
            JsonNode page = get(next).body();
            for (JsonNode r : page.path("records")) {
                out.add(r);
            }
            String href = page.path("_links").path("next").path("href").asText("");
            next = href.isEmpty() ? null : href;
            if (++pages > 100_000) {
                throw new OntapException(OntapErrorKind.PROTOCOL, 200, "", "paging does not end", "", "GET " + path,
                        null);
            }
        }
        return out;
    }

    /** Builds {@code ?k=v&k2=v2} with values URL-encoded; pairs with empty values are skipped. */
    public static String query(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return query(m);
    }

    /** Builds {@code ?k=v&k2=v2} from a map, the same way. */
    public static String query(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null || e.getValue().isEmpty()) {
                continue;
            }
            sb.append(sb.length() == 0 ? '?' : '&').append(e.getKey()).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8).replace("%2C", ",")
                            .replace("%2A", "*").replace("+", "%20"));
        }
        return sb.toString();
    }

    public static String pathOnly(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        return q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    @Override
    public String toString() {
        return "RestTransport[" + base + ", user " + connection.user() + "]";
    }
}
