package dev.vsskit.lab;

/** A lab that cannot be used as asked; the message names the file or folder and the fix, in one line. */
public class LabException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LabException(String message) {
        super(message);
    }

    public LabException(String message, Throwable cause) {
        super(message, cause);
    }
}
