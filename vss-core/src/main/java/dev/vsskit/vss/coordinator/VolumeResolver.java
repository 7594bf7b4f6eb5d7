package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.spi.VolumeTarget;
import java.util.Optional;

/** Turns what a user typed ({@code C:}, {@code C:\}, a volume GUID name, a share) into the host's volume. */
@FunctionalInterface
public interface VolumeResolver {
    Optional<VolumeTarget> resolve(String volume);
}
