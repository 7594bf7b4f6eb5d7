package dev.vsskit.vss.backup;

import java.util.List;
import java.util.Objects;

/**
 * What a restore did: the backup and VM, how the files came back (single-file or whole-volume), and for
 * each file whether the restored bytes equal the bytes at backup time (compared byte for byte by
 * {@link dev.vsskit.vss.io.VerifiedCopy}). {@code sha256} is the SHA-256 of the backed-up bytes when the
 * restore was asked for it, else null.
 */
public record RestoreResult(String backup, String vm, String method, String target, List<RestoredFile> files,
        List<String> warnings, boolean started) {

    public RestoreResult {
        Objects.requireNonNull(backup, "backup");
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    public boolean verified() {
        return !files.isEmpty() && files.stream().allMatch(RestoredFile::identical);
    }

    public record RestoredFile(String path, String restoredTo, long bytes, String sha256, boolean identical) {
    }
}
