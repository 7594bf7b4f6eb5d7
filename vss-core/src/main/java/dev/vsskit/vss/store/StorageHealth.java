package dev.vsskit.vss.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a storage system says about itself when asked, for {@code vsskit doctor}: its name and version, how
 * its certificate was trusted ({@code tlsVerified} false when verification is off), its clock, and how many
 * snapshots one of its volumes may hold.
 */
public record StorageHealth(String system, String version, boolean tlsVerified, String tlsTrust,
        Optional<Instant> clock, int snapshotLimitPerVolume) {
    public StorageHealth {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(tlsTrust, "tlsTrust");
        Objects.requireNonNull(clock, "clock");
    }
}
