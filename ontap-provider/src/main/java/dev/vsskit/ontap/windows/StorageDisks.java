package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.LunIds;
import dev.vsskit.vss.HostException;
import dev.vsskit.vss.windows.Wmi;
import dev.vsskit.vss.windows.WmiObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One job: a disk that has just been presented to this host (a LUN, found by its serial number) mounted in an empty
 * folder, and taken away again, through the Storage Management API's WMI classes
 * ({@code ROOT\Microsoft\Windows\Storage}): {@code MSFT_StorageSetting.UpdateHostStorageCache} (rescan), the
 * {@code MSFT_Disk} whose {@code SerialNumber} (or the serial inside its NAA {@code UniqueId}) is the LUN's,
 * {@code Online} (a clone of a disk that is online carries the same disk GUID or MBR signature; Windows keeps such a
 * disk offline with {@code OfflineReason} 4, Collision, so the clone gets a new one with {@code SetAttributes} and is
 * brought online again), {@code SetAttributes(IsReadOnly = false)} when it came read-only (NTFS replays the log of a
 * crash-consistent copy when it mounts it, which needs writes), the data partition's
 * {@code MSFT_Partition.AddAccessPath(folder)}; closing the mount does {@code RemoveAccessPath} and {@code Offline}.
 * Every step done is undone, in reverse order, when a later one fails.
 */
final class StorageDisks {

    static final String NAMESPACE = "ROOT\\Microsoft\\Windows\\Storage";
    /** GPT partition type of a basic data partition (NTFS, ReFS). */
    static final String GPT_BASIC_DATA = "{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}";
    /** MBR partition type of an installable file system (NTFS). */
    static final long MBR_IFS = 7;
    /** MSFT_Disk.OfflineReason: the disk's signature or GUID collides with a disk that is online. */
    static final long OFFLINE_COLLISION = 4;
    static final long PARTITION_STYLE_MBR = 1;
    static final long PARTITION_STYLE_GPT = 2;

    private static final List<String> DISK_PROPERTIES = List.of("__PATH", "Number", "SerialNumber", "UniqueId",
            "IsOffline", "OfflineReason", "IsReadOnly", "PartitionStyle", "Guid", "Signature");
    private static final List<String> PARTITION_PROPERTIES = List.of("__PATH", "DiskNumber", "PartitionNumber",
            "GptType", "MbrType", "Type");
    private static final List<String> OUT = List.of("ReturnValue");

    private final Wmi wmi;
    private final Duration appearWithin;
    private final Duration poll;

    /**
     * @param appearWithin how long to wait, rescanning, for the disk to appear after it was presented to the host
     */
    StorageDisks(Wmi wmi, Duration appearWithin, Duration poll) {
        this.wmi = wmi;
        this.appearWithin = appearWithin;
        this.poll = poll;
    }

    /** This host's initiators ({@code MSFT_InitiatorPort.NodeAddress}: iSCSI IQNs, FC WWNs), lower case. */
    List<String> initiators() {
        List<String> out = new ArrayList<>();
        for (WmiObject p : wmi.query("SELECT * FROM MSFT_InitiatorPort", List.of("NodeAddress", "PortAddress"))) {
            p.string("NodeAddress").map(s -> s.toLowerCase(Locale.ROOT)).ifPresent(out::add);
            p.string("PortAddress").map(s -> s.toLowerCase(Locale.ROOT)).ifPresent(out::add);
        }
        return out;
    }

