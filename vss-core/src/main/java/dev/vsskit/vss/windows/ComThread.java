package dev.vsskit.vss.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssException;
import dev.vsskit.vss.internal.HostUnavailableException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one thread every COM call of a host runs on, in the multithreaded apartment. Its first task, before any
 * other COM call: refuse a 32-bit JVM, {@code CoInitializeEx(COINIT_MULTITHREADED)} (S_FALSE is success),
 * then {@code CoInitializeSecurity} once (without it writers cannot call back: VSS event 8194, 0x80070005).
 * {@code RPC_E_TOO_LATE} means the process's COM security was already set by someone else; vsskit goes on and
 * keeps a note of it ({@link #securityNote()}).
 */
final class ComThread implements AutoCloseable {

    static final String NAME = "vsskit-com";
    static final int COINIT_MULTITHREADED = 0x0;
    static final int RPC_C_AUTHN_LEVEL_PKT_PRIVACY = 6;
    static final int RPC_C_IMP_LEVEL_IMPERSONATE = 3;
    static final int EOAC_NONE = 0;

    private final VssNative nat;
    private final ExecutorService thread;
    private Future<?> started;
    private volatile String securityNote = "";
    private volatile boolean initialized;

    ComThread(VssNative nat) {
        this.nat = nat;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, NAME);
            t.setDaemon(true);
            return t;
        });
    }

    VssNative nat() {
        return nat;
    }

    String securityNote() {
        return securityNote;
    }

    /** Runs {@code work} on the COM thread (starting COM there first) and returns its result or rethrows its failure. */
    <T> T call(Callable<T> work) {
        if (Thread.currentThread().getName().equals(NAME)) {
            return unchecked(work);
        }
        synchronized (this) {
            if (started == null) {
                started = thread.submit(this::start);
            }
        }
        await(started);
        return await(thread.submit(work));
    }

    private void start() {
        if (nat.pointerSize() != 8) {
            throw new HostUnavailableException("vsskit needs a 64-bit Java on 64-bit Windows (this Java is "
                    + nat.pointerSize() * 8 + "-bit); install a 64-bit Java 17 or later");
        }
        int hr = nat.coInitializeEx(COINIT_MULTITHREADED);
        if (hr != HResults.S_OK && hr != HResults.S_FALSE) {
            throw new HostUnavailableException("cannot start COM for VSS: CoInitializeEx failed with "
                    + HResults.describe(hr));
        }
        initialized = true;
        hr = nat.coInitializeSecurity(RPC_C_AUTHN_LEVEL_PKT_PRIVACY, RPC_C_IMP_LEVEL_IMPERSONATE, EOAC_NONE);
        if (hr == HResults.RPC_E_TOO_LATE) {
            securityNote = "COM security was already set in this process (RPC_E_TOO_LATE); if writers fail to call "
                    + "back (VSS event 8194), report it";
        } else if (hr != HResults.S_OK) {
            throw new HostUnavailableException("cannot start COM for VSS: CoInitializeSecurity failed with "
                    + HResults.describe(hr));
        }
    }

    private static <T> T unchecked(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T await(Future<?> f) {
        try {
            return (T) f.get();
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VssException(HResult.VSS_E_UNEXPECTED, "interrupted while waiting for VSS");
        }
    }

    /** Throws for a failed HRESULT of {@code m}: E_ACCESSDENIED as the elevation refusal, others as VSS errors. */
    static void check(int hr, ComMethod m) {
        check(hr, m.name());
    }

    static void check(int hr, String what) {
        if (hr >= 0) {
            return;
        }
        throw failure(hr, what + " failed");
    }

    static RuntimeException failure(int hr, String message) {
        if (hr == HResults.E_ACCESSDENIED) {
            return new HostUnavailableException("VSS refused access (E_ACCESSDENIED): run vsskit from an elevated "
                    + "prompt (Run as administrator), as a member of Administrators or Backup Operators");
        }
        return HResult.of(hr).map(h -> new VssException(h, message + ": " + h.message()))
                .orElseGet(() -> new VssException(HResult.VSS_E_UNEXPECTED, message + " with "
                        + HResults.describe(hr)));
    }

    /** IUnknown::Release of {@code p} (null is ignored). */
    static void release(Pointer p) {
        if (p != null && Pointer.nativeValue(p) != 0) {
            ComInterfaces.RELEASE.call(p);
        }
    }

    /** A zeroed out-parameter of {@code size} bytes. */
    static Memory out(int size) {
        Memory m = new Memory(size);
        m.clear();
        return m;
    }

    @Override
    public void close() {
        if (initialized) {
            try {
                thread.submit(nat::coUninitialize).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // closing: nothing left to do with a failure to uninitialise
            }
        }
        thread.shutdownNow();
    }
}
