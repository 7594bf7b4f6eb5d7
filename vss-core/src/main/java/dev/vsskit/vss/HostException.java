package dev.vsskit.vss;

/**
 * A host that cannot do what was asked for a reason of its own (its folder, its configuration, what its
 * shadows support), as opposed to a VSS failure with an HRESULT. The message is one line for the user that
 * names the problem and the fix, and is printed as it is.
 */
public class HostException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public HostException(String message) {
        super(message);
    }

    public HostException(String message, Throwable cause) {
        super(message, cause);
    }
}
