package dev.vsskit.ontap.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach a cluster: the management address ({@code https://host[:port]}), the user, where
 * the password comes from, how the certificate is trusted, timeouts and the retry policy.
 * {@link #toString()} never shows the password (it does not hold it).
 */
public record OntapConnection(URI address, String user, PasswordSource password, TlsTrust trust,
        Duration connectTimeout, Duration requestTimeout, Duration jobTimeout, RetryPolicy retry) {

    public OntapConnection {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(jobTimeout, "jobTimeout");
        Objects.requireNonNull(retry, "retry");
        if (!"https".equalsIgnoreCase(address.getScheme())) {
            throw new IllegalArgumentException("the ONTAP address must start with https:// (got " + address + ")");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("the ONTAP user is empty; set it in the configuration");
        }
    }

    public static OntapConnection of(URI address, String user, PasswordSource password, TlsTrust trust) {
        return new OntapConnection(address, user, password, trust, Duration.ofSeconds(10), Duration.ofSeconds(30),
                Duration.ofSeconds(120), RetryPolicy.DEFAULT);
    }

    public OntapConnection withTimeouts(Duration connect, Duration request, Duration job) {
        return new OntapConnection(address, user, password, trust, connect, request, job, retry);
    }

    public OntapConnection withRetry(RetryPolicy policy) {
        return new OntapConnection(address, user, password, trust, connectTimeout, requestTimeout, jobTimeout, policy);
    }
}
