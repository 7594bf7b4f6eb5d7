package dev.vsskit.cli;

import dev.vsskit.vss.FailureClasses;
import dev.vsskit.vss.HostException;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.catalog.BackupCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;

/** How a failure of a command becomes an exit code and a one-line message. */
public final class Failures {

    private Failures() {
    }

    public static int exitCode(Throwable ex) {
        if (ex instanceof CliException ce) {
            return ce.exitCode();
        }
        // the retryable rows of the one table (HRESULTs, ONTAP codes, I/O conditions): exit 4
        return FailureClasses.retryable(ex) ? ExitCode.TRANSIENT : ExitCode.ERROR;
    }

    public static String message(Throwable ex) {
        if (ex instanceof CliException || ex instanceof HostException
                || ex instanceof BackupCatalog.CorruptRecordException) {
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