    /** The disk with this LUN serial, mounted at {@code folder} (an existing empty folder); closing unmounts it. */
    Mounted mount(String serial, Path folder) {
        UndoSteps undo = new UndoSteps();
        try {
            WmiObject disk = appeared(serial);
            long number = disk.number("Number").orElseThrow(() -> new HostException("MSFT_Disk with serial " + serial
                    + " has no Number"));
            String path = disk.string("__PATH").orElseThrow();
            if (bool(disk, "IsOffline")) {
                call("MSFT_Disk", path, "Online", Map.of(), "bring disk " + number + " (LUN " + serial + ") online");
                undo.push(() -> call("MSFT_Disk", path, "Offline", Map.of(), "take disk " + number + " offline"));
                disk = reread(serial, number);
                if (bool(disk, "IsOffline") && disk.number("OfflineReason").orElse(0L) == OFFLINE_COLLISION) {
                    // the clone carries its source's disk GUID / signature; give it its own, then online again
                    call("MSFT_Disk", path, "SetAttributes", newIdentity(disk), "give disk " + number + " (LUN "
                            + serial + ") a new " + (isMbr(disk) ? "signature" : "GUID") + " after a collision");
                    call("MSFT_Disk", path, "Online", Map.of(), "bring disk " + number + " (LUN " + serial
                            + ") online after giving it a new identity");
                    disk = reread(serial, number);
                }
                if (bool(disk, "IsOffline")) {
                    long reason = disk.number("OfflineReason").orElse(0L);
                    throw new HostException("disk " + number + " (LUN " + serial + ") stayed offline after Online"
                            + " (OfflineReason " + reason + ", " + offlineReason(reason) + "); see Get-Disk -Number "
                            + number);
                }
            } else {
                // presented online (SAN policy OnlineAll): still ours to take offline afterwards
                undo.push(() -> call("MSFT_Disk", path, "Offline", Map.of(), "take disk " + number + " offline"));
            }
            if (bool(disk, "IsReadOnly")) {
                call("MSFT_Disk", path, "SetAttributes", Map.of("IsReadOnly", false), "make disk " + number
                        + " (LUN " + serial + ") writable, so NTFS can replay its log when it mounts it");
            }
            WmiObject partition = dataPartition(number, serial);
            String partitionPath = partition.string("__PATH").orElseThrow();
            String accessPath = folder.toAbsolutePath().toString();
            String what = "partition " + partition.number("PartitionNumber").orElse(0L) + " of disk " + number;
            call("MSFT_Partition", partitionPath, "AddAccessPath", Map.of("AccessPath", accessPath), "mount " + what
                    + " (LUN " + serial + ") at " + accessPath);
            undo.push(() -> call("MSFT_Partition", partitionPath, "RemoveAccessPath", Map.of("AccessPath", accessPath),
                    "unmount " + what + " from " + accessPath));
            return new Mounted(number, undo);
        } catch (RuntimeException e) {
            undo.undoAfter(e);
            throw e;
        }
    }

    /**
     * For cleanup after a killed run: the disk with this LUN serial, if the host has it, taken offline (which
     * dismounts its volume) before its LUN is unmapped; its number, or empty when the host has no such disk.
     */
    Optional<Long> offlineIfPresent(String serial) {
        Optional<WmiObject> disk = find(serial);
        if (disk.isEmpty()) {
            return Optional.empty();
        }
        long number = disk.get().number("Number").orElse(-1L);
        if (!bool(disk.get(), "IsOffline")) {
            call("MSFT_Disk", disk.get().string("__PATH").orElseThrow(), "Offline", Map.of(), "take disk " + number
                    + " (LUN " + serial + ") offline");
        }
        return Optional.of(number);
    }

    /** A mounted disk; {@link #close} unmounts it and takes it offline (each step tried, the first failure thrown). */
    record Mounted(long diskNumber, UndoSteps undo) implements AutoCloseable {
        @Override
        public void close() {
            undo.close();
        }
    }

    /** Rescans, then waits for the disk to appear (a real host can take seconds after the LUN map). */
    private WmiObject appeared(String serial) {
        long deadline = System.nanoTime() + appearWithin.toNanos();
        while (true) {
            call("MSFT_StorageSetting", "MSFT_StorageSetting", "UpdateHostStorageCache", Map.of(),
                    "rescan the host's disks");
            Optional<WmiObject> disk = find(serial);
            if (disk.isPresent()) {
                return disk.get();
            }
            if (System.nanoTime() >= deadline) {
                throw new HostException("LUN " + serial + " was mapped to this host, but no disk with that serial"
                        + " appeared within " + appearWithin.toSeconds() + " s of a rescan; check the host's iSCSI"
                        + " or FC sessions to the SVM (Get-IscsiSession) and that its initiator is in the igroup");
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HostException("interrupted while waiting for LUN " + serial + " to appear");
            }
        }
    }

