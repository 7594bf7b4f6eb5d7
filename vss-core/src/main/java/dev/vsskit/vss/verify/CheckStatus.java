package dev.vsskit.vss.verify;

/** The outcome of one verification check; SKIP when the check does not apply (e.g. no VSS in a crash-consistent backup). */
public enum CheckStatus {
    PASS, WARN, FAIL, SKIP;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
