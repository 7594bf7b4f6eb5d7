package dev.vsskit.vss.windows;

/**
 * The Hyper-V writer names how it backs a VM up in the component's caption ({@code Backup Using Saved
 * State\<VM>}, {@code Backup Using Child Partition Snapshot\<VM>}, as a DPM note shows; UNVERIFIED on a real
 * host): the binding turns that into vsskit's backup method ("Saved State", "Online") and the VM's name.
 * Other captions pass through with no method.
 */
public record HyperVCaption(String caption, String backupMethod) {

    static final String SAVED_STATE_PREFIX = "Backup Using Saved State\\";
    static final String ONLINE_PREFIX = "Backup Using Child Partition Snapshot\\";

    public static HyperVCaption parse(String caption) {
        if (caption.startsWith(SAVED_STATE_PREFIX)) {
            return new HyperVCaption(caption.substring(SAVED_STATE_PREFIX.length()), "Saved State");
        }
        if (caption.startsWith(ONLINE_PREFIX)) {
            return new HyperVCaption(caption.substring(ONLINE_PREFIX.length()), "Online");
        }
        return new HyperVCaption(caption, "");
    }

    /** The caption a Hyper-V writer would give a VM with this backup method (for the served lab). */
    public static String format(String vmName, String backupMethod) {
        return switch (backupMethod) {
            case "Saved State" -> SAVED_STATE_PREFIX + vmName;
            case "Online" -> ONLINE_PREFIX + vmName;
            default -> vmName;
        };
    }
}
