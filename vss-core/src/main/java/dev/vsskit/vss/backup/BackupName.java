package dev.vsskit.vss.backup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup's name. SMHV names backups {@code <dataset>_MM-dd-yyyy_HH.mm.ss} (e.g.
 * {@code smhv-ccb-ds_04-10-2012_10.37.58}); a user may change the prefix but never the timestamp.
 * The name is also the stem of the ONTAP Snapshot copies of the backup, so it is restricted to what
 * ONTAP accepts in a snapshot name. A second job that starts in the same second gets {@code -2}, a third
 * {@code -3}, and so on (BackupService reserves names in the catalog).
 */
public record BackupName(String value) {

    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MM-dd-yyyy_HH.mm.ss");
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Pattern SUFFIX = Pattern.compile("_(\\d{2}-\\d{2}-\\d{4}_\\d{2}\\.\\d{2}\\.\\d{2})(?:-\\d+)?$");

    public BackupName {
        Objects.requireNonNull(value, "value");
        if (!VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("invalid backup name '" + value
                    + "': use 1 to 200 of a-z A-Z 0-9 _ - .");
        }
    }

    /** {@code <prefix>_MM-dd-yyyy_HH.mm.ss} in the host's time zone, as SMHV names them. */
    public static BackupName of(String prefix, Instant time, ZoneId zone) {
        String p = prefix.replaceAll("[^A-Za-z0-9_-]", "_");
        return new BackupName(p + "_" + TIMESTAMP.format(LocalDateTime.ofInstant(time, zone)));
    }

    /** The timestamp part when the name ends in SMHV's timestamp (with or without a {@code -N} suffix). */
    public Optional<LocalDateTime> timestamp() {
        Matcher m = SUFFIX.matcher(value);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), TIMESTAMP));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
