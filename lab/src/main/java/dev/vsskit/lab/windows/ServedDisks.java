package dev.vsskit.lab.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.ontap.LunIds;
import dev.vsskit.ontap.windows.DiskIoNative;
import dev.vsskit.vss.windows.NativeData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The lab's disks served behind the disk seam as Windows would answer the device I/O controls, in native memory
 * laid out from {@code winioctl.h}'s declarations (offsets written out here, independently of the binding's
 * {@code DiskIoApi} table, so one wrong offset does not cancel out): disk 0 is the system disk under {@code C:}
 * (a Microsoft virtual disk without an NAA designator); each CSV volume lies on its own disk, an ONTAP LUN with
 * vendor {@code NETAPP}, product {@code LUN C-Mode}, the LUN's serial number (page 0x80) and its NAA designator
 * {@code 600a0980 + hex(serial)} (page 0x83, after a vendor-specific and a target-port designator, as arrays
 * report them). A test double: {@link #problems()} names what the caller did wrong (a handle not closed, closed
 * twice, an unknown control code).
 */
public final class ServedDisks implements DiskIoNative {

    private static final int IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS = 0x00560000;
    private static final int IOCTL_STORAGE_QUERY_PROPERTY = 0x002D1400;
    private static final int ERROR_FILE_NOT_FOUND = 2;
    private static final int ERROR_INVALID_HANDLE = 6;
    private static final int ERROR_INVALID_FUNCTION = 1;
    private static final int ERROR_INVALID_PARAMETER = 87;
    private static final int ERROR_INSUFFICIENT_BUFFER = 122;
    private static final int ERROR_MORE_DATA = 234;

    /** A served disk: number and the inquiry data Windows would give. */
    public record Disk(int number, String vendor, String product, String revision, String serial, String naa) {
    }

    private record Opened(String device, Memory token) {
    }

    private final Map<String, List<Integer>> volumeDisks = new LinkedHashMap<>();
    private final Map<Integer, Disk> disks = new LinkedHashMap<>();
    private final Map<Long, Opened> open = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Integer> lastError = ThreadLocal.withInitial(() -> 0);

    public ServedDisks(LabConfig config) {
        disks.put(0, new Disk(0, "Msft", "Virtual Disk", "1.0", "", ""));
        int next = 1;
        for (LabVolume v : config.volumes()) {
            String guidName = strip(v.volumeName()).toLowerCase(Locale.ROOT);
            if (v.kind() == VolumeKind.CSV && v.lunSerial() != null) {
                disks.put(next, new Disk(next, "NETAPP", "LUN C-Mode", "9800", v.lunSerial(),
                        LunIds.naaFromSerial(v.lunSerial())));
                volumeDisks.put(guidName, List.of(next));
                next++;
            } else if (v.kind() != VolumeKind.SMB) {
                volumeDisks.put(guidName, List.of(0));
                if (v.path().length() >= 2 && v.path().charAt(1) == ':' && v.path().length() <= 3) {
                    volumeDisks.put(("\\\\.\\" + v.path().substring(0, 2)).toLowerCase(Locale.ROOT), List.of(0));
                }
            }
        }
    }

    public List<Disk> disks() {
        return List.copyOf(disks.values());
    }

    /** What the caller did wrong, including handles still open. */
    public List<String> problems() {
        List<String> out = new ArrayList<>(problems);
        open.values().forEach(o -> out.add("handle of " + o.device() + " never closed"));
        return out;
    }

