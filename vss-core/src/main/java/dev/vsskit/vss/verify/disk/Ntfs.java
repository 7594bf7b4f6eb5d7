package dev.vsskit.vss.verify.disk;

import dev.vsskit.vss.verify.CheckResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An NTFS volume inside a partition: the boot sector (OEM id, BIOS parameter block, end marker), {@code $MFT}
 * record 0 ("FILE" signature, update sequence fixups, in use, a {@code $DATA} attribute) and the dirty flag
 * of {@code $Volume}'s {@code $VOLUME_INFORMATION}. Reads three sectors and two MFT records.
 */
public final class Ntfs {

    public static final String BOOT = "NTFS boot sector";
    public static final String MFT = "NTFS $MFT record 0";
    public static final String DIRTY = "NTFS $Volume dirty flag";

    static final int VOLUME_DIRTY = 0x0001;

    private Ntfs() {
    }

    /** True when the partition's first sector says NTFS (its OEM id), so the NTFS checks apply. */
    public static boolean looksLikeNtfs(VirtualDisk disk, PartitionTable.Partition p) throws IOException {
        return "NTFS    ".equals(Le.ascii(disk.read(p.offset(), 512), 3, 8));
    }

    /**
     * The three checks of the NTFS volume in {@code p} (a partition known to be NTFS by its boot sector, its
     * backup boot sector or its MBR type, so a damaged boot sector is reported, not taken for another file system).
     */
    public static List<CheckResult> inspect(VirtualDisk disk, PartitionTable.Partition p, boolean applicationConsistent)
            throws IOException {
        List<CheckResult> out = new ArrayList<>();
        byte[] boot = disk.read(p.offset(), 512);
        List<String> problems = new ArrayList<>();
        String oem = Le.ascii(boot, 3, 8);
        int bytesPerSector = Le.u16(boot, 0x0B);
        int spc = boot[0x0D] & 0xFF;
        long sectorsPerCluster = spc <= 0x80 ? spc : 1L << (256 - spc);
        long totalSectors = Le.u64(boot, 0x28);
        long mftLcn = Le.u64(boot, 0x30);
        long mirrLcn = Le.u64(boot, 0x38);
        int cpr = boot[0x40];
        if (!"NTFS    ".equals(oem)) {
            problems.add("OEM id is '" + oem.replaceAll("[^\\x20-\\x7e]", "?") + "', not 'NTFS    '");
        }
        if ((boot[0x1FE] & 0xFF) != 0x55 || (boot[0x1FF] & 0xFF) != 0xAA) {
            problems.add("no 0x55AA end marker");
        }
        if (bytesPerSector < 256 || bytesPerSector > 4096 || Integer.bitCount(bytesPerSector) != 1) {
            problems.add("bytes per sector " + bytesPerSector);
        }
        if (sectorsPerCluster == 0 || Long.bitCount(sectorsPerCluster) != 1) {
            problems.add("sectors per cluster " + sectorsPerCluster);
        }
        long clusterSize = bytesPerSector * sectorsPerCluster;
        long volumeBytes = totalSectors * bytesPerSector;
        if (problems.isEmpty()) {
            if (totalSectors == 0 || volumeBytes > p.length()) {
                problems.add("total sectors " + totalSectors + " (" + volumeBytes + " bytes) do not fit the partition ("
                        + p.length() + " bytes)");
            }
            long clusters = totalSectors / sectorsPerCluster;
            if (mftLcn == 0 || mftLcn >= clusters) {
                problems.add("$MFT cluster " + mftLcn + " outside the volume's " + clusters + " clusters");
            }
            if (mirrLcn == 0 || mirrLcn >= clusters) {
                problems.add("$MFTMirr cluster " + mirrLcn + " outside the volume's " + clusters + " clusters");
            }
        }
        long recordSize = cpr > 0 ? cpr * clusterSize : cpr < 0 && cpr >= -31 ? 1L << -cpr : 0;
        if (problems.isEmpty() && (recordSize < bytesPerSector || recordSize > 65536
                || Long.bitCount(recordSize) != 1)) {
            problems.add("MFT record size " + recordSize);
        }
        String where = "partition #" + p.number() + " at " + p.offset();
        if (!problems.isEmpty()) {
            String backup = backupBootSector(disk, p);
            out.add(CheckResult.fail(BOOT, where + ": " + String.join("; ", problems) + "; " + backup,
                    "A restored VM would not mount this volume. Windows' chkdsk (or ntfsfix) can rewrite the boot"
                            + " sector from its backup copy at the end of the volume on a restored copy; otherwise"
                            + " restore the VM from an earlier backup."));
            out.add(CheckResult.skip(MFT, "skipped: the boot sector does not locate $MFT"));
            out.add(CheckResult.skip(DIRTY, "skipped: the boot sector does not locate $MFT"));
            return out;
        }
        out.add(CheckResult.pass(BOOT, where + ": NTFS, " + bytesPerSector + " bytes per sector, " + clusterSize
                + "-byte clusters, " + totalSectors + " sectors, $MFT at cluster " + mftLcn + ", $MFTMirr at cluster "
                + mirrLcn + ", " + recordSize + "-byte records, serial " + String.format("%016X",
                        Le.u64(boot, 0x48))));

        long mftOffset = p.offset() + mftLcn * clusterSize;
        byte[] record0 = disk.read(mftOffset, (int) recordSize);
        String bad = fixup(record0, bytesPerSector);
        List<long[]> runs = null;
        if (bad == null) {
            runs = dataRuns(record0);
            if (runs == null) {
                bad = "it has no non-resident $DATA attribute (the MFT's own extents)";
            } else if ((Le.u16(record0, 0x16) & 1) == 0) {
                bad = "it is not marked in use";
            }
        }
        if (bad != null) {
            byte[] mirror = disk.read(p.offset() + mirrLcn * clusterSize, (int) recordSize);
            String mirrorState = fixup(mirror, bytesPerSector) == null ? "the $MFTMirr copy at cluster " + mirrLcn
                    + " is valid" : "the $MFTMirr copy is damaged too";
            out.add(CheckResult.fail(MFT, "record 0 at byte " + (mftOffset - p.offset()) + " of the volume: " + bad + "; "
                    + mirrorState, "The volume's file table is damaged: chkdsk on a restored copy can repair it from"
                    + " $MFTMirr; otherwise restore the VM from an earlier backup."));
            out.add(CheckResult.skip(DIRTY, "skipped: $MFT record 0 is not readable"));
            return out;
        }
        out.add(CheckResult.pass(MFT, "'FILE' record at cluster " + mftLcn + ", update sequence fixups valid, in use,"
                + " $DATA in " + runs.size() + " extent(s)"));
        out.add(volumeFlags(disk, p, runs, clusterSize, recordSize, bytesPerSector, applicationConsistent));
        return out;
    }

