package dev.vsskit.vss;

import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

/**
 * A VSS GUID (VSS_ID): provider, writer, snapshot and snapshot-set ids. Printed as vssadmin does,
 * lower-case in braces ({@code {b5946137-7b9f-4925-af80-51abd60b20d5}}); parsed case-insensitively
 * with or without braces.
 */
public record VssId(UUID uuid) implements Comparable<VssId> {

    public static final VssId NULL = new VssId(new UUID(0L, 0L));

    public VssId {
        Objects.requireNonNull(uuid, "uuid");
    }

    public static VssId random() {
        return new VssId(UUID.randomUUID());
    }

    /** Parses {@code {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}} or the same without braces. */
    public static VssId parse(String text) {
        String t = Objects.requireNonNull(text, "text").trim();
        if (t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.length() != 36 || t.charAt(8) != '-' || t.charAt(13) != '-' || t.charAt(18) != '-'
                || t.charAt(23) != '-') {
            throw new IllegalArgumentException("not a GUID: '" + text
                    + "' (expected {xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx})");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != '-') {
                throw new IllegalArgumentException("not a GUID: '" + text + "'");
            }
        }
        return new VssId(UUID.fromString(t.toLowerCase(Locale.ROOT)));
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public boolean isNull() {
        return equals(NULL);
    }

    /** Without braces, lower-case. */
    public String bare() {
        return uuid.toString();
    }

    @Override
    public String toString() {
        return "{" + uuid + "}";
    }

    @Override
    public int compareTo(VssId o) {
        return bare().compareTo(o.bare());
    }
}
