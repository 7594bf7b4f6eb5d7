package dev.vsskit.vss;

import java.util.List;
import java.util.Optional;

/**
 * The one table of failures vsskit meets, each classed retryable or not: VSS HRESULTs, ONTAP error codes,
 * HTTP statuses and I/O conditions. The backup's retry loop, the ONTAP client's call retries and the exit
 * code (4 TRANSIENT) all read it; docs/exit-codes.md prints it (a test keeps the two equal). A failure
 * that is not in the table is not retried.
 */
public final class FailureClasses {

    /** Where a failure's code comes from. */
    public enum Source { HRESULT, ONTAP, HTTP, IO, HYPERV }

    /** One row: the code (an HRESULT name, an ONTAP error code, an HTTP status, an I/O condition). */
    public record Rule(Source source, String code, boolean retryable, String meaning) {
    }

    /** A failure that knows its code in this table (an ONTAP client error, a lab condition). */
    public interface Coded {
        Source failureSource();

        String failureCode();
    }

    /** I/O conditions (the code of {@link Source#IO} rows). */
    public static final String CONNECTION_REFUSED = "connection refused";
    public static final String CONNECTION_RESET = "connection reset";
    public static final String TIMEOUT = "no answer in time";
    public static final String TLS = "TLS handshake failed";
    public static final String DISK_FULL = "disk full";
    public static final String LAB_BUSY = "lab busy";

    public static final List<Rule> TABLE = List.of(
            hr(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS, true, "another shadow copy set is being created on the host"),
            hr(HResult.VSS_E_HOLD_WRITES_TIMEOUT, true, "the commit took over 10 s (provider event 4364)"),
            hr(HResult.VSS_E_FLUSH_WRITES_TIMEOUT, true, "the file system could not flush in time"),
            hr(HResult.VSS_E_WRITERERROR_RETRYABLE, true, "a writer failed in a way worth another try"),
            hr(HResult.VSS_E_WRITERERROR_TIMEOUT, true, "a writer did not answer in time (freeze window)"),
            hr(HResult.VSS_E_WRITERERROR_OUTOFRESOURCES, true, "a writer ran out of memory or handles"),
            hr(HResult.VSS_E_PROVIDER_VETO, false, "the provider refused; retried only when its cause is retryable"),
            hr(HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR, false, "the provider failed; retried only when its cause is"
                    + " retryable"),
            hr(HResult.VSS_E_WRITERERROR_NONRETRYABLE, false, "a writer failed for good"),
            hr(HResult.VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT, false, "a writer found the snapshot inconsistent"),
            hr(HResult.VSS_E_WRITER_NOT_RESPONDING, true, "a writer did not answer (its service may be restarting)"),
            hr(HResult.VSS_E_OBJECT_NOT_FOUND, false, "no such shadow copy, writer or component"),
            hr(HResult.VSS_E_OBJECT_ALREADY_EXISTS, false, "the name or volume is taken"),
            hr(HResult.VSS_E_VOLUME_NOT_SUPPORTED, false, "no provider supports the volume"),
            hr(HResult.VSS_E_VOLUME_NOT_SUPPORTED_BY_PROVIDER, false, "the chosen provider does not support the volume"),
            hr(HResult.VSS_E_INSUFFICIENT_STORAGE, false, "no room for the shadow copy (diff area or volume full)"),
            hr(HResult.VSS_E_MAXIMUM_NUMBER_OF_SNAPSHOTS_REACHED, false, "the volume has the most shadow copies it"
                    + " may have"),
            hr(HResult.VSS_E_BAD_STATE, false, "a call out of order"),
            new Rule(Source.ONTAP, "53411918", true, "another two-phase snapshot is in progress for the consistency"
                    + " group (a killed run's fence times out within its action_timeout)"),
            new Rule(Source.ONTAP, "524481", true, "the volume is locked or fenced by a consistency-group snapshot"),
            new Rule(Source.ONTAP, "524486", true, "volume busy"),
            new Rule(Source.ONTAP, "1638537", false, "cannot determine status of the create (the client looks"
                    + " for the name before it tries again)"),
            new Rule(Source.ONTAP, "53411925", false, "no two-phase snapshot to commit (its fence timed out)"),
            new Rule(Source.ONTAP, "525059", false, "a snapshot of that name exists"),
            new Rule(Source.ONTAP, "525062", false, "1023 snapshots on the volume"),
            new Rule(Source.ONTAP, "1638518", false, "invalid snapshot name"),
            new Rule(Source.ONTAP, "1638543", false, "the snapshot is busy: a clone or SnapMirror owns it"),
            new Rule(Source.ONTAP, "1638555", false, "the snapshot has not expired or is locked"),
            new Rule(Source.ONTAP, "1638600", false, "no such snapshot"),
            new Rule(Source.HTTP, "500", true, "server error without an ONTAP error code (with a code: that code's row)"),
            new Rule(Source.HTTP, "502", true, "bad gateway"),
            new Rule(Source.HTTP, "503", true, "service unavailable (busy or restarting)"),
            new Rule(Source.HTTP, "504", true, "gateway timeout"),
            new Rule(Source.HTTP, "401", false, "wrong user or password"),
            new Rule(Source.IO, CONNECTION_REFUSED, true, "nothing listens at the address (a node restarting)"),
            new Rule(Source.IO, CONNECTION_RESET, true, "the connection dropped before or after the request"),
            new Rule(Source.IO, TIMEOUT, true, "a call that hung"),
            new Rule(Source.IO, LAB_BUSY, true, "another vsskit process held the lab for too long"),
            new Rule(Source.IO, TLS, false, "the certificate is not trusted (pin it or give the CA)"),
            new Rule(Source.IO, DISK_FULL, false, "no space left on the device (delete backups to free space)"),
            new Rule(Source.HYPERV, "32774", true, "RequestStateChange: the VM is in use (another operation on it)"),
            new Rule(Source.HYPERV, "32772", true, "RequestStateChange: Hyper-V timed out"),
            new Rule(Source.HYPERV, "32775", false, "RequestStateChange: invalid state for this operation"),
            new Rule(Source.HYPERV, "32769", false, "RequestStateChange: access denied (not a Hyper-V administrator)"),
            new Rule(Source.HYPERV, "32768", false, "RequestStateChange or its job failed (the message has Hyper-V's"
                    + " description)"));