    private static String backupBootSector(VirtualDisk disk, PartitionTable.Partition p) throws IOException {
        // the backup boot sector is the last sector of the partition (NTFS leaves it outside the volume's count)
        long last = p.offset() + p.length() - 512;
        byte[] b = disk.read(last, 512);
        boolean ok = "NTFS    ".equals(Le.ascii(b, 3, 8)) && (b[0x1FE] & 0xFF) == 0x55 && (b[0x1FF] & 0xFF) == 0xAA;
        return ok ? "the backup boot sector at the partition's last sector is valid"
                : "no valid backup boot sector at the partition's last sector";
    }

    private static CheckResult volumeFlags(VirtualDisk disk, PartitionTable.Partition p, List<long[]> runs,
            long clusterSize, long recordSize, int bytesPerSector, boolean applicationConsistent) throws IOException {
        long byteInMft = 3 * recordSize;
        long vcn = byteInMft / clusterSize;
        long lcn = -1;
        long base = 0;
        for (long[] r : runs) {
            if (vcn >= base && vcn < base + r[1]) {
                lcn = r[0] + (vcn - base);
                break;
            }
            base += r[1];
        }
        long at = lcn * clusterSize + byteInMft % clusterSize;
        if (lcn < 0 || at + recordSize > p.length()) {
            return CheckResult.fail(DIRTY, "$MFT's extents do not place record 3 ($Volume) inside the volume",
                    "Run chkdsk on a restored copy, or restore the VM from an earlier backup.");
        }
        byte[] rec = disk.read(p.offset() + at, (int) recordSize);
        String bad = fixup(rec, bytesPerSector);
        byte[] info = bad == null ? residentValue(rec, 0x70) : null;
        if (info == null || info.length < 12) {
            return CheckResult.fail(DIRTY, "$MFT record 3 ($Volume): " + (bad != null ? bad
                    : "no $VOLUME_INFORMATION attribute"), "Run chkdsk on a restored copy, or restore the VM from an"
                    + " earlier backup.");
        }
        int flags = Le.u16(info, 10);
        String version = "NTFS " + (info[8] & 0xFF) + "." + (info[9] & 0xFF);
        String evidence = "$Volume ($MFT record 3) " + version + ", flags 0x" + String.format("%04X", flags);
        if ((flags & VOLUME_DIRTY) == 0) {
            return CheckResult.pass(DIRTY, evidence + ": clean");
        }
        if (applicationConsistent) {
            return CheckResult.fail(DIRTY, evidence + ": the dirty bit is set in an application-consistent backup",
                    "The guest did not flush the volume through VSS (is the backup integration service running in"
                            + " the guest?). Windows runs chkdsk at the restored VM's first boot; take a new backup"
                            + " once the guest's VSS works.");
        }
        return CheckResult.warn(DIRTY, evidence + ": dirty, normal for a crash-consistent backup of a running guest",
                "Windows runs chkdsk when the restored VM first mounts the volume.");
    }

