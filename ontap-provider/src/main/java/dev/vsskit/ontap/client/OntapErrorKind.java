package dev.vsskit.ontap.client;

/** Why a call to ONTAP failed; messages and retry decisions depend on it. */
public enum OntapErrorKind {
    /** ONTAP answered with an error body (code, message, target). */
    API_ERROR,
    /** 401: the user name or password is wrong. */
    AUTHENTICATION,
    /** A 5xx without an ONTAP error body (a proxy or an overloaded node). */
    SERVER_ERROR,
    /** Nothing listens at the address (connection refused). */
    CONNECTION_REFUSED,
    /** The connection was reset or closed before a full response arrived. */
    CONNECTION_RESET,
    /** No response within the request timeout. */
    TIMEOUT,
    /** The TLS handshake failed: untrusted or mismatched certificate. */
    TLS,
    /** A background job ended in failure. */
    JOB_FAILED,
    /** A background job did not end before the deadline. */
    JOB_TIMEOUT,
    /** The response could not be understood. */
    PROTOCOL
}
