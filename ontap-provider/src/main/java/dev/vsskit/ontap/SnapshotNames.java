package dev.vsskit.ontap;

import dev.vsskit.vss.VssId;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names vsskit gives the Snapshot copies it creates: {@code <backup name>__<snapshot set id>}, e.g.
 * {@code smhv-ds_11-24-2026_10.00.00__6f1c2e0a-...}. The backup name carries SMHV's dataset and
 * timestamp; the set id ties the copy to its VSS snapshot set and its 4089 event. Retention and verify
 * recognise vsskit's copies by this shape (and the {@value #COMMENT_PREFIX} comment) and touch nothing else.
 */
public final class SnapshotNames {

    /** The comment every vsskit Snapshot copy carries, followed by its backup name. */
    public static final String COMMENT_PREFIX = "vsskit backup ";
    /** The backup name the hardware provider uses when the requester named none. */
    public static final String PROVIDER_BACKUP = "vsskit_vss";

    private static final Pattern BACKUP = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
    private static final Pattern NAME = Pattern.compile(
            "([A-Za-z0-9_.-]{1,200})__([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern ANY_VALID = Pattern.compile("[A-Za-z0-9_.{}+-]{1,255}");

    /** A parsed vsskit name. */
    public record Parsed(String backupName, VssId snapshotSetId) {
    }

    private SnapshotNames() {
    }

    public static String of(String backupName, VssId snapshotSetId) {
        if (!BACKUP.matcher(backupName).matches()) {
            throw new IllegalArgumentException("invalid backup name '" + backupName
                    + "' for a Snapshot copy name: use 1 to 200 of a-z A-Z 0-9 _ - .");
        }
        return backupName + "__" + snapshotSetId.uuid();
    }

    public static Optional<Parsed> parse(String snapshotName) {
        Matcher m = NAME.matcher(snapshotName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parsed(m.group(1), VssId.parse(m.group(2))));
    }

    public static boolean isVsskit(String snapshotName, String comment) {
        return parse(snapshotName).isPresent() && comment != null && comment.startsWith(COMMENT_PREFIX);
    }

    public static String comment(String backupName) {
        return COMMENT_PREFIX + backupName;
    }

    /** Refuses a name ONTAP would reject, or that vsskit's own checks could confuse. */
    public static void validate(String snapshotName) {
        if (!ANY_VALID.matcher(snapshotName).matches()) {
            throw new IllegalArgumentException("invalid Snapshot copy name '" + snapshotName
                    + "': use 1 to 255 of a-z A-Z 0-9 _ - . + { }");
        }
        if (snapshotName.startsWith("snapmirror.") || snapshotName.startsWith("vserverdr.")) {
            throw new IllegalArgumentException("invalid Snapshot copy name '" + snapshotName
                    + "': ONTAP reserves the prefixes snapmirror. and vserverdr.");
        }
    }
}
