package dev.vsskit.vss.windows;

import dev.vsskit.vss.HostException;

/**
 * A WMI call that failed, with its HRESULT (a WBEM_E_* code, or a Win32 error as HRESULT_FROM_WIN32) so callers
 * can tell "this host has no such namespace" from a real failure. The message is one line for the user.
 */
public final class WmiException extends HostException {
    private static final long serialVersionUID = 1L;
    private final int hresult;

    public WmiException(int hresult, String message) {
        super(message);
        this.hresult = hresult;
    }

    public int hresult() {
        return hresult;
    }
}