    /** Checks the "FILE" signature and applies the update sequence fixups in place; null when valid. */
    static String fixup(byte[] rec, int unusedSectorSize) {
        if (!"FILE".equals(Le.ascii(rec, 0, 4))) {
            return Le.allZero(java.util.Arrays.copyOf(rec, 4)) ? "no 'FILE' signature (zeros)"
                    : "signature '" + Le.ascii(rec, 0, 4).replaceAll("[^\\x20-\\x7e]", "?") + "', not 'FILE'";
        }
        int usaOffset = Le.u16(rec, 4);
        int usaCount = Le.u16(rec, 6);
        int stride = 512; // NTFS protects every 512 bytes, whatever the sector size
        if (usaCount < 2 || usaOffset + usaCount * 2 > rec.length || (usaCount - 1) * stride > rec.length) {
            return "update sequence array at " + usaOffset + " with " + usaCount + " entries does not fit the record";
        }
        int usn = Le.u16(rec, usaOffset);
        for (int i = 1; i < usaCount; i++) {
            int end = i * stride - 2;
            if (Le.u16(rec, end) != usn) {
                return "update sequence mismatch at the end of sector " + (i - 1) + " (a torn write)";
            }
            rec[end] = rec[usaOffset + i * 2];
            rec[end + 1] = rec[usaOffset + i * 2 + 1];
        }
        return null;
    }

    /** The runs (LCN, length in clusters) of the unnamed non-resident $DATA attribute, or null. */
    static List<long[]> dataRuns(byte[] rec) {
        int a = attribute(rec, 0x80, true);
        return a < 0 ? null : runs(rec, a + Le.u16(rec, a + 0x20), (int) (a + Le.u32(rec, a + 4)));
    }

