package dev.vsskit.vss;

import java.util.Objects;

/** A registered VSS provider, as {@code vssadmin list providers} shows it. */
public record Provider(String name, ProviderType type, VssId id, String version) {
    public Provider {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(version, "version");
    }
}
