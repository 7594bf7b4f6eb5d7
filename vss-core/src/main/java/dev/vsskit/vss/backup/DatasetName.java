package dev.vsskit.vss.backup;

import java.util.Objects;
import java.util.regex.Pattern;

/** A SnapManager for Hyper-V dataset name: letters, digits, {@code _} and {@code -} only (SMHV's rule). */
public record DatasetName(String value) {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public DatasetName {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid dataset name '" + value
                    + "': use 1 to 64 of a-z A-Z 0-9 _ - (no spaces, slashes or dots)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
