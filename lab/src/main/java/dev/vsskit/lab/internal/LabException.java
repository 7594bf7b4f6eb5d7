package dev.vsskit.lab.internal;

import dev.vsskit.vss.HostException;

/** A lab that cannot be used as asked; the message names the file or folder and the fix, in one line. */
public class LabException extends HostException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
