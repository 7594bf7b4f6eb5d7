package dev.vsskit.lab.windows;

import dev.vsskit.vss.HResult;

/**
 * IVssAsync over work that already ran: {@code Wait} returns at once (or after a short nap while pending),
 * {@code QueryStatus} gives VSS_S_ASYNC_FINISHED or the failure; a fault keeps it pending for a number of
 * queries or for ever, until {@code Cancel}.
 */
final class ServedAsync extends ServedObject {

    private final String operation;
    private final int result;
    private int pendingQueries;
    private boolean cancelled;

    /** {@code pendingQueries} &lt; 0: pending until cancelled. */
    ServedAsync(ServedVss vss, String operation, int result, int pendingQueries) {
        super(vss, "IVssAsync", 6);
        this.operation = operation;
        this.result = result;
        this.pendingQueries = pendingQueries;
        set(3, (Fn.F0) self -> hr("Cancel", () -> {
            cancelled = true;
            vss.cancelled(operation);
            return 0;
        }));
        set(4, (Fn.FI) (self, millis) -> hr("Wait", () -> {
            if (pending()) {
                nap(Math.min(millis & 0xffffffffL, 5));
            }
            return 0;
        }));
        set(5, (Fn.FPP) (self, status, reserved) -> hr("QueryStatus", () -> {
            int s;
            if (cancelled) {
                s = HResult.VSS_S_ASYNC_CANCELLED.value();
            } else if (pending()) {
                if (this.pendingQueries > 0) {
                    this.pendingQueries--;
                }
                s = HResult.VSS_S_ASYNC_PENDING.value();
            } else {
                s = result == 0 ? HResult.VSS_S_ASYNC_FINISHED.value() : result;
            }
            status.setInt(0, s);
            return 0;
        }));
    }

    private boolean pending() {
        return pendingQueries != 0;
    }

    private static void nap(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "IVssAsync(" + operation + ")";
    }
}
