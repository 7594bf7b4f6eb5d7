package dev.vsskit.vss.verify.disk;

import dev.vsskit.vss.verify.CheckResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The guest disk's partition table: a GPT (protective MBR, primary header at LBA 1 and backup header at the
 * last LBA, each with its header CRC-32 and the CRC-32 of its partition entry array) or an MBR.
 */
public final class PartitionTable {

    public static final String CHECK = "partition table";

    static final UUID MICROSOFT_RESERVED = UUID.fromString("e3c9e316-0b5c-4db8-817d-f92df00215ae");

    /** A partition: its number (from 1), first byte and length in bytes, and its type. */
    public record Partition(int number, long offset, long length, String type) {
    }

    private PartitionTable() {
    }

    /** The finding and the partitions a reader would use (from a valid copy when one is damaged). */
    public record Result(CheckResult finding, List<Partition> partitions) {
    }

    public static Result inspect(VirtualDisk disk) throws IOException {
        int sector = disk.logicalSectorSize();
        byte[] mbr = disk.read(0, 512);
        boolean bootSignature = (mbr[510] & 0xFF) == 0x55 && (mbr[511] & 0xFF) == 0xAA;
        boolean protective = false;
        for (int i = 0; i < 4; i++) {
            if ((mbr[446 + i * 16 + 4] & 0xFF) == 0xEE) {
                protective = true;
            }
        }
        byte[] primary = disk.read(sector, sector);
        boolean gptSignature = "EFI PART".equals(Le.ascii(primary, 0, 8));
        long lastLba = disk.size() / sector - 1;
        if (protective || gptSignature) {
            return gpt(disk, sector, lastLba, bootSignature, protective);
        }
        if (!bootSignature) {
            return new Result(CheckResult.fail(CHECK, "neither a GPT nor an MBR: no 'EFI PART' at LBA 1 and no 0x55AA"
                    + " boot signature at LBA 0", "The guest's disk has no partition table a restored VM could boot"
                    + " or mount from. Restore the VM from an earlier backup."), List.of());
        }
        return mbr(mbr, sector, disk.size());
    }

