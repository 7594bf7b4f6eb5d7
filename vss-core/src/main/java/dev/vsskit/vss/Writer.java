package dev.vsskit.vss;

import java.util.Objects;

/** A subscribed VSS writer and its current status, as {@code vssadmin list writers} shows it. */
public record Writer(String name, VssId writerId, VssId instanceId, WriterState state, WriterError lastError) {
    public Writer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writerId, "writerId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
    }
}
