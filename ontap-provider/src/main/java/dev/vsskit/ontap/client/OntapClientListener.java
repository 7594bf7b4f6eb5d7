package dev.vsskit.ontap.client;

/** What the client reports to its caller instead of printing: warnings and retries. */
public interface OntapClientListener {

    /** Something the user should know, e.g. that TLS verification is off. */
    default void warning(String message) {
    }

    /** A call failed in a way that is safe to retry, and will be retried after {@code delayMillis}. */
    default void retrying(String request, int attempt, long delayMillis, OntapException cause) {
    }

    OntapClientListener NONE = new OntapClientListener() {
    };
}