    /** The calls made, in order, e.g. {@code CreateFileW \\.\PhysicalDrive1}. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private static String strip(String volumeName) {
        return volumeName.endsWith("\\") ? volumeName.substring(0, volumeName.length() - 1) : volumeName;
    }

    @Override
    public Pointer createFileW(Pointer fileName, int desiredAccess, int shareMode, Pointer securityAttributes,
            int creationDisposition, int flagsAndAttributes, Pointer templateFile) {
        String name = NativeData.readUtf16(fileName);
        calls.add("CreateFileW " + name);
        String key = name.toLowerCase(Locale.ROOT);
        boolean known = volumeDisks.containsKey(key) || (key.startsWith("\\\\.\\physicaldrive")
                && parseDisk(key) >= 0 && disks.containsKey(parseDisk(key)));
        if (creationDisposition != 3 /* OPEN_EXISTING */) {
            problems.add("CreateFileW " + name + " with creation disposition " + creationDisposition
                    + " (a device is opened with OPEN_EXISTING)");
        }
        if (!known) {
            lastError.set(ERROR_FILE_NOT_FOUND);
            return Pointer.createConstant(-1L);
        }
        Memory token = new Memory(8);
        open.put(Pointer.nativeValue(token), new Opened(name, token));
        return token;
    }

    private static int parseDisk(String key) {
        try {
            return Integer.parseInt(key.substring("\\\\.\\physicaldrive".length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int lastError() {
        return lastError.get();
    }

    @Override
    public int closeHandle(Pointer handle) {
        Opened o = handle == null ? null : open.remove(Pointer.nativeValue(handle));
        if (o == null) {
            problems.add("CloseHandle of a handle that is not open");
            return ERROR_INVALID_HANDLE;
        }
        calls.add("CloseHandle " + o.device());
        return 0;
    }

    @Override
    public int deviceIoControl(Pointer device, int code, Pointer in, int inSize, Pointer out, int outSize,
            Pointer bytesReturned, Pointer overlapped) {
        Opened o = device == null ? null : open.get(Pointer.nativeValue(device));
        if (o == null) {
            problems.add("DeviceIoControl on a handle that is not open");
            return ERROR_INVALID_HANDLE;
        }
        String key = o.device().toLowerCase(Locale.ROOT);
        if (code == IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS) {
            calls.add("DeviceIoControl IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS " + o.device());
            List<Integer> on = volumeDisks.get(key);
            if (on == null) {
                return ERROR_INVALID_FUNCTION; // a disk, not a volume
            }
            byte[] answer = diskExtents(on);
            if (outSize < 32) {
                return ERROR_INSUFFICIENT_BUFFER;
            }
            int n = Math.min(answer.length, outSize);
            out.write(0, answer, 0, n);
            bytesReturned.setInt(0, n);
            return n < answer.length ? ERROR_MORE_DATA : 0;
        }
        if (code == IOCTL_STORAGE_QUERY_PROPERTY) {
            if (inSize < 12 || in == null) {
                return ERROR_INVALID_PARAMETER;
            }
            int property = in.getInt(0);
            int queryType = in.getInt(4);
            calls.add("DeviceIoControl IOCTL_STORAGE_QUERY_PROPERTY(" + property + ") " + o.device());
            if (!key.startsWith("\\\\.\\physicaldrive") || queryType != 0) {
                return ERROR_INVALID_FUNCTION;
            }
            Disk d = disks.get(parseDisk(key));
            byte[] answer = switch (property) {
                case 0 -> deviceDescriptor(d);
                case 2 -> d.naa().isEmpty() ? null : idDescriptor(d);
                default -> null;
            };
            if (answer == null) {
                return ERROR_INVALID_FUNCTION;
            }
            if (outSize < 8) {
                return ERROR_INSUFFICIENT_BUFFER;
            }
            // as Windows does: as much as fits, with Size telling the whole length
            int n = Math.min(answer.length, outSize);
            out.write(0, answer, 0, n);
            bytesReturned.setInt(0, n);
            return 0;
        }
        problems.add("DeviceIoControl with control code 0x" + Integer.toHexString(code) + " the served disks do not know");
        return ERROR_INVALID_FUNCTION;
    }

    /** VOLUME_DISK_EXTENTS: DWORD count, 4 bytes padding, then DISK_EXTENT {DWORD disk; pad; LONGLONG start, length}. */
    private static byte[] diskExtents(List<Integer> on) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 24 * on.size()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, on.size());
        for (int i = 0; i < on.size(); i++) {
            b.putInt(8 + 24 * i, on.get(i));
            b.putLong(8 + 24 * i + 8, 1L << 20);
            b.putLong(8 + 24 * i + 16, 500L << 30);
        }
        return b.array();
    }

    /**
     * STORAGE_DEVICE_DESCRIPTOR: Version, Size, DeviceType, DeviceTypeModifier, RemovableMedia, CommandQueueing
     * (bytes 8..11), VendorIdOffset 12, ProductIdOffset 16, ProductRevisionOffset 20, SerialNumberOffset 24,
     * BusType 28, RawPropertiesLength 32, RawDeviceProperties 36; the strings after it, NUL-terminated, the
     * inquiry fields space-padded (vendor 8, product 16, revision 4).
     */
    private static byte[] deviceDescriptor(Disk d) {
        byte[] vendor = ascii(pad(d.vendor(), 8));
        byte[] product = ascii(pad(d.product(), 16));
        byte[] revision = ascii(pad(d.revision(), 4));
        byte[] serial = ascii(d.serial());
        int vendorAt = 40;
        int productAt = vendorAt + vendor.length + 1;
        int revisionAt = productAt + product.length + 1;
        int serialAt = revisionAt + revision.length + 1;
        int size = serialAt + serial.length + 1;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 40);
        b.putInt(4, size);
        b.put(8, (byte) 0); // DIRECT_ACCESS_DEVICE
        b.put(11, (byte) 1); // CommandQueueing
        b.putInt(12, vendorAt);
        b.putInt(16, productAt);
        b.putInt(20, revisionAt);
        b.putInt(24, d.serial().isEmpty() ? 0 : serialAt);
        b.putInt(28, d.vendor().equals("NETAPP") ? 0x0A : 0x0E); // BusTypeSas for the LUNs, BusTypeVirtual (Hyper-V)
        b.put(vendorAt, vendor);
        b.put(productAt, product);
        b.put(revisionAt, revision);
        b.put(serialAt, serial);
        return b.array();
    }

    /**
     * STORAGE_DEVICE_ID_DESCRIPTOR: Version, Size, NumberOfIdentifiers, then STORAGE_IDENTIFIERs at offset 12, each
     * CodeSet 0, Type 4, IdentifierSize 8 (USHORT), NextOffset 10 (USHORT), Association 12, Identifier 16, the next
     * one NextOffset bytes on (rounded to 4).
     */
    private static byte[] idDescriptor(Disk d) {
        List<byte[]> ids = List.of(
                identifier(2 /* ASCII */, 0 /* vendor specific */, 0, ascii("NETAPP  LUN C-Mode      " + d.serial())),
                identifier(1 /* binary */, 4 /* port relative */, 1 /* port */, new byte[] {0, 0, 0, 1}),
                identifier(1 /* binary */, 3 /* NAA */, 0 /* device */, HexFormat.of().parseHex(d.naa())));
        int size = 12 + ids.stream().mapToInt(x -> x.length).sum();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(size).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 1);
        b.putInt(4, size);
        b.putInt(8, ids.size());
        int at = 12;
        for (byte[] id : ids) {
            b.put(at, id);
            at += id.length;
        }
        return b.array();
    }

    private static byte[] identifier(int codeSet, int type, int association, byte[] value) {
        int length = (16 + value.length + 3) & ~3;
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, codeSet);
        b.putInt(4, type);
        b.putShort(8, (short) value.length);
        b.putShort(10, (short) length);
        b.putInt(12, association);
        b.put(16, value);
        return b.array();
    }

    private static String pad(String s, int n) {
        return s.length() >= n ? s : s + " ".repeat(n - s.length());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