    /** The offset of the first unnamed attribute of {@code type} (resident or not, as asked), or -1. */
    static int attribute(byte[] rec, long type, boolean nonResident) {
        int a = Le.u16(rec, 0x14);
        while (a + 16 <= rec.length) {
            long t = Le.u32(rec, a);
            long len = Le.u32(rec, a + 4);
            if (t == 0xFFFFFFFFL || len < 16 || a + len > rec.length) {
                return -1;
            }
            if (t == type && rec[a + 8] == (nonResident ? 1 : 0) && rec[a + 9] == 0) {
                return a;
            }
            a += (int) len;
        }
        return -1;
    }

    private static List<long[]> runs(byte[] rec, int at, int end) {
        List<long[]> out = new ArrayList<>();
        long lcn = 0;
        while (at < end && rec[at] != 0) {
            int header = rec[at] & 0xFF;
            int lenBytes = header & 0xF;
            int offBytes = header >> 4;
            if (lenBytes == 0 || lenBytes > 8 || offBytes > 8 || at + 1 + lenBytes + offBytes > end) {
                return null;
            }
            long length = 0;
            for (int i = lenBytes - 1; i >= 0; i--) {
                length = length << 8 | (rec[at + 1 + i] & 0xFF);
            }
            long delta = 0;
            for (int i = offBytes - 1; i >= 0; i--) {
                delta = delta << 8 | (rec[at + 1 + lenBytes + i] & 0xFF);
            }
            if (offBytes > 0 && offBytes < 8 && (delta >> (offBytes * 8 - 1) & 1) == 1) {
                delta -= 1L << (offBytes * 8); // sign-extend
            }
            lcn += delta;
            out.add(new long[] {lcn, length});
            at += 1 + lenBytes + offBytes;
        }
        return out.isEmpty() ? null : out;
    }

    /** The value of the first resident attribute of {@code type}, or null. */
    static byte[] residentValue(byte[] rec, long type) {
        int a = attribute(rec, type, false);
        if (a < 0) {
            return null;
        }
        long vlen = Le.u32(rec, a + 0x10);
        int voff = Le.u16(rec, a + 0x14);
        return voff + vlen > Le.u32(rec, a + 4) ? null
                : java.util.Arrays.copyOfRange(rec, a + voff, (int) (a + voff + vlen));
    }

    /**
     * The virtual-disk offsets of the byte holding the low half of {@code $Volume}'s flags, in {@code $MFT}
     * record 3 and in its {@code $MFTMirr} copy, as stored (a byte under an update sequence number lives in
     * the update sequence array). For the lab's fault that sets the dirty flag as Windows does, in both.
     */
    public static List<Long> dirtyFlagOffsets(VirtualDisk disk, PartitionTable.Partition p) throws IOException {
        byte[] boot = disk.read(p.offset(), 512);
        int bytesPerSector = Le.u16(boot, 0x0B);
        int spc = boot[0x0D] & 0xFF;
        long clusterSize = bytesPerSector * (spc <= 0x80 ? spc : 1L << (256 - spc));
        int cpr = boot[0x40];
        int recordSize = (int) (cpr > 0 ? cpr * clusterSize : 1L << -cpr);
        List<Long> out = new ArrayList<>();
        for (long lcn : new long[] {Le.u64(boot, 0x30), Le.u64(boot, 0x38)}) {
            long recordAt = p.offset() + lcn * clusterSize + 3L * recordSize; // record 3 is in the first extent
            byte[] rec = disk.read(recordAt, recordSize);
            int usa = Le.u16(rec, 4);
            String bad = fixup(rec, bytesPerSector);
            int a = bad == null ? attribute(rec, 0x70, false) : -1;
            if (a < 0) {
                throw new IOException("$MFT record 3 at " + recordAt + " has no readable $VOLUME_INFORMATION"
                        + (bad == null ? "" : " (" + bad + ")"));
            }
            int pos = a + Le.u16(rec, a + 0x14) + 10;
            int stored = pos % 512 == 510 ? usa + (pos / 512 + 1) * 2 : pos;
            out.add(recordAt + stored);
        }
        return out;
    }
}
