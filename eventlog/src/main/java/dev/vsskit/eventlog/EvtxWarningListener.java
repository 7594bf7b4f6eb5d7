package dev.vsskit.eventlog;

/** Receives the reader's warnings about damaged parts of a file. Engines never print; callers decide. */
@FunctionalInterface
public interface EvtxWarningListener {

    void warning(EvtxWarning warning);

    /** Ignores every warning. */
    EvtxWarningListener IGNORE = w -> { };
}
