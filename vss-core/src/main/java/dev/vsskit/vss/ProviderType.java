package dev.vsskit.vss;

/** VSS_PROVIDER_TYPE with the word vssadmin prints after {@code Provider type:}. */
public enum ProviderType {
    UNKNOWN(0, "Unknown"),
    SYSTEM(1, "System"),
    SOFTWARE(2, "Software"),
    HARDWARE(3, "Hardware"),
    FILESHARE(4, "Fileshare");

    private final int value;
    private final String text;

    ProviderType(int value, String text) {
        this.value = value;
        this.text = text;
    }

    public int value() {
        return value;
    }

    public String text() {
        return text;
    }

    public static ProviderType of(int value) {
        for (ProviderType t : values()) {
            if (t.value == value) {
                return t;
            }
        }
        return UNKNOWN;
    }
}
