package dev.vsskit.ontap.windows;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.windows.ComStruct;
import dev.vsskit.vss.windows.NativeData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What Windows knows of the disks under a volume, read with device I/O controls through {@link DiskIoNative}: the
 * volume's disks ({@code IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS} on the volume), and each disk's SCSI vendor, product
 * and serial number ({@code IOCTL_STORAGE_QUERY_PROPERTY}, {@code StorageDeviceProperty}: VPD page 0x80) and its NAA
 * designator ({@code StorageDeviceIdProperty}: VPD page 0x83). Every handle is closed; every layout read is a row of
 * {@link DiskIoApi}'s tables, checked against {@code winioctl.h}.
 */
public final class DiskIdentity {

    /** Large enough for a descriptor with its strings, or page 0x83's designators; a larger Size asks again. */
    private static final int FIRST_BUFFER = 1024;

    private final DiskIoNative nat;

    public DiskIdentity(DiskIoNative nat) {
        this.nat = Objects.requireNonNull(nat, "nat");
    }

    /** One disk as vsskit maps it to a LUN: its number and what page 0x80 and 0x83 say. */
    public record Disk(int number, LunInfo lun) {
    }

    /**
     * The disks a volume lies on, by its GUID name ({@code \\?\Volume{...}\}) or drive ({@code C:\}); the device
     * opened is the name without its trailing backslash, as CreateFileW wants a volume.
     */
    public List<Integer> disksOf(String volume) {
        String device = volumeDevice(volume);
        Pointer h = open(device);
        try {
            ComStruct x = DiskIoApi.VOLUME_DISK_EXTENTS;
            ComStruct e = DiskIoApi.DISK_EXTENT;
            int count = 1;
            for (int attempt = 0; attempt < 3; attempt++) {
                int size = x.offset("Extents") + count * e.size();
                Memory out = new Memory(size);
                out.clear();
                Memory returned = new Memory(4);
                int err = nat.deviceIoControl(h, DiskIoApi.IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS, null, 0, out, size,
                        returned, null);
                int n = out.getInt(x.offset("NumberOfDiskExtents"));
                if (err == DiskIoApi.ERROR_MORE_DATA && n > count) {
                    count = n; // a volume spanning disks: ask again with room for all of them
                    continue;
                }
                if (err != 0) {
                    throw failure("IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS", device, err);
                }
                List<Integer> disks = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int disk = out.getInt(x.offset("Extents") + (long) i * e.size() + e.offset("DiskNumber"));
                    if (!disks.contains(disk)) {
                        disks.add(disk);
                    }
                }
                return disks;
            }
            throw new IllegalStateException(device + ": IOCTL_VOLUME_GET_VOLUME_DISK_EXTENTS kept asking for a larger"
                    + " buffer");
        } finally {
            close(h);
        }
    }

    /** Disk {@code number}'s vendor, product, serial (page 0x80) and NAA designator (page 0x83), as a LUN. */
    public Disk disk(int number) {
        String device = "\\\\.\\PhysicalDrive" + number;
        Pointer h = open(device);
        try {
            Memory d = query(h, device, DiskIoApi.STORAGE_DEVICE_PROPERTY, "StorageDeviceProperty");
            ComStruct dd = DiskIoApi.STORAGE_DEVICE_DESCRIPTOR;
            int size = (int) Math.min(d.size(), Integer.toUnsignedLong(d.getInt(dd.offset("Size"))));
            String vendor = string(d, size, d.getInt(dd.offset("VendorIdOffset")));
            String product = string(d, size, d.getInt(dd.offset("ProductIdOffset")));
            String serial = string(d, size, d.getInt(dd.offset("SerialNumberOffset")));
            String naa = naa(h, device);
            return new Disk(number, new LunInfo(vendor, product, serial, naa));
        } finally {
            close(h);
        }
    }

    /** The LUNs under a volume, one per disk, in disk order. */
    public List<Disk> lunsOf(String volume) {
        return disksOf(volume).stream().map(this::disk).toList();
    }

    /** The NAA designator of VPD page 0x83 (lower-case hex), or "" when the disk reports none. */
    private String naa(Pointer h, String device) {
        Memory d;
        try {
            d = query(h, device, DiskIoApi.STORAGE_DEVICE_ID_PROPERTY, "StorageDeviceIdProperty");
        } catch (DiskIoException e) {
            if (e.error() == DiskIoApi.ERROR_INVALID_FUNCTION) {
                return ""; // the disk's driver does not answer page 0x83 (a virtual IDE disk, say)
            }
            throw e;
        }
        ComStruct idd = DiskIoApi.STORAGE_DEVICE_ID_DESCRIPTOR;
        ComStruct id = DiskIoApi.STORAGE_IDENTIFIER;
        long size = Math.min(d.size(), Integer.toUnsignedLong(d.getInt(idd.offset("Size"))));
        int count = d.getInt(idd.offset("NumberOfIdentifiers"));
        long at = idd.offset("Identifiers");
        String scsiName = "";
        for (int i = 0; i < count && at + id.offset("Identifier") <= size; i++) {
            int codeSet = d.getInt(at + id.offset("CodeSet"));
            int type = d.getInt(at + id.offset("Type"));
            int length = Short.toUnsignedInt(d.getShort(at + id.offset("IdentifierSize")));
            int next = Short.toUnsignedInt(d.getShort(at + id.offset("NextOffset")));
            int association = d.getInt(at + id.offset("Association"));
            long value = at + id.offset("Identifier");
            if (value + length > size) {
                break;
            }
            byte[] bytes = d.getByteArray(value, length);
            if (association == DiskIoApi.STORAGE_ID_ASSOC_DEVICE) {
                if (type == DiskIoApi.STORAGE_ID_TYPE_NAA && codeSet == DiskIoApi.STORAGE_ID_CODE_SET_BINARY) {
                    return HexFormat.of().formatHex(bytes);
                }
                if (type == DiskIoApi.STORAGE_ID_TYPE_SCSI_NAME_STRING && scsiName.isEmpty()) {
                    String s = new String(bytes, StandardCharsets.US_ASCII).replace("\0", "").trim();
                    if (s.toLowerCase(Locale.ROOT).startsWith("naa.")) {
                        scsiName = s.substring(4).toLowerCase(Locale.ROOT);
                    }
                }
            }
            if (next == 0) {
                break;
            }
            at += next;
        }
        return scsiName;
    }

    /** IOCTL_STORAGE_QUERY_PROPERTY(PropertyStandardQuery): the descriptor, asked again when it says it is larger. */
    private Memory query(Pointer h, String device, int propertyId, String property) {
        ComStruct q = DiskIoApi.STORAGE_PROPERTY_QUERY;
        Memory query = new Memory(q.size());
        query.clear();
        query.setInt(q.offset("PropertyId"), propertyId);
        query.setInt(q.offset("QueryType"), DiskIoApi.PROPERTY_STANDARD_QUERY);
        int size = FIRST_BUFFER;
        for (int attempt = 0; attempt < 3; attempt++) {
            Memory out = new Memory(size);
            out.clear();
            Memory returned = new Memory(4);
            int err = nat.deviceIoControl(h, DiskIoApi.IOCTL_STORAGE_QUERY_PROPERTY, query, q.size(), out, size,
                    returned, null);
            if (err != 0 && err != DiskIoApi.ERROR_MORE_DATA && err != DiskIoApi.ERROR_INSUFFICIENT_BUFFER) {
                throw failure("IOCTL_STORAGE_QUERY_PROPERTY(" + property + ")", device, err);
            }
            // Version, then Size: at the same offsets in both descriptors
            long wanted = Integer.toUnsignedLong(out.getInt(DiskIoApi.STORAGE_DEVICE_DESCRIPTOR.offset("Size")));
            if (wanted > size && wanted < (1 << 20)) {
                size = (int) wanted;
                continue;
            }
            if (err != 0) {
                throw failure("IOCTL_STORAGE_QUERY_PROPERTY(" + property + ")", device, err);
            }
            return out;
        }
        throw new IllegalStateException(device + ": IOCTL_STORAGE_QUERY_PROPERTY(" + property + ") kept asking for a"
                + " larger buffer");
    }

    /** The NUL-terminated ASCII string at {@code offset} (0: none), trimmed; SCSI pads inquiry fields with spaces. */
    private static String string(Memory d, int size, int offset) {
        if (offset <= 0 || offset >= size) {
            return "";
        }
        int end = offset;
        while (end < size && d.getByte(end) != 0) {
            end++;
        }
        return new String(d.getByteArray(offset, end - offset), StandardCharsets.US_ASCII).trim();
    }

    private Pointer open(String device) {
        // no access rights asked: the two queries need none (FILE_ANY_ACCESS), so no elevation is needed for them
        Pointer h = nat.createFileW(NativeData.utf16(device), 0, DiskIoApi.FILE_SHARE_READ | DiskIoApi.FILE_SHARE_WRITE,
                null, DiskIoApi.OPEN_EXISTING, 0, null);
        if (h == null || Pointer.nativeValue(h) == DiskIoNative.INVALID_HANDLE_VALUE) {
            throw failure("CreateFileW", device, nat.lastError());
        }
        return h;
    }

    private void close(Pointer h) {
        int err = nat.closeHandle(h);
        if (err != 0) {
            throw new IllegalStateException("CloseHandle failed with Win32 error " + err);
        }
    }

    static String volumeDevice(String volume) {
        String v = volume.trim();
        if (v.length() >= 2 && v.charAt(1) == ':' && (v.length() == 2 || v.equals(v.substring(0, 2) + "\\"))) {
            return "\\\\.\\" + v.substring(0, 2);
        }
        if (!v.startsWith("\\\\?\\Volume{")) {
            throw new IllegalArgumentException("not a volume GUID name or drive: '" + volume
                    + "' (expected \\\\?\\Volume{GUID}\\ or C:\\)");
        }
        return v.endsWith("\\") ? v.substring(0, v.length() - 1) : v;
    }

    private static DiskIoException failure(String call, String device, int error) {
        String why = switch (error) {
            case DiskIoApi.ERROR_ACCESS_DENIED -> " (access denied: run vsskit from an elevated prompt)";
            case DiskIoApi.ERROR_FILE_NOT_FOUND -> " (no such device)";
            default -> "";
        };
        return new DiskIoException(call + " on " + device + " failed with Win32 error " + error + why, error);
    }

    /** A device I/O call that failed, with its Win32 error. */
    public static final class DiskIoException extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final int error;

        DiskIoException(String message, int error) {
            super(message);
            this.error = error;
        }

        public int error() {
            return error;
        }
    }
}
