package dev.vsskit.ontap.client;

import java.util.Map;

/** Plain-language explanations (and fixes) for the ONTAP error codes vsskit meets most. */
final class OntapErrors {

    public static final String ENTRY_DOESNT_EXIST = "4";
    public static final String DUPLICATE_ENTRY = "1";
    public static final String INVALID_FIELD = "2";
    public static final String SNAPSHOT_DUPLICATE = "525059";
    public static final String SNAPSHOT_TOO_MANY = "525062";
    public static final String SNAPSHOT_INVALID_NAME = "1638518";
    public static final String SNAPSHOT_RESERVED_PREFIX = "1638477";
    public static final String SNAPSHOT_NOT_FOUND = "1638600";
    public static final String SNAPSHOT_HAS_OWNER = "1638543";
    public static final String SNAPSHOT_LOCKED = "1638555";
    public static final String SNAPSHOT_VOLUME_FENCED = "524481";
    public static final String VOLUME_NOT_ONLINE = "524479";
    public static final String VOLUME_DUPLICATE = "917526";
    public static final String VOLUME_HAS_CLONES = "524615";
    public static final String RESTORE_FAILED = "524511";
    public static final String CG_SNAPSHOT_FAILED = "53411921";
    public static final String CG_NOT_FOUND = "53411842";
    public static final String CG_TWO_PHASE_NOT_FOUND = "53411925";
    public static final String CG_VOLUME_IN_OTHER_CG = "53411865";
    public static final String LUN_NOT_FOUND = "5374875";
    public static final String SVM_NOT_FOUND = "2621462";

    private static final Map<String, String> EXPLAIN = Map.ofEntries(
            Map.entry(ENTRY_DOESNT_EXIST, "the object does not exist (check the name or uuid)"),
            Map.entry(DUPLICATE_ENTRY, "an object with that identifier already exists"),
            Map.entry(SNAPSHOT_DUPLICATE, "a Snapshot copy with this name already exists on the volume;"
                    + " choose another name or delete the old copy"),
            Map.entry(SNAPSHOT_TOO_MANY, "the volume holds the maximum of 1023 Snapshot copies;"
                    + " delete old copies (apply retention) and retry"),
            Map.entry(SNAPSHOT_INVALID_NAME, "the Snapshot copy name is invalid; use letters, digits, '_', '-', '.'"
                    + " (at most 255 characters)"),
            Map.entry(SNAPSHOT_RESERVED_PREFIX, "the Snapshot copy name begins with a prefix ONTAP reserves"),
            Map.entry(SNAPSHOT_NOT_FOUND, "the Snapshot copy does not exist (already deleted?)"),
            Map.entry(SNAPSHOT_HAS_OWNER, "the Snapshot copy is busy: a FlexClone, LUN clone, SnapMirror or restore"
                    + " owns it; delete the clone or split it first"),
            Map.entry(SNAPSHOT_LOCKED, "the Snapshot copy is busy or locked, or has not reached its expiry time"),
            Map.entry(SNAPSHOT_VOLUME_FENCED, "the volume is fenced by a consistency-group snapshot in progress;"
                    + " retry in a few seconds"),
            Map.entry(VOLUME_NOT_ONLINE, "the volume is not online or has no space for a Snapshot copy"),
            Map.entry(VOLUME_DUPLICATE, "a volume with that name already exists"),
            Map.entry(VOLUME_HAS_CLONES, "the volume has FlexClones; delete them first"),
            Map.entry(RESTORE_FAILED, "the restore from the Snapshot copy failed"),
            Map.entry(CG_SNAPSHOT_FAILED, "the consistency-group Snapshot copy could not be created"),
            Map.entry(CG_NOT_FOUND, "the consistency group does not exist"),
            Map.entry(CG_TWO_PHASE_NOT_FOUND, "no two-phase Snapshot copy is in progress for the consistency"
                    + " group: its write-fence timeout (action_timeout) expired before the commit"),
            Map.entry(CG_VOLUME_IN_OTHER_CG, "a volume already belongs to another consistency group"),
            Map.entry(LUN_NOT_FOUND, "the LUN does not exist"),
            Map.entry(SVM_NOT_FOUND, "the SVM does not exist"));

    private OntapErrors() {
    }

    /** A short explanation of an ONTAP error code, or "" when vsskit has none. */
    public static String explain(String code) {
        return code == null ? "" : EXPLAIN.getOrDefault(code, "");
    }
}
