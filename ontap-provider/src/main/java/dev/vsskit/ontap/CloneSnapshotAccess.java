package dev.vsskit.ontap;

import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.store.StorageVolume;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.SnapshotAccess;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deep verify's access to a Snapshot copy on ONTAP without copying it: a FlexClone of the Snapshot copy
 * ({@code POST /api/storage/volumes} with {@code clone.parent_snapshot}), read through {@link CloneFiles},
 * and deleted when closed ({@code DELETE /api/storage/volumes/{uuid}}), whatever the checks found.
 */
public final class CloneSnapshotAccess implements SnapshotAccess {

    /** The prefix of the clones deep verify makes; an interrupted run's clones can be found by it. */
    public static final String CLONE_PREFIX = "vsskit_verify_";

    /** How the host reads a file of a clone volume (an SMB share or NFS export of it; the lab reads its store). */
    @FunctionalInterface
    public interface CloneFiles {
        ByteSource open(String cloneVolume, String pathInVolume) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LEFTOVER = Pattern.compile(CLONE_PREFIX + "([0-9]{1,10})_[0-9a-f]{8}");

    private final SnapshotStore store;
    private final CloneFiles files;

    public CloneSnapshotAccess(SnapshotStore store, CloneFiles files) {
        this.store = store;
        this.files = files;
    }

    /**
     * Deletes the clones an interrupted verify left ({@code vsskit_verify_<pid>_<hex>} whose process is gone
     * from this host), so a killed run holds no Snapshot copy for long; returns their names.
     */
    @Override
    public List<String> releaseLeftovers() {
        List<String> deleted = new ArrayList<>();
        for (StorageVolume v : store.volumes()) {
            Matcher m = LEFTOVER.matcher(v.name());
            if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false)) {
                continue;
            }
            if (m.matches()) {
                store.deleteClone(v.name());
                deleted.add(v.name());
            }
        }
        return deleted;
    }

    @Override
    public Opened open(String storageVolume, String snapshot) {
        byte[] tag = new byte[4];
        RANDOM.nextBytes(tag);
        String name = store.cloneVolume(storageVolume, snapshot, CLONE_PREFIX + ProcessHandle.current().pid() + "_"
                + HexFormat.of().formatHex(tag));
        return new Opened() {
            @Override
            public String description() {
                return "FlexClone " + name + " of " + storageVolume + " Snapshot copy " + snapshot + " on "
                        + store.describe();
            }

            @Override
            public ByteSource open(String pathInVolume) throws IOException {
                return files.open(name, pathInVolume);
            }

            @Override
            public void close() {
                store.deleteClone(name);
            }
        };
    }
}
