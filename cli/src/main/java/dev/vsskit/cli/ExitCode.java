package dev.vsskit.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * vsskit's exit-code table, the one place it is defined. Printed under "Exit codes" in {@code --help} and
 * documented in docs/exit-codes.md. New codes may be added; scripts must treat any non-zero code as failure.
 */
public final class ExitCode {

    /** The command did what was asked. */
    public static final int OK = 0;
    /** The command failed; the message says why and what to do. */
    public static final int ERROR = 1;
    /** Bad input: unknown command or option, bad option value, bad --lab folder. Nothing was changed. */
    public static final int USAGE = 2;
    /** A verification ran and at least one check failed. */
    public static final int VERIFY_FAILED = 3;
    /** A transient failure (e.g. another snapshot in progress, a retryable writer error): worth a retry. */
    public static final int TRANSIENT = 4;
    /** Partly done: some VMs were backed up, others not. */
    public static final int PARTIAL = 5;

    private ExitCode() {
    }

    /** Code to description, in order, for help and docs. */
    public static Map<String, String> table() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put(Integer.toString(OK), "OK: the command did what was asked");
        t.put(Integer.toString(ERROR), "ERROR: the command failed (the message says why and what to do)");
        t.put(Integer.toString(USAGE), "USAGE: bad input (unknown command or option, bad value, bad --lab); nothing changed");
        t.put(Integer.toString(VERIFY_FAILED), "VERIFY_FAILED: verify or doctor ran and a check failed");
        t.put(Integer.toString(TRANSIENT), "TRANSIENT: a transient failure, worth a retry");
        t.put(Integer.toString(PARTIAL), "PARTIAL: some VMs were backed up, others not");
        return t;
    }

    /** The symbolic name of a code, as JSON errors carry it. */
    public static String name(int code) {
        return switch (code) {
            case OK -> "OK";
            case ERROR -> "ERROR";
            case USAGE -> "USAGE";
            case VERIFY_FAILED -> "VERIFY_FAILED";
            case TRANSIENT -> "TRANSIENT";
            case PARTIAL -> "PARTIAL";
            default -> "UNKNOWN";
        };
    }
}
