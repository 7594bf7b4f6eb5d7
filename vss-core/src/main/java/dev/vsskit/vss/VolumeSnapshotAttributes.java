package dev.vsskit.vss;

import java.util.ArrayList;
import java.util.List;

/**
 * VSS_VOLUME_SNAPSHOT_ATTRIBUTES bits with the words vssadmin prints after {@code Attributes:}
 * (joined with {@code ", "}; {@code <NONE>} when no bit is set).
 */
public record VolumeSnapshotAttributes(int bits) {

    public static final int PERSISTENT = 0x1;
    public static final int NO_AUTORECOVERY = 0x2;
    public static final int CLIENT_ACCESSIBLE = 0x4;
    public static final int NO_AUTO_RELEASE = 0x8;
    public static final int NO_WRITERS = 0x10;
    public static final int TRANSPORTABLE = 0x20;
    public static final int NOT_SURFACED = 0x40;
    public static final int NOT_TRANSACTED = 0x80;
    public static final int HARDWARE_ASSISTED = 0x10000;
    public static final int DIFFERENTIAL = 0x20000;
    public static final int PLEX = 0x40000;
    public static final int IMPORTED = 0x80000;
    public static final int EXPOSED_LOCALLY = 0x100000;
    public static final int EXPOSED_REMOTELY = 0x200000;
    public static final int AUTORECOVER = 0x400000;
    public static final int ROLLBACK_RECOVERY = 0x800000;
    public static final int DELAYED_POSTSNAPSHOT = 0x1000000;
    public static final int TXF_RECOVERY = 0x2000000;
    public static final int FILE_SHARE = 0x4000000;

    private static final int[] ORDER = {PERSISTENT, 0x400 /* read/write, vssadmin's own */, CLIENT_ACCESSIBLE,
        NO_AUTO_RELEASE, NO_WRITERS, TRANSPORTABLE, NOT_SURFACED, NOT_TRANSACTED, HARDWARE_ASSISTED, DIFFERENTIAL,
        PLEX, IMPORTED, EXPOSED_LOCALLY, EXPOSED_REMOTELY, AUTORECOVER, ROLLBACK_RECOVERY, DELAYED_POSTSNAPSHOT,
        TXF_RECOVERY, FILE_SHARE, NO_AUTORECOVERY};
    private static final String[] WORDS = {"Persistent", "Read/Write", "Client-accessible", "No auto release",
        "No writers", "Transportable", "Not surfaced", "Not transacted", "Hardware assisted", "Differential",
        "Plex", "Imported", "Exposed locally", "Exposed remotely", "Auto recovered", "Rollback recovery",
        "Delayed post snapshot", "Txf recovery", "FileShare", "No auto recovery"};

    public boolean has(int bit) {
        return (bits & bit) == bit;
    }

    public VolumeSnapshotAttributes with(int bit) {
        return new VolumeSnapshotAttributes(bits | bit);
    }

    /** The vssadmin words for the set bits, in vssadmin's order. */
    public List<String> words() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < ORDER.length; i++) {
            if ((bits & ORDER[i]) != 0) {
                out.add(WORDS[i]);
            }
        }
        return out;
    }

    public String text() {
        List<String> w = words();
        return w.isEmpty() ? "<NONE>" : String.join(", ", w);
    }
}
