package dev.vsskit.ontap.windows;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The name of a LUN clone vsskit makes to read a Snapshot copy of a LUN on a Windows host:
 * {@code vsskit_restore_<COMPUTER>_<pid>_<yyyyMMddHHmmss UTC>_<n>} (n counts the process's clones), so that {@code vsskit cleanup} recognises its own
 * leftovers and knows whether the run that made one is still alive (same computer, live process) or gone. Only the
 * characters ONTAP allows in a LUN name (A-Z a-z 0-9 - . _ { }): the computer name's others become '-'.
 */
record RestoreCloneName(String computer, long pid, Instant created, int sequence) {

    static final String PREFIX = "vsskit_restore_";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile(Pattern.quote(PREFIX) + "([A-Za-z0-9.-]+)_(\\d+)_(\\d{14})_(\\d+)");

    RestoreCloneName {
        computer = computer.replaceAll("[^A-Za-z0-9.-]", "-");
    }

    /** The LUN's base name (what follows {@code /vol/<volume>/}). */
    String baseName() {
        return PREFIX + computer + "_" + pid + "_" + STAMP.format(created) + "_" + sequence;
    }

    /** A base name or a whole LUN path ({@code /vol/v/vsskit_restore_...}) that vsskit gave a restore clone. */
    static Optional<RestoreCloneName> parse(String lunName) {
        String base = lunName.substring(lunName.lastIndexOf('/') + 1);
        Matcher m = NAME.matcher(base);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RestoreCloneName(m.group(1), Long.parseLong(m.group(2)),
                    Instant.from(STAMP.parse(m.group(3))), Integer.parseInt(m.group(4))));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    boolean madeOn(String computerName) {
        return computer.equalsIgnoreCase(computerName.replaceAll("[^A-Za-z0-9.-]", "-"));
    }
}