    private static Result mbr(byte[] mbr, int sector, long diskSize) {
        List<Partition> parts = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int e = 446 + i * 16;
            int type = mbr[e + 4] & 0xFF;
            if (type == 0) {
                continue;
            }
            long first = Le.u32(mbr, e + 8);
            long count = Le.u32(mbr, e + 12);
            if (first == 0 || count == 0 || (first + count) * sector > diskSize) {
                problems.add("entry " + (i + 1) + " (type 0x" + Integer.toHexString(type) + ") spans LBA " + first
                        + "+" + count + ", outside the disk");
                continue;
            }
            parts.add(new Partition(i + 1, first * sector, count * sector, String.format("MBR type 0x%02X", type)));
        }
        if (!problems.isEmpty()) {
            return new Result(CheckResult.fail(CHECK, "MBR: " + String.join("; ", problems), "Restore the VM from an"
                    + " earlier backup."), parts);
        }
        return new Result(CheckResult.pass(CHECK, "MBR with " + parts.size() + " partition(s): " + describe(parts)), parts);
    }

    private record Header(long myLba, long alternateLba, long firstUsable, long lastUsable, UUID diskGuid,
            long entriesLba, long entryCount, long entrySize, long entriesCrc) {
    }

    private static Result gpt(VirtualDisk disk, int sector, long lastLba, boolean bootSignature, boolean protective)
            throws IOException {
        List<String> problems = new ArrayList<>();
        if (!protective || !bootSignature) {
            problems.add("the protective MBR at LBA 0 is missing (" + (bootSignature ? "no type 0xEE entry"
                    : "no 0x55AA signature") + ")");
        }
        String[] why = new String[1];
        Header primary = header(disk, sector, 1, lastLba, why);
        if (primary == null) {
            problems.add("primary header (LBA 1): " + why[0]);
        }
        long backupLba = primary != null && primary.alternateLba() > 1 && primary.alternateLba() <= lastLba
                ? primary.alternateLba() : lastLba;
        Header backup = header(disk, sector, backupLba, lastLba, why);
        if (backup == null) {
            problems.add("backup header (LBA " + backupLba + "): " + why[0]);
        }
        byte[] entries = null;
        Header used = null;
        for (Header h : new Header[] {primary, backup}) {
            if (h == null) {
                continue;
            }
            String which = h == primary ? "primary" : "backup";
            byte[] array = disk.read(h.entriesLba() * sector, (int) (h.entryCount() * h.entrySize()));
            long crc = Le.crc32(array, 0, array.length, -1);
            if (crc != h.entriesCrc()) {
                problems.add(which + " partition entry array (LBA " + h.entriesLba() + "): CRC-32 "
                        + Le.hex32(h.entriesCrc()) + " in the header, " + Le.hex32(crc) + " computed");
                continue;
            }
            if (entries == null) {
                entries = array;
                used = h;
            } else if (!java.util.Arrays.equals(entries, array)) {
                problems.add("the primary and backup partition entry arrays differ");
            }
        }
        if (primary != null && backup != null && (!primary.diskGuid().equals(backup.diskGuid())
                || primary.alternateLba() != backup.myLba() || backup.alternateLba() != primary.myLba())) {
            problems.add("the primary and backup headers do not describe each other (disk GUID or LBAs differ)");
        }
        List<Partition> parts = new ArrayList<>();
        if (entries != null) {
            for (int i = 0; i < used.entryCount(); i++) {
                int e = (int) (i * used.entrySize());
                UUID type = Le.guid(entries, e);
                if (Le.zero(type)) {
                    continue;
                }
                long first = Le.u64(entries, e + 32);
                long last = Le.u64(entries, e + 40);
                if (first < used.firstUsable() || last > used.lastUsable() || last < first) {
                    problems.add("partition " + (i + 1) + " spans LBA " + first + "-" + last + ", outside the usable"
                            + " LBAs " + used.firstUsable() + "-" + used.lastUsable());
                    continue;
                }
                String name = new String(entries, e + 56, 72, StandardCharsets.UTF_16LE).replace("\0", "");
                parts.add(new Partition(i + 1, first * sector, (last - first + 1) * sector,
                        (type.equals(MICROSOFT_RESERVED) ? "Microsoft reserved" : type.toString())
                                + (name.isEmpty() ? "" : " '" + name + "'")));
            }
        }
        String summary = parts.size() + " partition(s): " + describe(parts);
        if (problems.isEmpty()) {
            return new Result(CheckResult.pass(CHECK, "GPT disk " + primary.diskGuid() + ": both headers valid (CRC-32),"
                    + " primary at LBA 1, backup at LBA " + backup.myLba() + ", entry arrays' CRC-32 match; "
                    + summary), parts);
        }
        return new Result(CheckResult.fail(CHECK, "GPT: " + String.join("; ", problems)
                        + (entries == null ? "; no valid partition entry array" : "; a reader uses the valid copy: "
                        + summary),
                "A damaged GPT copy is repaired from the other copy by Windows (diskpart) or `sgdisk -v`/`gdisk` on a"
                        + " restored copy of the disk; if neither copy is valid, restore the VM from an earlier"
                        + " backup."), parts);
    }

    private static Header header(VirtualDisk disk, int sector, long lba, long lastLba, String[] why)
            throws IOException {
        byte[] b = disk.read(lba * sector, sector);
        if (!"EFI PART".equals(Le.ascii(b, 0, 8))) {
            why[0] = Le.allZero(b) ? "all zeros" : "no 'EFI PART' signature";
            return null;
        }
        long size = Le.u32(b, 12);
        if (size < 92 || size > sector) {
            why[0] = "header size " + size;
            return null;
        }
        long stored = Le.u32(b, 16);
        long computed = Le.crc32(b, 0, (int) size, 16);
        if (stored != computed) {
            why[0] = "header CRC-32 " + Le.hex32(stored) + " stored, " + Le.hex32(computed) + " computed";
            return null;
        }
        Header h = new Header(Le.u64(b, 24), Le.u64(b, 32), Le.u64(b, 40), Le.u64(b, 48), Le.guid(b, 56),
                Le.u64(b, 72), Le.u32(b, 80), Le.u32(b, 84), Le.u32(b, 88));
        if (h.myLba() != lba) {
            why[0] = "it says it is at LBA " + h.myLba();
            return null;
        }
        long arrayBytes = h.entryCount() * h.entrySize();
        if (h.entrySize() < 128 || h.entrySize() > 4096 || h.entrySize() % 8 != 0 || h.entryCount() == 0
                || h.entryCount() > 16384 || h.entriesLba() < 2 || h.entriesLba() > lastLba
                || (h.entriesLba() * sector + arrayBytes) > (lastLba + 1) * sector || h.firstUsable() > h.lastUsable()
                || h.lastUsable() >= lastLba) {
            why[0] = "implausible fields (entries at LBA " + h.entriesLba() + ", " + h.entryCount() + " x "
                    + h.entrySize() + " bytes, usable LBAs " + h.firstUsable() + "-" + h.lastUsable() + ")";
            return null;
        }
        return h;
    }

    static String describe(List<Partition> parts) {
        List<String> out = new ArrayList<>();
        for (Partition p : parts) {
            out.add("#" + p.number() + " at " + p.offset() + " (" + Vhdx.size(p.length()) + ", " + p.type() + ")");
        }
        return String.join(", ", out);
    }
}
