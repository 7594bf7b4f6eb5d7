package dev.vsskit.lab.windows;

import com.sun.jna.Pointer;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.ontap.LunIds;
import dev.vsskit.vss.windows.NativeData;
import dev.vsskit.vss.windows.WmiInterfaces;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Storage Management API's WMI namespace {@code ROOT\Microsoft\Windows\Storage} over the lab, served as native COM
 * objects (handed out by {@link ServedWmi}'s locator for that namespace): {@code MSFT_Disk}, {@code MSFT_Partition},
 * {@code MSFT_InitiatorPort} and {@code MSFT_StorageSetting}. The host's disks are the lab's (disk 0 under C:, one
 * online disk per CSV's LUN, numbered as {@link ServedDisks} numbers them); a LUN clone the simulator maps to an igroup
 * holding this host's initiator appears after a rescan ({@code UpdateHostStorageCache}) as a new disk, offline (SAN
 * policy OfflineShared), read-only, with its source disk's GUID (a clone's), so Windows keeps it offline with
 * OfflineReason 4 (Collision) until it gets a GUID of its own ({@code SetAttributes(Guid)}); its data partition's
 * {@code AddAccessPath(folder)} mounts, in that folder, the CSV volume's files as they are in the clone's Snapshot
 * copy (read from the simulator's copy-on-write store, as the lab's ExposeSnapshot does), {@code RemoveAccessPath}
 * unmounts them. When the LUN is unmapped the disk goes. Wrong calls are refused as Windows would (a return value)
 * and recorded ({@link #problems()}): an unknown disk or partition, a disk vsskit did not present, mounting an offline
 * or read-only disk or the MSR partition, a path that is not an empty folder, removing a path never added, taking a
 * disk offline while mounted, and, at the end, a presented disk left online or mounted.
 */
public final class ServedStorageWmi {

    static final String NAMESPACE = "ROOT\\Microsoft\\Windows\\Storage";
    static final String GPT_BASIC_DATA = "{ebd0a0a2-b9e5-4433-87c0-68b6b72699c7}";
    static final String GPT_MSR = "{e3c9e316-0b5c-4db8-817d-f92df00215ae}";

    /** A served disk. */
    private static final class Disk {
        final int number;
        final String serial;
        final String lunName;
        final boolean presented;
        final String cloneVolume;
        final String cloneSnapshot;
        boolean offline;
        int offlineReason;
        boolean readOnly;
        String guid;
        Path accessPath;
        boolean touched;

        Disk(int number, String serial, String lunName, boolean presented, String cloneVolume, String cloneSnapshot,
                String guid) {
            this.number = number;
            this.serial = serial;
            this.lunName = lunName;
            this.presented = presented;
            this.cloneVolume = cloneVolume;
            this.cloneSnapshot = cloneSnapshot;
            this.guid = guid;
        }

        String path(String computer) {
            return "\\\\" + computer + "\\ROOT\\Microsoft\\Windows\\Storage:MSFT_Disk.ObjectId=\"{lab}disk-" + number
                    + "\"";
        }
    }

    private final ServedWmi wmi;
    private final ServedVss vss;
    private final LabHost host;
    private final Map<Integer, Disk> disks = new LinkedHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> failNext = new LinkedHashMap<>();
    private int nextNumber;

    ServedStorageWmi(ServedWmi wmi, ServedVss vss, LabHost host) {
        this.wmi = wmi;
        this.vss = vss;
        this.host = host;
        disks.put(0, new Disk(0, "", "", false, null, null, guidOf("system")));
        int n = 1;
        for (LabConfig.LabVolume v : host.config().volumes()) {
            if (v.kind() == LabConfig.VolumeKind.CSV && v.lunSerial() != null) {
                disks.put(n, new Disk(n, v.lunSerial(), v.key(), false, null, null, guidOf(v.lunSerial())));
                n++;
            }
        }
        nextNumber = n;
    }

    /** A disk's GPT GUID, as Windows wrote it when the disk was initialised: derived from its LUN's serial here. */
    private static String guidOf(String serial) {
        return "{" + UUID.nameUUIDFromBytes(serial.getBytes(StandardCharsets.US_ASCII)) + "}";
    }

    /** This host's iSCSI initiator name, Microsoft's default form (its FQDN), as the lab's igroup lists it. */
    String initiator() {
        return "iqn.1991-05.com.microsoft:" + host.computerName().toLowerCase(Locale.ROOT);
    }

    /** The next call of {@code method} (e.g. {@code AddAccessPath}) returns {@code returnValue} and changes nothing. */
    public synchronized ServedStorageWmi failNext(String method, int returnValue) {
        failNext.put(method, returnValue);
        return this;
    }

    /** The method calls made, in order, e.g. {@code MSFT_Disk.Online disk 5}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** What the caller did wrong, including presented disks still online or mounted now. */
    public synchronized List<String> problems() {
        sync();
        List<String> out = new ArrayList<>(problems);
        for (Disk d : disks.values()) {
            if (d.presented && d.accessPath != null) {
                out.add("disk " + d.number + " (LUN " + d.serial + ") is still mounted at " + d.accessPath);
            }
            if (d.presented && !d.offline && d.touched) {
                out.add("disk " + d.number + " (LUN " + d.serial + ") was left online");
            }
        }
        return out;
    }

    /** The folders presented disks are mounted at now. */
    public synchronized List<Path> mounted() {
        return disks.values().stream().filter(d -> d.accessPath != null).map(d -> d.accessPath).toList();
    }

    /** The presented disks (LUN clones) the host has now, by serial. */
    public synchronized List<String> presentedSerials() {
        sync();
        return disks.values().stream().filter(d -> d.presented).map(d -> d.serial).toList();
    }

    // --- the host's view of the simulator ------------------------------------------------------------------

    /** A disk whose LUN is no longer mapped is gone (Windows removes it without a rescan); a mount on it is a problem. */
    private void sync() {
        List<OntapLab.PresentedLun> luns = OntapLab.lunsPresentedTo(host.dir(), initiator());
        disks.values().removeIf(d -> {
            if (!d.presented || luns.stream().anyMatch(l -> l.serial().equals(d.serial))) {
                return false;
            }
            if (d.accessPath != null) {
                problems.add("LUN " + d.lunName + " was unmapped while disk " + d.number + " was mounted at "
                        + d.accessPath);
                clear(d.accessPath);
            } else if (!d.offline) {
                problems.add("LUN " + d.lunName + " was unmapped while disk " + d.number + " was online");
            }
            return true;
        });
    }

    /** UpdateHostStorageCache: LUN clones newly mapped to this host become disks, offline and read-only. */
    private void rescan() {
        sync();
        for (OntapLab.PresentedLun l : OntapLab.lunsPresentedTo(host.dir(), initiator())) {
            if (!l.isClone() || disks.values().stream().anyMatch(d -> d.serial.equals(l.serial()))) {
                continue;
            }
            Disk d = new Disk(nextNumber++, l.serial(), l.name(), true, l.cloneVolume(), l.cloneSnapshot(),
                    guidOf(l.sourceSerial() == null ? l.serial() : l.sourceSerial()));
            d.offline = true;
            d.offlineReason = 1; // Policy: the SAN policy keeps new shared disks offline
            d.readOnly = true;
            disks.put(d.number, d);
        }
    }

    private Map<String, Object> diskRow(Disk d) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__PATH", d.path(host.computerName()));
        p.put("__CLASS", "MSFT_Disk");
        p.put("ObjectId", "{lab}disk-" + d.number);
        p.put("Number", d.number);
        p.put("SerialNumber", d.serial);
        p.put("UniqueId", d.serial.isEmpty() ? "" : LunIds.naaFromSerial(d.serial).toUpperCase(Locale.ROOT));
        p.put("FriendlyName", d.serial.isEmpty() ? "Msft Virtual Disk" : "NETAPP LUN C-Mode");
        p.put("IsOffline", d.offline);
        p.put("OfflineReason", d.offlineReason);
        p.put("IsReadOnly", d.readOnly);
        p.put("PartitionStyle", 2);
        p.put("Guid", d.guid);
        return p;
    }

    private Map<String, Object> partitionRow(Disk d, int partition) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("__PATH", "\\\\" + host.computerName() + "\\ROOT\\Microsoft\\Windows\\Storage:MSFT_Partition.ObjectId="
                + "\"{lab}disk-" + d.number + "-partition-" + partition + "\"");
        p.put("__CLASS", "MSFT_Partition");
        p.put("DiskNumber", d.number);
        p.put("PartitionNumber", partition);
        p.put("GptType", partition == 1 ? GPT_MSR : GPT_BASIC_DATA);
        p.put("Type", partition == 1 ? "Reserved" : "Basic");
        p.put("IsHidden", partition == 1);
        return p;
    }

    private static final Pattern SELECT = Pattern.compile(
            "(?i)\\s*SELECT\\s+\\*\\s+FROM\\s+(\\w+)\\s*(?:WHERE\\s+(\\w+)\\s*=\\s*'?([^']*?)'?)?\\s*");

    /** ExecQuery: {@code SELECT * FROM class [WHERE Prop = value]}; null for a query it cannot run. */
    synchronized List<Map<String, Object>> query(String wql) {
        Matcher m = SELECT.matcher(wql);
        if (!m.matches()) {
            return null;
        }
        sync();
        List<Map<String, Object>> rows = new ArrayList<>();
        switch (m.group(1).toLowerCase(Locale.ROOT)) {
            case "msft_disk" -> disks.values().forEach(d -> rows.add(diskRow(d)));
            case "msft_partition" -> disks.values().stream().filter(d -> d.number > 0)
                    .forEach(d -> {
                        rows.add(partitionRow(d, 1));
                        rows.add(partitionRow(d, 2));
                    });
            case "msft_initiatorport" -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("__CLASS", "MSFT_InitiatorPort");
                p.put("NodeAddress", initiator());
                p.put("ConnectionType", 5);
                rows.add(p);
            }
            default -> {
                return null;
            }
        }
        if (m.group(2) == null) {
            return rows;
        }
        return rows.stream().filter(r -> r.entrySet().stream().anyMatch(e -> e.getKey().equalsIgnoreCase(m.group(2))
                && String.valueOf(e.getValue()).equalsIgnoreCase(m.group(3).trim()))).toList();
    }

    /** The in-parameters of each method the served classes have; empty: the method takes none (NULL signature). */
    static Optional<List<String>> signature(String className, String method) {
        String key = className.toLowerCase(Locale.ROOT) + "." + method;
        List<String> params = switch (key) {
            case "msft_storagesetting.UpdateHostStorageCache", "msft_disk.Online", "msft_disk.Offline" -> List.of();
            case "msft_disk.SetAttributes" -> List.of("IsReadOnly", "Signature", "Guid");
            case "msft_partition.AddAccessPath" -> List.of("AccessPath", "AssignDriveLetter");
            case "msft_partition.RemoveAccessPath" -> List.of("AccessPath");
            default -> null;
        };
        return Optional.ofNullable(params);
    }

    private static final Pattern DISK_PATH = Pattern.compile("(?i)MSFT_Disk\\.ObjectId=\"\\{lab}disk-(\\d+)\"");
    private static final Pattern PARTITION_PATH = Pattern.compile(
            "(?i)MSFT_Partition\\.ObjectId=\"\\{lab}disk-(\\d+)-partition-(\\d+)\"");

    /** ExecMethod: the out-parameters, or null for an object that does not exist (WBEM_E_NOT_FOUND). */
    synchronized Map<String, Object> execMethod(String path, String method, Map<String, Object> in) {
        sync();
        Map<String, Object> out = new LinkedHashMap<>();
        Integer forced = failNext.remove(method);
        if (path.equalsIgnoreCase("MSFT_StorageSetting")) {
            calls.add("MSFT_StorageSetting." + method);
            rescan();
            out.put("ReturnValue", forced == null ? 0 : forced);
            return out;
        }
        Matcher dm = DISK_PATH.matcher(path);
        Matcher pm = PARTITION_PATH.matcher(path);
        Disk d = dm.find() ? disks.get(Integer.parseInt(dm.group(1)))
                : pm.find() ? disks.get(Integer.parseInt(pm.group(1))) : null;
        if (d == null) {
            problems.add(method + " of " + path + ", which is no disk or partition of this host");
            return null;
        }
        String what = path.contains("MSFT_Partition") ? "MSFT_Partition." + method + " disk " + d.number
                + " partition " + pm.group(2) : "MSFT_Disk." + method + " disk " + d.number;
        calls.add(what + (in.isEmpty() ? "" : " " + in));
        if (!d.presented) {
            problems.add(what + ": disk " + d.number + " is one of the host's own disks, not one presented for a"
                    + " restore");
            out.put("ReturnValue", 40001);
            return out;
        }
        if (forced != null) {
            out.put("ReturnValue", forced);
            return out;
        }
        out.put("ReturnValue", switch (method) {
            case "Online" -> online(d);
            case "Offline" -> offline(d);
            case "SetAttributes" -> setAttributes(d, in);
            case "AddAccessPath" -> addAccessPath(d, Integer.parseInt(pm.group(2)), in);
            case "RemoveAccessPath" -> removeAccessPath(d, in);
            default -> 1;
        });
        return out;
    }

    private int online(Disk d) {
        d.touched = true;
        boolean collides = disks.values().stream().anyMatch(o -> o != d && !o.offline && o.guid.equalsIgnoreCase(d.guid));
        if (collides) {
            // as Windows does: the disk stays offline, reason Collision, until its identity is unique
            d.offline = true;
            d.offlineReason = 4;
            return 0;
        }
        d.offline = false;
        d.offlineReason = 0;
        return 0;
    }

    private int offline(Disk d) {
        if (d.accessPath != null) {
            problems.add("disk " + d.number + " was taken offline while still mounted at " + d.accessPath
                    + " (RemoveAccessPath first)");
            clear(d.accessPath);
            d.accessPath = null;
        }
        d.offline = true;
        d.offlineReason = 0;
        return 0;
    }

    private int setAttributes(Disk d, Map<String, Object> in) {
        Object ro = in.get("IsReadOnly");
        if (ro != null) {
            if (!(ro instanceof Boolean b)) {
                problems.add("SetAttributes IsReadOnly as " + ro + ", not a VT_BOOL of VARIANT_TRUE or VARIANT_FALSE");
                return 5;
            }
            d.readOnly = b;
        }
        Object guid = in.get("Guid");
        if (guid != null) {
            d.guid = guid.toString();
        }
        return 0;
    }

    private int addAccessPath(Disk d, int partition, Map<String, Object> in) {
        Object path = in.get("AccessPath");
        if (!(path instanceof String p) || p.isEmpty()) {
            problems.add("AddAccessPath without an AccessPath string");
            return 5;
        }
        if (partition != 2) {
            problems.add("AddAccessPath on partition " + partition + " of disk " + d.number + ", the hidden Microsoft"
                    + " Reserved partition");
            return 42004;
        }
        if (d.offline) {
            problems.add("AddAccessPath on disk " + d.number + ", which is offline" + (d.offlineReason == 4
                    ? " (Collision: its GUID is an online disk's)" : ""));
            return 4;
        }
        if (d.readOnly) {
            problems.add("AddAccessPath on disk " + d.number + ", which is read-only: NTFS cannot replay the log of a"
                    + " crash-consistent copy on it");
            return 4;
        }
        if (d.accessPath != null) {
            return 42002;
        }
        Path folder = Path.of(p).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder) || !isEmpty(folder)) {
            problems.add("AddAccessPath " + p + ", which is not an existing empty folder");
            return 42007;
        }
        OntapLab.StoredSnapshot stored = OntapLab.storedSnapshot(host.dir(), d.cloneVolume, d.cloneSnapshot)
                .orElseThrow(() -> new IllegalStateException("the LUN clone's Snapshot copy " + d.cloneVolume + "/"
                        + d.cloneSnapshot + " is not in the simulator"));
        copyInto(stored.store(), stored.snapshotId(), folder);
        d.accessPath = folder;
        return 0;
    }

    private int removeAccessPath(Disk d, Map<String, Object> in) {
        Object path = in.get("AccessPath");
        Path folder = path instanceof String p ? Path.of(p).toAbsolutePath().normalize() : null;
        if (folder == null || !folder.equals(d.accessPath)) {
            problems.add("RemoveAccessPath " + path + " of disk " + d.number + ", which is not mounted there");
            return 42007;
        }
        clear(folder);
        d.accessPath = null;
        return 0;
    }

    /** The volume's files as they are in the Snapshot copy, in the folder (the lab has no volumes to mount). */
    private static void copyInto(CowVolumeStore store, String snapshotId, Path folder) {
        try {
            dev.vsskit.lab.vss.internal.LabShadowAccess.copyFiles(store, store.snapshot(snapshotId).orElseThrow(), folder);
        } catch (IOException | RuntimeException e) {
            clear(folder);
            throw e instanceof IOException io ? new UncheckedIOException("cannot mount the LUN clone at " + folder, io)
                    : (RuntimeException) e;
        }
    }

    /** Unmounting: the folder is empty again. */
    private static void clear(Path folder) {
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(folder)) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unmount " + folder, e);
        }
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    // --- the native objects -------------------------------------------------------------------------------

    /** IWbemServices of the Storage namespace: GetObject (a class, for its methods), ExecQuery, ExecMethod. */
    final class Services extends ServedObject {
        Services() {
            super(ServedStorageWmi.this.vss, "IWbemServices", 37);
            set(6, (Fn.FPIPPP) (self, path, flags, ctx, out, callResult) -> hr("GetObject", () -> {
                wmi.blanket(self);
                String p = NativeData.readUtf16(path);
                if (p == null || !List.of("msft_disk", "msft_partition", "msft_storagesetting")
                        .contains(p.toLowerCase(Locale.ROOT))) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                out.setPointer(0, new StorageClass(p).pointer());
                return 0;
            }));
            set(20, (Fn.FPPIPP) (self, language, query, flags, ctx, out) -> hr("ExecQuery", () -> {
                wmi.blanket(self);
                if (!"WQL".equalsIgnoreCase(NativeData.readUtf16(language))) {
                    return ServedWmi.WBEM_E_INVALID_QUERY_TYPE;
                }
                List<Map<String, Object>> rows = query(NativeData.readUtf16(query));
                if (rows == null) {
                    return WmiInterfaces.WBEM_E_INVALID_QUERY;
                }
                out.setPointer(0, wmi.new Enumerator(rows).pointer());
                return 0;
            }));
            set(24, (Fn.FPPIPPPP) (self, path, method, flags, ctx, in, out, callResult) -> hr("ExecMethod", () -> {
                wmi.blanket(self);
                String p = NativeData.readUtf16(path);
                String m = NativeData.readUtf16(method);
                String className = p == null ? "" : p.replaceAll("(?i)^.*:|\\..*$", "");
                Optional<List<String>> sig = signature(className.isEmpty() ? String.valueOf(p) : className, m);
                if (sig.isEmpty()) {
                    return WmiInterfaces.WBEM_E_INVALID_METHOD;
                }
                Map<String, Object> params = new LinkedHashMap<>();
                if (!sig.get().isEmpty()) {
                    ServedWmi.Instance given = wmi.instance(in);
                    if (given == null || !given.spawnedFor(m)) {
                        vss.violation("ExecMethod(" + m + ") without in-parameters spawned from its signature");
                        return ServedWmi.WBEM_E_INVALID_PARAMETER;
                    }
                    given.props.forEach((k, v) -> {
                        if (v != null) {
                            params.put(k, v);
                        }
                    });
                } else if (in != null) {
                    vss.violation("ExecMethod(" + m + ") with in-parameters, though it takes none");
                }
                Map<String, Object> result = execMethod(p, m, params);
                if (result == null) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                out.setPointer(0, wmi.new Instance(result).pointer());
                return 0;
            }));
        }
    }

    /** A Storage class: GetMethod gives the method's in-signature (NULL for a method that takes none). */
    final class StorageClass extends ServedObject {
        StorageClass(String className) {
            super(ServedStorageWmi.this.vss, "IWbemClassObject", 27);
            set(19, (Fn.FPIPP) (self, name, flags, in, out) -> hr("GetMethod", () -> {
                String m = NativeData.readUtf16(name);
                Optional<List<String>> sig = signature(className, m);
                if (sig.isEmpty()) {
                    return WmiInterfaces.WBEM_E_NOT_FOUND;
                }
                if (in != null) {
                    if (sig.get().isEmpty()) {
                        in.setPointer(0, Pointer.NULL);
                    } else {
                        Map<String, Object> signature = new LinkedHashMap<>();
                        sig.get().forEach(param -> signature.put(param, null));
                        in.setPointer(0, wmi.new Instance(signature, m).pointer());
                    }
                }
                if (out != null) {
                    Map<String, Object> outSignature = new LinkedHashMap<>();
                    outSignature.put("ReturnValue", null);
                    outSignature.put("ExtendedStatus", null);
                    out.setPointer(0, wmi.new Instance(outSignature).pointer());
                }
                return 0;
            }));
        }
    }

    Services services() {
        return new Services();
    }
}
