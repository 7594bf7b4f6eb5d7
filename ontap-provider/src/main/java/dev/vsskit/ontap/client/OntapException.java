package dev.vsskit.ontap.client;

import dev.vsskit.vss.FailureClasses;
import java.util.Objects;

/**
 * A failed ONTAP call: the kind of failure, the HTTP status (0 when there was no response), ONTAP's
 * error {@code code}, {@code message} and {@code target} when it sent an error body, and the request
 * ({@code METHOD /api/path}). Never carries credentials.
 */
public final class OntapException extends RuntimeException implements FailureClasses.Coded {
    private static final long serialVersionUID = 1L;

    private final OntapErrorKind kind;
    private final int httpStatus;
    private final String code;
    private final String ontapMessage;
    private final String target;
    private final String request;

    public OntapException(OntapErrorKind kind, int httpStatus, String code, String ontapMessage, String target,
            String request, Throwable cause) {
        super(describe(kind, httpStatus, code, ontapMessage, target, request), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.httpStatus = httpStatus;
        this.code = code == null ? "" : code;
        this.ontapMessage = ontapMessage == null ? "" : ontapMessage;
        this.target = target == null ? "" : target;
        this.request = request == null ? "" : request;
    }

    public static OntapException api(int status, String code, String message, String target, String request) {
        return new OntapException(OntapErrorKind.API_ERROR, status, code, message, target, request, null);
    }

    public OntapErrorKind kind() {
        return kind;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** ONTAP's error code as it sent it (a decimal string), or "". */
    public String code() {
        return code;
    }

    public boolean hasCode(String c) {
        return code.equals(c);
    }

    public String ontapMessage() {
        return ontapMessage;
    }

    public String target() {
        return target;
    }

    public String request() {
        return request;
    }

    /** Its row in vsskit's failure table: an ONTAP error code when ONTAP sent one, else the HTTP status or I/O condition. */
    @Override
    public FailureClasses.Source failureSource() {
        return switch (kind) {
            case CONNECTION_REFUSED, CONNECTION_RESET, TIMEOUT, JOB_TIMEOUT, TLS -> FailureClasses.Source.IO;
            case API_ERROR, JOB_FAILED, PROTOCOL -> byStatus() ? FailureClasses.Source.HTTP : FailureClasses.Source.ONTAP;
            case SERVER_ERROR, AUTHENTICATION -> FailureClasses.Source.HTTP;
        };
    }

    @Override
    public String failureCode() {
        return switch (kind) {
            case CONNECTION_REFUSED -> FailureClasses.CONNECTION_REFUSED;
            case CONNECTION_RESET -> FailureClasses.CONNECTION_RESET;
            case TIMEOUT, JOB_TIMEOUT -> FailureClasses.TIMEOUT;
            case TLS -> FailureClasses.TLS;
            case API_ERROR, JOB_FAILED, PROTOCOL -> byStatus() ? Integer.toString(httpStatus) : code;
            case SERVER_ERROR, AUTHENTICATION -> Integer.toString(httpStatus);
        };
    }

    /** Classed by HTTP status: no ONTAP code, or a code vsskit does not know on a 502/503/504 (busy: retried). */
    private boolean byStatus() {
        return httpStatus > 0 && (code.isEmpty()
                || (httpStatus >= 502 && FailureClasses.rule(FailureClasses.Source.ONTAP, code).isEmpty()));
    }

    private static String describe(OntapErrorKind kind, int status, String code, String message, String target,
            String request) {
        String where = request == null || request.isEmpty() ? "" : request + ": ";
        return switch (kind) {
            case API_ERROR, JOB_FAILED -> {
                String known = OntapErrors.explain(code);
                StringBuilder sb = new StringBuilder(where);
                sb.append(kind == OntapErrorKind.JOB_FAILED ? "ONTAP job failed" : "ONTAP error");
                if (status > 0) {
                    sb.append(" (HTTP ").append(status).append(')');
                }
                if (code != null && !code.isEmpty()) {
                    sb.append(" code ").append(code);
                }
                sb.append(": ").append(message == null || message.isEmpty() ? "(no message)" : message);
                if (target != null && !target.isEmpty()) {
                    sb.append(" [target ").append(target).append(']');
                }
                if (!known.isEmpty()) {
                    sb.append(" — ").append(known);
                }
                yield sb.toString();
            }
            case AUTHENTICATION -> where + "ONTAP refused the credentials (HTTP 401): check the user name and the"
                    + " password source (environment variable, credential file or prompt)";
            case SERVER_ERROR -> where + "ONTAP or a proxy answered HTTP " + status + " without an ONTAP error body"
                    + (message == null || message.isEmpty() ? "" : " (" + message + ")")
                    + "; the cluster may be busy or restarting: retry later";
            case CONNECTION_REFUSED -> where + "connection refused: nothing listens at the cluster address;"
                    + " check the address and port and that the management LIF is up";
            case CONNECTION_RESET -> where + "the connection was reset before ONTAP answered"
                    + (message == null || message.isEmpty() ? "" : " (" + message + ")");
            case TIMEOUT -> where + "no answer from ONTAP within the timeout"
                    + (message == null || message.isEmpty() ? "" : " (" + message + ")")
                    + "; the cluster may be overloaded or the network drops packets";
            case TLS -> where + "TLS handshake failed: " + message
                    + "; give the cluster's CA (ca-file) or pin its certificate (pinned-sha256)";
            case JOB_TIMEOUT -> where + "ONTAP job did not finish in time: " + message;
            case PROTOCOL -> where + "unexpected response from ONTAP (HTTP " + status + "): " + message;
        };
    }
}