    private FailureClasses() {
    }

    private static Rule hr(HResult h, boolean retryable, String meaning) {
        return new Rule(Source.HRESULT, h.name(), retryable, meaning);
    }

    public static Optional<Rule> rule(Source source, String code) {
        return TABLE.stream().filter(r -> r.source() == source && r.code().equals(code)).findFirst();
    }

    public static boolean retryable(Source source, String code) {
        return rule(source, code).map(Rule::retryable).orElse(false);
    }

    public static boolean retryable(HResult h) {
        return h != null && retryable(Source.HRESULT, h.name());
    }

    /**
     * Whether a failure is worth another try: its own code is retryable, or (for a provider's veto or
     * error, which only wraps what went wrong) the first coded cause in its chain is.
     */
    public static boolean retryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof VssException v) {
                if (retryable(v.hresult())) {
                    return true;
                }
                if (v.hresult() != HResult.VSS_E_PROVIDER_VETO && v.hresult() != HResult.VSS_E_UNEXPECTED_PROVIDER_ERROR) {
                    return false;
                }
            } else if (c instanceof Coded coded) {
                return retryable(coded.failureSource(), coded.failureCode());
            } else if (c instanceof java.net.ConnectException) {
                return retryable(Source.IO, CONNECTION_REFUSED);
            } else if (c instanceof java.net.http.HttpTimeoutException || c instanceof java.net.SocketTimeoutException) {
                return retryable(Source.IO, TIMEOUT);
            }
            for (Throwable s : c.getSuppressed()) {
                if (s instanceof VssException v && retryable(v.hresult())) {
                    return true;
                }
            }
        }
        return false;
    }
}
