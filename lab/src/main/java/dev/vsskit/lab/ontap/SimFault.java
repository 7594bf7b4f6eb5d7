package dev.vsskit.lab.ontap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One injected fault: which calls it hits ({@code match}: a "METHOD path-fragment" such as
 * {@code "POST /snapshots"}, or "" for every call), when (the {@code nth} matching call, repeated
 * {@code times}; or, with {@code nth == 0}, each matching call with probability {@code rate}) and what
 * happens ({@link Action}): an HTTP error with an optional ONTAP code, a hung call (before or after the
 * request took effect: {@code HANG}, {@code HANG_AFTER}), or a connection reset before or after the request
 * took effect. A hung call never answers while the simulator runs; it holds one server thread only, so every
 * other call (a retry, the provider's abort) is served meanwhile.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record SimFault(String match, long nth, int times, double rate, Action action, int status, String code,
        String message) {

    public enum Action { FAIL, HANG, HANG_AFTER, RESET_BEFORE, RESET_AFTER }

    public SimFault {
        match = match == null ? "" : match;
        times = times <= 0 ? 1 : times;
        action = action == null ? Action.FAIL : action;
        code = code == null ? "" : code;
        message = message == null ? "" : message;
    }

    public static SimFault failNth(String match, long nth, int status, String code, String message) {
        return new SimFault(match, nth, 1, 0, Action.FAIL, status, code, message);
    }

    public static SimFault failRate(String match, double rate, int status, String code, String message) {
        return new SimFault(match, 0, 1, rate, Action.FAIL, status, code, message);
    }

    public static SimFault hangNth(String match, long nth) {
        return new SimFault(match, nth, 1, 0, Action.HANG, 0, "", "");
    }

    /** The {@code nth} matching call takes effect, but its answer never comes. */
    public static SimFault hangAfterNth(String match, long nth) {
        return new SimFault(match, nth, 1, 0, Action.HANG_AFTER, 0, "", "");
    }

    public static SimFault resetNth(String match, long nth, boolean afterProcessing) {
        return new SimFault(match, nth, 1, 0, afterProcessing ? Action.RESET_AFTER : Action.RESET_BEFORE, 0, "", "");
    }

    public SimFault times(int n) {
        return new SimFault(match, nth, n, rate, action, status, code, message);
    }

    boolean matches(String method, String path) {
        if (match.isEmpty()) {
            return true;
        }
        int sp = match.indexOf(' ');
        String m = sp < 0 ? "" : match.substring(0, sp);
        String p = sp < 0 ? match : match.substring(sp + 1);
        return (m.isEmpty() || m.equalsIgnoreCase(method)) && path.contains(p);
    }
}
