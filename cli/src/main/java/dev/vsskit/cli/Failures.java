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
        if (!(ex instanceof CliException) && diskFull(ex)) {
            // FailureClasses' "disk full" row: not retryable; the fix is to free space, which deleting does
            return "the disk is full (" + ex.getMessage() + "); free space first: deleting works on a full disk"
                    + " (`vsskit list backups`, then `vsskit delete backup NAME`)";
        }
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

    /** No space left on the device (ENOSPC as Linux and macOS word it; ERROR_DISK_FULL as Windows does). */
    static boolean diskFull(Throwable ex) {
        for (Throwable c = ex; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (m != null && (m.contains("No space left on device") || m.contains("not enough space on the disk"))) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }
}
