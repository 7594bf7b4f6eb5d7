package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.session.WriterMetadata;
import java.time.Duration;

/**
 * The writer side of VSS (CVssWriter): the coordinator sends these events in order and moves the
 * writer's {@link dev.vsskit.vss.WriterState} itself. A writer fails an event by throwing a
 * {@link dev.vsskit.vss.VssException} with a writer failure HRESULT (VSS_E_WRITERERROR_*, 0x800423F0–F4);
 * anything else thrown counts as an unexpected writer error. {@link #abort} must never leave the writer
 * frozen: it is the writer's thaw-and-discard.
 */
public interface VssWriter {

    String name();

    VssId writerId();

    VssId instanceId();

    /** The most time VSS allows between this writer's Freeze and Thaw (CVssWriter::Initialize's dwTimeoutFreeze). */
    default Duration freezeTimeout() {
        return Duration.ofSeconds(60);
    }

    /** Identify: the writer's metadata (components and files). */
    WriterMetadata identify(WriterEvent event);

    // The phases below default to doing nothing: a writer that holds no application state (the host's
    // passive writers, a guest writer with nothing to flush) overrides only what it acts on.

    default void prepareForBackup(WriterEvent event) {
    }

    default void prepareForSnapshot(WriterEvent event) {
    }

    default void freeze(WriterEvent event) {
    }

    default void thaw(WriterEvent event) {
    }

    default void postSnapshot(WriterEvent event) {
    }

    /** Thaw and discard: a writer that froze something must override this. */
    default void abort(WriterEvent event) {
    }

    default void backupComplete(WriterEvent event) {
    }

    /**
     * Components of this set the writer could not back up, though it did not fail the event
     * (IVssComponentEx2::SetFailure); the coordinator asks after PostSnapshot. Empty by default.
     */
    default java.util.List<dev.vsskit.vss.session.ComponentFailure> componentFailures(VssId snapshotSetId) {
        return java.util.List.of();
    }

    default void preRestore(WriterEvent event) {
    }

    default void postRestore(WriterEvent event) {
    }
}
