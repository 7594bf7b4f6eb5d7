package dev.vsskit.vss;

import java.util.Objects;

/** A failure that VSS reports with an HRESULT; the message says what failed and, where known, what to do. */
public class VssException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HResult hresult;

    public VssException(HResult hresult, String message) {
        super(message);
        this.hresult = Objects.requireNonNull(hresult, "hresult");
    }

    public VssException(HResult hresult, String message, Throwable cause) {
        super(message, cause);
        this.hresult = Objects.requireNonNull(hresult, "hresult");
    }

    public VssException(HResult hresult) {
        this(hresult, hresult.message());
    }

    public HResult hresult() {
        return hresult;
    }
}
