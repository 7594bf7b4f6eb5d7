package dev.vsskit.eventlog.windows;

import com.sun.jna.Memory;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.Wevtapi;
import com.sun.jna.platform.win32.WevtapiUtil;
import com.sun.jna.platform.win32.Winevt;
import com.sun.jna.ptr.IntByReference;
import dev.vsskit.eventlog.EventRecord;
import dev.vsskit.eventlog.EventXml;
import dev.vsskit.eventlog.query.EventQuery;
import java.util.function.Predicate;

/**
 * The live Windows event log through wevtapi.dll: EvtQuery with the XPath, EvtNext in batches,
 * EvtRender to XML; each XML goes through {@link EventXml#parseEventRecord}, the same parser the
 * EVTX path and its tests use. Load only on Windows ({@link #isAvailable()}).
 */
public final class WindowsEventLog {

    private static final int BATCH = 64;
    private static final int TIMEOUT_MS = 5_000;

    private WindowsEventLog() {
    }

    public static boolean isAvailable() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
    }

    /**
     * Runs the query against a channel ("Application") or, with {@code isFile}, an .evtx path, oldest first;
     * hands each event's XML and record to {@code sink} until it returns false. Returns the number delivered.
     */
    public static long query(String channelOrPath, boolean isFile, EventQuery query, Predicate<Delivered> sink) {
        if (!isAvailable()) {
            throw new IllegalStateException("the live Windows event log needs Windows; use --file with an exported .evtx");
        }
        int flags = (isFile ? Winevt.EVT_QUERY_FLAGS.EvtQueryFilePath : Winevt.EVT_QUERY_FLAGS.EvtQueryChannelPath)
                | Winevt.EVT_QUERY_FLAGS.EvtQueryForwardDirection;
        Winevt.EVT_HANDLE results = Wevtapi.INSTANCE.EvtQuery(null, channelOrPath, query.text(), flags);
        if (results == null) {
            throw new IllegalStateException("EvtQuery failed on " + channelOrPath + ": error "
                    + Kernel32.INSTANCE.GetLastError() + " " + WevtapiUtil.EvtGetExtendedStatus());
        }
        long n = 0;
        try {
            Winevt.EVT_HANDLE[] batch = new Winevt.EVT_HANDLE[BATCH];
            IntByReference returned = new IntByReference();
            while (true) {
                if (!Wevtapi.INSTANCE.EvtNext(results, BATCH, batch, TIMEOUT_MS, 0, returned)) {
                    int err = Kernel32.INSTANCE.GetLastError();
                    if (err == WinError.ERROR_NO_MORE_ITEMS) {
                        return n;
                    }
                    throw new IllegalStateException("EvtNext failed: error " + err);
                }
                boolean more = true;
                for (int i = 0; i < returned.getValue(); i++) {
                    try {
                        if (more) {
                            Memory m = WevtapiUtil.EvtRender(null, batch[i], Winevt.EVT_RENDER_FLAGS.EvtRenderEventXml,
                                    new IntByReference());
                            String xml = m.getWideString(0);
                            n++;
                            more = sink.test(new Delivered(xml, EventXml.parseEventRecord(xml)));
                        }
                    } finally {
                        Wevtapi.INSTANCE.EvtClose(batch[i]);
                    }
                }
                if (!more) {
                    return n;
                }
            }
        } finally {
            Wevtapi.INSTANCE.EvtClose(results);
        }
    }

    /** One event from the live log. */
    public record Delivered(String xml, EventRecord event) {
    }
}
