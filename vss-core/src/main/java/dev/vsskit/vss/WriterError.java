package dev.vsskit.vss;

import java.util.Optional;

/**
 * A writer's last error as vssadmin prints it after {@code Last error:}. The failure codes are the
 * writer failure HRESULTs 0x800423F0–F4 (plus partial failure); success is {@code No error}.
 */
public enum WriterError {
    NO_ERROR("No error", null),
    INCONSISTENT_SHADOW_COPY("Inconsistent shadow copy", HResult.VSS_E_WRITERERROR_INCONSISTENTSNAPSHOT),
    OUT_OF_RESOURCES("Out of resources", HResult.VSS_E_WRITERERROR_OUTOFRESOURCES),
    TIMED_OUT("Timed out", HResult.VSS_E_WRITERERROR_TIMEOUT),
    RETRYABLE("Retryable error", HResult.VSS_E_WRITERERROR_RETRYABLE),
    NON_RETRYABLE("Non-retryable error", HResult.VSS_E_WRITERERROR_NONRETRYABLE),
    PARTIAL_FAILURE("Partial failure", HResult.VSS_E_WRITERERROR_PARTIAL_FAILURE),
    UNEXPECTED("Unexpected error", null);

    private final String text;
    private final HResult hresult;

    WriterError(String text, HResult hresult) {
        this.text = text;
        this.hresult = hresult;
    }

    public String text() {
        return text;
    }

    public Optional<HResult> hresult() {
        return Optional.ofNullable(hresult);
    }

    /** The writer error a failure HRESULT shows as; codes that are not writer errors show as unexpected. */
    public static WriterError of(HResult h) {
        if (h == null) {
            return NO_ERROR;
        }
        for (WriterError e : values()) {
            if (e.hresult == h) {
                return e;
            }
        }
        return UNEXPECTED;
    }
}
