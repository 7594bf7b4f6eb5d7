package dev.vsskit.vss.internal;

import dev.vsskit.vss.HostException;

/**
 * The host refused to work before any VSS call: a 32-bit Java, a process without the rights VSS needs (not
 * elevated), COM that cannot start. The message is one line that says what to do; the CLI prints it as is
 * and exits 1.
 */
public class HostUnavailableException extends HostException {
    private static final long serialVersionUID = 1L;

    public HostUnavailableException(String message) {
        super(message);
    }
}
