package dev.vsskit.vss.windows;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import java.util.concurrent.Callable;

/** What the backup and restore sessions share: one IVssBackupComponents, used on the host's COM thread. */
abstract class ComSession {

    final WindowsVssHost host;
    final ComThread com;
    private final String kind;
    private final String firstCall;
    ComBackupComponents bc;
    boolean closed;

    ComSession(WindowsVssHost host, ComThread com, String kind, String firstCall) {
        this.host = host;
        this.com = com;
        this.kind = kind;
        this.firstCall = firstCall;
    }

    /** Runs {@code work} on the COM thread; a closed session is VSS_E_BAD_STATE. */
    final <T> T on(Callable<T> work) {
        if (closed) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "the " + kind + " session is closed");
        }
        return com.call(work);
    }

    final ComBackupComponents bc() {
        if (bc == null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, "call " + firstCall + " first");
        }
        return bc;
    }

    /** A new IVssBackupComponents whose warnings go to the host; fails when one was made already. */
    final ComBackupComponents create(String call) {
        if (bc != null) {
            throw new VssException(HResult.VSS_E_BAD_STATE, call + " was already called");
        }
        ComBackupComponents c = new ComBackupComponents(com.nat(), host.timing());
        c.onWarning(host::warn);
        return c;
    }
}
