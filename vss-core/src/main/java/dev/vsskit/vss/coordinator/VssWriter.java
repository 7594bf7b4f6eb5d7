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

    void prepareForBackup(WriterEvent event);

    void prepareForSnapshot(WriterEvent event);

    void freeze(WriterEvent event);

    void thaw(WriterEvent event);

    void postSnapshot(WriterEvent event);

    void abort(WriterEvent event);

    void backupComplete(WriterEvent event);

    default void preRestore(WriterEvent event) {
    }

    default void postRestore(WriterEvent event) {
    }
}
