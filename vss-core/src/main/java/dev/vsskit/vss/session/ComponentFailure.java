package dev.vsskit.vss.session;

import dev.vsskit.vss.HResult;
import dev.vsskit.vss.VssId;
import java.util.Objects;

/**
 * A selected component its writer could not back up while the rest of the set went on
 * (IVssComponentEx2::SetFailure / GetFailure): e.g. the Cluster Shared Volume writer proxying the VMs of a
 * node that went down. The requester reports the component not backed up; the snapshot set stands.
 */
public record ComponentFailure(VssId writerId, VssId instanceId, String logicalPath, String name, HResult hresult,
        String message) {
    public ComponentFailure {
        Objects.requireNonNull(writerId, "writerId");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(logicalPath, "logicalPath");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(hresult, "hresult");
        Objects.requireNonNull(message, "message");
    }
}