    private Optional<WmiObject> find(String serial) {
        String naa = LunIds.naaFromSerial(serial).toLowerCase(Locale.ROOT);
        List<WmiObject> found = wmi.query("SELECT * FROM MSFT_Disk", DISK_PROPERTIES).stream()
                .filter(d -> d.string("SerialNumber").map(String::trim).filter(serial::equals).isPresent()
                        || d.string("UniqueId").map(u -> u.toLowerCase(Locale.ROOT).contains(naa)).orElse(false))
                .toList();
        if (found.size() > 1) {
            // several paths to one LUN without MPIO: each path is a disk; refuse rather than pick one
            throw new HostException("LUN " + serial + " appears as " + found.size() + " disks ("
                    + String.join(", ", found.stream().map(d -> "disk " + d.number("Number").orElse(-1L)).toList())
                    + "): the host reaches it over several paths without MPIO; install Multipath I/O for the SVM's"
                    + " LUNs");
        }
        return found.stream().findFirst();
    }

    private WmiObject reread(String serial, long number) {
        return find(serial).orElseThrow(() -> new HostException("disk " + number + " (LUN " + serial
                + ") disappeared while it was being brought online"));
    }

    private WmiObject dataPartition(long diskNumber, String serial) {
        List<WmiObject> all = wmi.query("SELECT * FROM MSFT_Partition WHERE DiskNumber = " + diskNumber,
                PARTITION_PROPERTIES);
        List<WmiObject> data = all.stream().filter(p -> p.string("GptType").map(g -> g.equalsIgnoreCase(GPT_BASIC_DATA))
                .orElse(false) || p.number("MbrType").filter(t -> t == MBR_IFS).isPresent()).toList();
        if (data.size() != 1) {
            throw new HostException("disk " + diskNumber + " (LUN " + serial + ") has " + data.size() + " data"
                    + " partitions of " + all.size() + "; vsskit mounts a LUN with exactly one (a CSV's)");
        }
        return data.get(0);
    }

    private static Map<String, Object> newIdentity(WmiObject disk) {
        if (isMbr(disk)) {
            return Map.of("Signature", new java.security.SecureRandom().nextInt() | 1);
        }
        return Map.of("Guid", "{" + UUID.randomUUID() + "}");
    }

    private static boolean isMbr(WmiObject disk) {
        return disk.number("PartitionStyle").orElse(PARTITION_STYLE_GPT) == PARTITION_STYLE_MBR;
    }

    private static boolean bool(WmiObject o, String name) {
        Object v = o.properties().get(name);
        return Boolean.TRUE.equals(v);
    }

    /** One Storage Management method; ReturnValue 0 is success, anything else a one-line error naming it. */
    private void call(String className, String path, String method, Map<String, ?> in, String what) {
        WmiObject out = wmi.execMethod(className, path, method, in, OUT);
        long rv = out.number("ReturnValue").orElse(-1L);
        if (rv != 0) {
            throw new HostException("could not " + what + ": " + className + "." + method + " returned " + rv + " ("
                    + describe(rv) + ")");
        }
    }

    /** MSFT_Disk.OfflineReason as documented (the values of VDS_DISK_OFFLINE_REASON). */
    static String offlineReason(long reason) {
        return switch ((int) reason) {
            case 1 -> "Policy: the SAN policy";
            case 2 -> "Redundant Path: another path to the same disk, without MPIO";
            case 3 -> "Snapshot: the disk holds a shadow copy volume";
            case 4 -> "Collision: its signature or GUID is another disk's";
            case 5 -> "Resource Exhausted";
            case 6 -> "Critical Write Failures";
            case 7 -> "Data Integrity Scan Required";
            default -> "unknown";
        };
    }

    /** The Storage Management API's documented return values (MSFT_Disk, MSFT_Partition). */
    static String describe(long rv) {
        return switch ((int) rv) {
            case 1 -> "Not Supported";
            case 2 -> "Unspecified Error";
            case 3 -> "Timeout";
            case 4 -> "Failed";
            case 5 -> "Invalid Parameter";
            case 40001 -> "Access denied";
            case 40002 -> "There are not enough resources to complete the operation";
            case 42002 -> "The requested access path is already in use";
            case 42004 -> "Cannot assign access paths to hidden partitions";
            case 42005 -> "Cannot remove a volume GUID path";
            case 42007 -> "The access path is not valid";
            default -> rv < 0 ? "no ReturnValue" : "see the MSFT_Disk / MSFT_Partition method's documentation";
        };
    }
}
