package dev.vsskit.vss.backup;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Restore one VM from a backup ({@code backup} is a name or {@code latest}). With {@code alternateDir} the
 * files go to that folder and the VM is not touched; otherwise the VM's own files are replaced.
 */
public record RestoreRequest(String vm, String backup, Optional<Path> alternateDir, boolean start, boolean force) {
    public RestoreRequest {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(alternateDir, "alternateDir");
        if (alternateDir.isPresent() && start) {
            throw new IllegalArgumentException("--start restarts the original VM; it cannot be used with --to");
        }
    }

    public static final String LATEST = "latest";
}
