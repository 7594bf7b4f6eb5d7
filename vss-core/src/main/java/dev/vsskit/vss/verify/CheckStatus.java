package dev.vsskit.vss.verify;

/** The outcome of one verification check. */
public enum CheckStatus {
    PASS, WARN, FAIL;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
