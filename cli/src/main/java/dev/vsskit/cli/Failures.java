package dev.vsskit.cli;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.HostException;
import dev.vsskit.vss.VssException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Set;

/** How a failure of a command becomes an exit code and a one-line message. */
public final class Failures {

    /** VSS failures worth a retry (exit code {@link ExitCode#TRANSIENT}). */
    static final Set<HResult> TRANSIENT = EnumSet.of(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS,
            HResult.VSS_E_WRITERERROR_RETRYABLE, HResult.VSS_E_FLUSH_WRITES_TIMEOUT, HResult.VSS_E_HOLD_WRITES_TIMEOUT,
            HResult.VSS_E_WRITERERROR_TIMEOUT, HResult.VSS_E_WRITER_NOT_RESPONDING);

    private Failures() {
    }

    public static int exitCode(Throwable ex) {
        if (ex instanceof CliException ce) {
            return ce.exitCode();
        }
        if (ex instanceof VssException ve) {
            return TRANSIENT.contains(ve.hresult()) ? ExitCode.TRANSIENT : ExitCode.ERROR;
        }
        return ExitCode.ERROR;
    }

    public static String message(Throwable ex) {
        if (ex instanceof CliException || ex instanceof HostException) {
            return ex.getMessage();
        }
        if (ex instanceof VssException ve) {
            return ve.getMessage() + " (" + ve.hresult().name() + ", " + ve.hresult().hex() + ")";
        }
        if (ex instanceof UncheckedIOException || ex instanceof IOException) {
            Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
            return "I/O error: " + ex.getMessage() + (cause != ex ? " (" + cause.getMessage() + ")" : "");
        }
        return "internal error: " + ex + " (run with -v for the stack trace)";
    }
}
