package dev.vsskit.lab.internal;

import dev.vsskit.lab.LabConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A module's part of {@code vsskit lab init} (for example the ONTAP simulator's state or the event log).
 * Implementations are found with {@link java.util.ServiceLoader} ({@code META-INF/services/dev.vsskit.lab.internal.LabInitStep})
 * and run after the core files are written, inside the staging folder: a failing step leaves nothing behind.
 */
public interface LabInitStep {

    /** Writes this module's initial state under {@code labDir} (the staging folder, not yet the real lab). */
    void initialize(Path labDir, LabConfig config) throws IOException;
}
