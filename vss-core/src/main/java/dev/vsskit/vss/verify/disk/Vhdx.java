package dev.vsskit.vss.verify.disk;

import dev.vsskit.vss.verify.CheckResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and checks the structures of a VHDX file ([MS-VHDX] v1): the two headers and their CRC-32C, the
 * active header by sequence number, both region tables, the metadata region and its system items, every BAT
 * entry (state, range, overlap) and the log (empty, or the entries a replay would apply). Reads metadata
 * only: the headers (4 KiB each), region tables (64 KiB each), the metadata table and items, the BAT and
 * the log region; never a payload block. Each structure gives one {@link CheckResult}; when one is unreadable,
 * the checks that depend on it are skipped, saying why.
 */
public final class Vhdx {

    public static final String HEADERS = "VHDX headers";
    public static final String REGIONS = "VHDX region table";
    public static final String METADATA = "VHDX metadata";
    public static final String BAT = "VHDX block allocation table";
    public static final String LOG = "VHDX log";
    public static final String PARENT = "VHDX parent chain";

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    /** The region and metadata item GUIDs of [MS-VHDX] (shared with the lab's VHDX writer). */
    public static final UUID BAT_REGION = UUID.fromString("2dc27766-f623-4200-9d64-115e9bfd4a08");
    public static final UUID METADATA_REGION = UUID.fromString("8b7ca206-4790-4b9a-b8fe-575f050f886e");
    public static final UUID FILE_PARAMETERS = UUID.fromString("caa16737-fa36-4d43-b3b6-33f0aa44e76b");
    public static final UUID VIRTUAL_DISK_SIZE = UUID.fromString("2fa54224-cd1b-4876-b211-5dbed83bf4b8");
    public static final UUID PAGE_83 = UUID.fromString("beca12ab-b2e6-4523-93ef-c309e000c746");
    public static final UUID LOGICAL_SECTOR = UUID.fromString("8141bf1d-a96f-4709-ba47-f233a8faab5f");
    public static final UUID PHYSICAL_SECTOR = UUID.fromString("cda348c7-445d-4471-9cc9-e9885251c556");
    public static final UUID PARENT_LOCATOR = UUID.fromString("a8d35f2d-b30b-454d-abf7-d3d84834ab0c");
    public static final UUID VHDX_PARENT_LOCATOR_TYPE = UUID.fromString("b04aefb7-d19e-4a81-b789-25b8e9445913");

    static final int NOT_PRESENT = 0;
    static final int UNDEFINED = 1;
    static final int ZERO = 2;
    static final int UNMAPPED = 3;
    static final int FULLY_PRESENT = 6;
    static final int PARTIALLY_PRESENT = 7;

    private static final String ADVICE_RESTORE = "The copy of this disk in the snapshot would not open after a restore;"
            + " restore the VM from an earlier backup and take a new backup.";

    /** What a header says. */
    public record Header(int slot, long sequence, UUID fileWriteGuid, UUID dataWriteGuid, UUID logGuid,
            long logOffset, long logLength) {
    }

    /** The metadata items a reader needs. */
    public record Metadata(long blockSize, boolean leaveBlocksAllocated, boolean hasParent, long virtualSize,
            UUID page83, int logicalSectorSize, int physicalSectorSize, Map<String, String> parentLocator) {
    }

    private final ByteSource file;
    private final String label;
    private final List<CheckResult> findings = new ArrayList<>();
    private long fileSize;
    private Header active;
    private long batOffset = -1;
    private long batLength;
    private long metadataOffset = -1;
    private long metadataLength;
    private Metadata metadata;
    private long[] bat;
    private long chunkRatio;
    private boolean batUsable;

    private Vhdx(ByteSource file, String label) {
        this.file = file;
        this.label = label;
    }

    /**
     * Checks {@code file}. {@code applicationConsistent} decides whether a log that needs replay fails (it
     * should not happen when VSS quiesced the guest) or only warns (normal for a crash-consistent copy).
     */
    public static Vhdx inspect(ByteSource file, String label, boolean applicationConsistent) throws IOException {
        Vhdx v = new Vhdx(file, label);
        v.run(applicationConsistent);
        return v;
    }

    public List<CheckResult> checks() {
        return List.copyOf(findings);
    }

    public Optional<Header> activeHeader() {
        return Optional.ofNullable(active);
    }

    public Optional<Metadata> metadata() {
        return Optional.ofNullable(metadata);
    }

    /** The guest's view of this disk, when the headers, regions, metadata and BAT could be read. */
    public Optional<VirtualDisk> virtualDisk(Optional<VirtualDisk> parent) {
        if (!batUsable || metadata == null) {
            return Optional.empty();
        }
        return Optional.of(new Reader(parent));
    }

    /**
     * The file offset that holds virtual offset {@code virtualOffset}, when its block is fully present in this
     * file (used by the lab to damage a guest structure inside a VHDX); -1 otherwise.
     */
    public long fileOffsetOf(long virtualOffset) {
        if (!batUsable || virtualOffset < 0 || virtualOffset >= metadata.virtualSize()) {
            return -1;
        }
        long block = virtualOffset / metadata.blockSize();
        long e = bat[(int) (block + block / chunkRatio)];
        return (e & 7) == FULLY_PRESENT ? (e >>> 20) * MIB + virtualOffset % metadata.blockSize() : -1;
    }

    /** The BAT entries (raw), when the BAT could be read. */
    public long[] batEntries() {
        return bat == null ? new long[0] : bat.clone();
    }

    /** File offsets of the BAT and the log region. */
    public long batOffset() {
        return batOffset;
    }

    private void run(boolean applicationConsistent) throws IOException {
        fileSize = file.size();
        headers();
        if (active == null) {
            String why = "skipped: no valid VHDX header";
            for (String c : List.of(REGIONS, METADATA, BAT, LOG)) {
                findings.add(CheckResult.skip(c, why));
            }
            return;
        }
        regions();
        if (metadataOffset < 0) {
            findings.add(CheckResult.skip(METADATA, "skipped: no valid region table names the metadata region"));
        } else {
            readMetadata();
        }
        if (metadata == null || batOffset < 0) {
            findings.add(CheckResult.skip(BAT, "skipped: " + (batOffset < 0 ? "no valid region table names the BAT"
                    : "the metadata could not be read")));
        } else {
            bat();
        }
        log(applicationConsistent);
    }

    // ------------------------------------------------------------------ headers

    private void headers() throws IOException {
        List<String> problems = new ArrayList<>();
        if (fileSize < MIB) {
            findings.add(CheckResult.fail(HEADERS, label + " is " + fileSize + " bytes, smaller than a VHDX header section"
                    + " (1 MiB)", ADVICE_RESTORE));
            return;
        }
        byte[] id = file.read(0, 8);
        if (!"vhdxfile".equals(Le.ascii(id, 0, 8))) {
            problems.add("the file type identifier at offset 0 is not 'vhdxfile'");
        }
        Header[] h = new Header[2];
        String[] bad = new String[2];
        for (int slot = 1; slot <= 2; slot++) {
            byte[] b = file.read(slot * 64 * KIB, 4096);
            String where = "header " + slot + " (offset " + slot * 64 + " KiB)";
            if (!"head".equals(Le.ascii(b, 0, 4))) {
                bad[slot - 1] = where + ": signature is not 'head'";
                continue;
            }
            long stored = Le.u32(b, 4);
            long computed = Le.crc32c(b, 0, 4096, 4);
            if (stored != computed) {
                bad[slot - 1] = where + ": CRC-32C " + Le.hex32(stored) + " stored, " + Le.hex32(computed)
                        + " computed (a torn or damaged write)";
                continue;
            }
            int logVersion = Le.u16(b, 64);
            int version = Le.u16(b, 66);
            long logLength = Le.u32(b, 68);
            long logOffset = Le.u64(b, 72);
            if (version != 1 || logVersion != 0) {
                bad[slot - 1] = where + ": version " + version + " / log version " + logVersion + " (expected 1 / 0)";
                continue;
            }
            if (logLength == 0 || logLength % MIB != 0 || logOffset < MIB || logOffset % MIB != 0
                    || logOffset + logLength > fileSize) {
                bad[slot - 1] = where + ": log at " + logOffset + " length " + logLength + " is not 1 MiB-aligned"
                        + " inside the file (size " + fileSize + ")";
                continue;
            }
            h[slot - 1] = new Header(slot, Le.u64(b, 8), Le.guid(b, 16), Le.guid(b, 32), Le.guid(b, 48), logOffset,
                    logLength);
        }
        if (h[0] != null && h[1] != null) {
            active = h[1].sequence() > h[0].sequence() ? h[1] : h[0];
        } else {
            active = h[0] != null ? h[0] : h[1];
        }
        for (String b : bad) {
            if (b != null) {
                problems.add(b);
            }
        }
        if (active == null) {
            findings.add(CheckResult.fail(HEADERS, "no valid header: " + String.join("; ", problems), ADVICE_RESTORE));
            return;
        }
        String which = "active header " + active.slot() + " (sequence " + active.sequence() + ")";
        if (problems.isEmpty()) {
            findings.add(CheckResult.pass(HEADERS, "both headers valid (CRC-32C), sequence " + h[0].sequence() + " and "
                    + h[1].sequence() + "; " + which + ", data write GUID " + active.dataWriteGuid()));
        } else {
            findings.add(CheckResult.fail(HEADERS, String.join("; ", problems) + "; " + which + " is the one a reader"
                            + " falls back to",
                    "The header was being rewritten when the snapshot was taken. Hyper-V opens the disk from the other"
                            + " header, which may describe an older state: restore to another folder (vsskit restore --to"
                            + " DIR) and open the disk there (Hyper-V, or qemu-img check -r all on the copy) before"
                            + " relying on this backup; take a new backup."));
        }
    }

    // ------------------------------------------------------------------ region tables

    private void regions() throws IOException {
        List<String> problems = new ArrayList<>();
        Map<UUID, long[]> chosen = null;
        byte[][] raw = new byte[2][];
        for (int t = 1; t <= 2; t++) {
            long at = (128 + 64L * t) * KIB;
            byte[] b = file.read(at, (int) (64 * KIB));
            raw[t - 1] = b;
            String where = "region table " + t + " (offset " + at / KIB + " KiB)";
            if (!"regi".equals(Le.ascii(b, 0, 4))) {
                problems.add(where + ": signature is not 'regi'");
                continue;
            }
            long stored = Le.u32(b, 4);
            long computed = Le.crc32c(b, 0, b.length, 4);
            if (stored != computed) {
                problems.add(where + ": CRC-32C " + Le.hex32(stored) + " stored, " + Le.hex32(computed) + " computed");
                continue;
            }
            long count = Le.u32(b, 8);
            if (count > 2047) {
                problems.add(where + ": " + count + " entries (at most 2047)");
                continue;
            }
            Map<UUID, long[]> entries = new LinkedHashMap<>();
            boolean ok = true;
            for (int i = 0; i < count; i++) {
                int e = 16 + i * 32;
                UUID guid = Le.guid(b, e);
                long offset = Le.u64(b, e + 16);
                long length = Le.u32(b, e + 24);
                boolean required = (Le.u32(b, e + 28) & 1) != 0;
                if (!guid.equals(BAT_REGION) && !guid.equals(METADATA_REGION)) {
                    if (required) {
                        problems.add(where + ": unknown required region " + guid);
                        ok = false;
                    }
                    continue;
                }
                if (offset < MIB || offset % MIB != 0 || length == 0 || length % MIB != 0
                        || offset + length > fileSize) {
                    problems.add(where + ": region " + name(guid) + " at " + offset + " length " + length
                            + " is not 1 MiB-aligned inside the file (size " + fileSize + ")");
                    ok = false;
                    continue;
                }
                if (entries.put(guid, new long[] {offset, length}) != null) {
                    problems.add(where + ": region " + name(guid) + " appears twice");
                    ok = false;
                }
            }
            for (UUID must : List.of(BAT_REGION, METADATA_REGION)) {
                if (!entries.containsKey(must)) {
                    problems.add(where + ": no " + name(must) + " region");
                    ok = false;
                }
            }
            if (ok && entries.size() == 2) {
                long[] a = entries.get(BAT_REGION);
                long[] m = entries.get(METADATA_REGION);
                List<long[]> spans = List.of(new long[] {0, MIB}, new long[] {active.logOffset(), active.logLength()}, a, m);
                String overlap = overlap(spans, List.of("header section", "log", "BAT", "metadata"));
                if (overlap != null) {
                    problems.add(where + ": " + overlap);
                    ok = false;
                }
            }
            if (ok && chosen == null) {
                chosen = entries;
            }
        }
        if (problems.isEmpty() && !Arrays.equals(raw[0], raw[1])) {
            problems.add("region tables 1 and 2 differ");
        }
        if (chosen != null) {
            batOffset = chosen.get(BAT_REGION)[0];
            batLength = chosen.get(BAT_REGION)[1];
            metadataOffset = chosen.get(METADATA_REGION)[0];
            metadataLength = chosen.get(METADATA_REGION)[1];
        }
        String regions = chosen == null ? "" : "BAT at " + mib(batOffset) + " (" + mib(batLength) + "), metadata at "
                + mib(metadataOffset) + " (" + mib(metadataLength) + "), log at " + mib(active.logOffset()) + " ("
                + mib(active.logLength()) + ")";
        if (problems.isEmpty()) {
            findings.add(CheckResult.pass(REGIONS, "both region tables valid (CRC-32C) and identical: " + regions));
        } else {
            findings.add(CheckResult.fail(REGIONS, String.join("; ", problems)
                    + (chosen == null ? "" : "; a reader uses the valid copy: " + regions), ADVICE_RESTORE));
        }
    }

    private static String name(UUID region) {
        return region.equals(BAT_REGION) ? "BAT" : region.equals(METADATA_REGION) ? "metadata" : region.toString();
    }

    private static String overlap(List<long[]> spans, List<String> names) {
        for (int i = 0; i < spans.size(); i++) {
            for (int j = i + 1; j < spans.size(); j++) {
                long[] a = spans.get(i);
                long[] b = spans.get(j);
                if (a[0] < b[0] + b[1] && b[0] < a[0] + a[1]) {
                    return "the " + names.get(i) + " and the " + names.get(j) + " overlap";
                }
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ metadata

    private void readMetadata() throws IOException {
        byte[] table = file.read(metadataOffset, (int) (64 * KIB));
        if (!"metadata".equals(Le.ascii(table, 0, 8))) {
            findings.add(CheckResult.fail(METADATA, "the metadata table at " + mib(metadataOffset)
                    + " has no 'metadata' signature", ADVICE_RESTORE));
            return;
        }
        int count = Le.u16(table, 10);
        if (count > 2047) {
            findings.add(CheckResult.fail(METADATA, "the metadata table has " + count + " entries (at most 2047)",
                    ADVICE_RESTORE));
            return;
        }
        List<String> problems = new ArrayList<>();
        Map<UUID, byte[]> items = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int e = 32 + i * 32;
            UUID id = Le.guid(table, e);
            long offset = Le.u32(table, e + 16);
            long length = Le.u32(table, e + 20);
            long flags = Le.u32(table, e + 24);
            boolean required = (flags & 4) != 0;
            boolean known = List.of(FILE_PARAMETERS, VIRTUAL_DISK_SIZE, PAGE_83, LOGICAL_SECTOR, PHYSICAL_SECTOR,
                    PARENT_LOCATOR).contains(id);
            if (!known) {
                if (required) {
                    problems.add("unknown required metadata item " + id);
                }
                continue;
            }
            if (length == 0 || offset < 64 * KIB || offset + length > metadataLength || length > MIB) {
                problems.add("item " + itemName(id) + " at offset " + offset + " length " + length
                        + " lies outside the metadata region");
                continue;
            }
            items.put(id, file.read(metadataOffset + offset, (int) length));
        }
        for (UUID must : List.of(FILE_PARAMETERS, VIRTUAL_DISK_SIZE, PAGE_83, LOGICAL_SECTOR, PHYSICAL_SECTOR)) {
            if (!items.containsKey(must)) {
                problems.add("the required item " + itemName(must) + " is missing");
            }
        }
        if (!problems.isEmpty()) {
            findings.add(CheckResult.fail(METADATA, String.join("; ", problems), ADVICE_RESTORE));
            return;
        }
        byte[] fp = items.get(FILE_PARAMETERS);
        long blockSize = Le.u32(fp, 0);
        long fpFlags = Le.u32(fp, 4);
        long virtualSize = Le.u64(items.get(VIRTUAL_DISK_SIZE), 0);
        UUID page83 = Le.guid(items.get(PAGE_83), 0);
        long logical = Le.u32(items.get(LOGICAL_SECTOR), 0);
        long physical = Le.u32(items.get(PHYSICAL_SECTOR), 0);
        boolean hasParent = (fpFlags & 2) != 0;
        if (blockSize < MIB || blockSize > 256 * MIB || Long.bitCount(blockSize) != 1) {
            problems.add("block size " + blockSize + " is not a power of two from 1 MiB to 256 MiB");
        }
        if (logical != 512 && logical != 4096) {
            problems.add("logical sector size " + logical + " (512 or 4096)");
        }
        if (physical != 512 && physical != 4096) {
            problems.add("physical sector size " + physical + " (512 or 4096)");
        }
        if (virtualSize == 0 || virtualSize > 64L * 1024 * 1024 * MIB || (logical > 0 && virtualSize % logical != 0)) {
            problems.add("virtual size " + virtualSize + " is not a multiple of the logical sector size up to 64 TiB");
        }
        if (Le.zero(page83)) {
            problems.add("the page 83 data (virtual disk id) is zero");
        }
        Map<String, String> locator = Map.of();
        if (hasParent) {
            byte[] pl = items.get(PARENT_LOCATOR);
            if (pl == null) {
                problems.add("the disk has a parent but no parent locator item");
            } else {
                locator = parentLocator(pl, problems);
            }
        }
        if (!problems.isEmpty()) {
            findings.add(CheckResult.fail(METADATA, String.join("; ", problems), ADVICE_RESTORE));
            return;
        }
        metadata = new Metadata(blockSize, (fpFlags & 1) != 0, hasParent, virtualSize, page83, (int) logical,
                (int) physical, locator);
        findings.add(CheckResult.pass(METADATA, "block size " + mib(blockSize) + ", virtual size " + size(virtualSize)
                + ", logical sector " + logical + ", physical sector " + physical + ", page 83 id " + page83 + ", "
                + (hasParent ? "differencing disk, parent " + locator.getOrDefault("relative_path",
                        locator.getOrDefault("absolute_win32_path", "?")) + " (linkage " + locator.get("parent_linkage")
                        + ")" : metadata.leaveBlocksAllocated() ? "fixed disk, no parent" : "dynamic disk, no parent")));
    }

    private static Map<String, String> parentLocator(byte[] pl, List<String> problems) {
        if (pl.length < 20) {
            problems.add("the parent locator is " + pl.length + " bytes");
            return Map.of();
        }
        UUID type = Le.guid(pl, 0);
        if (!type.equals(VHDX_PARENT_LOCATOR_TYPE)) {
            problems.add("parent locator type " + type + " is not the VHDX locator");
        }
        int count = Le.u16(pl, 18);
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            int e = 20 + i * 12;
            if (e + 12 > pl.length) {
                problems.add("the parent locator's entry " + i + " lies past its end");
                break;
            }
            long ko = Le.u32(pl, e);
            long vo = Le.u32(pl, e + 4);
            int kl = Le.u16(pl, e + 8);
            int vl = Le.u16(pl, e + 10);
            if (ko + kl > pl.length || vo + vl > pl.length) {
                problems.add("the parent locator's entry " + i + " points past its end");
                continue;
            }
            out.put(new String(pl, (int) ko, kl, StandardCharsets.UTF_16LE),
                    new String(pl, (int) vo, vl, StandardCharsets.UTF_16LE));
        }
        if (!out.containsKey("parent_linkage")) {
            problems.add("the parent locator has no parent_linkage");
        }
        if (!out.containsKey("relative_path") && !out.containsKey("absolute_win32_path")
                && !out.containsKey("volume_path")) {
            problems.add("the parent locator names no path of the parent");
        }
        return out;
    }

    private static String itemName(UUID id) {
        if (id.equals(FILE_PARAMETERS)) {
            return "File Parameters";
        } else if (id.equals(VIRTUAL_DISK_SIZE)) {
            return "Virtual Disk Size";
        } else if (id.equals(PAGE_83)) {
            return "Page 83 Data";
        } else if (id.equals(LOGICAL_SECTOR)) {
            return "Logical Sector Size";
        } else if (id.equals(PHYSICAL_SECTOR)) {
            return "Physical Sector Size";
        }
        return id.equals(PARENT_LOCATOR) ? "Parent Locator" : id.toString();
    }

    // ------------------------------------------------------------------ BAT

    private void bat() throws IOException {
        long blockSize = metadata.blockSize();
        chunkRatio = (1L << 23) * metadata.logicalSectorSize() / blockSize;
        long dataBlocks = (metadata.virtualSize() + blockSize - 1) / blockSize;
        long bitmapBlocks = (dataBlocks + chunkRatio - 1) / chunkRatio;
        long entries = metadata.hasParent() ? bitmapBlocks * (chunkRatio + 1)
                : dataBlocks + (dataBlocks - 1) / chunkRatio;
        if (entries * 8 > batLength) {
            findings.add(CheckResult.fail(BAT, "the BAT region (" + batLength + " bytes) is too small for " + entries
                    + " entries", ADVICE_RESTORE));
            return;
        }
        byte[] raw = file.read(batOffset, (int) (entries * 8));
        bat = new long[(int) entries];
        List<String> problems = new ArrayList<>();
        List<long[]> spans = new ArrayList<>(); // offset, length, entry index (-1.. for fixed structures)
        spans.add(new long[] {0, MIB, -1});
        spans.add(new long[] {active.logOffset(), active.logLength(), -2});
        spans.add(new long[] {batOffset, batLength, -3});
        spans.add(new long[] {metadataOffset, metadataLength, -4});
        long present = 0;
        long notPresent = 0;
        long zero = 0;
        long bitmaps = 0;
        for (int i = 0; i < entries; i++) {
            long e = Le.u64(raw, i * 8);
            bat[i] = e;
            int state = (int) (e & 7);
            long offset = (e >>> 20) * MIB;
            boolean bitmapEntry = (i + 1) % (chunkRatio + 1) == 0;
            if (bitmapEntry) {
                if (state == NOT_PRESENT) {
                    continue;
                }
                if (state != FULLY_PRESENT) {
                    problems.add("entry " + i + " (sector bitmap): state " + state + " is not a sector bitmap state");
                    continue;
                }
                bitmaps++;
                if (!inFile(offset, MIB, i, "sector bitmap", problems)) {
                    continue;
                }
                spans.add(new long[] {offset, MIB, i});
                continue;
            }
            long block = i - i / (chunkRatio + 1);
            String what = "entry " + i + " (payload block " + block + ")";
            switch (state) {
                case NOT_PRESENT, UNDEFINED, UNMAPPED -> notPresent++;
                case ZERO -> zero++;
                case FULLY_PRESENT, PARTIALLY_PRESENT -> {
                    if (state == PARTIALLY_PRESENT && !metadata.hasParent()) {
                        problems.add(what + ": partially present in a disk without a parent");
                        continue;
                    }
                    present++;
                    if (inFile(offset, blockSize, i, what, problems)) {
                        spans.add(new long[] {offset, blockSize, i});
                    }
                }
                default -> problems.add(what + ": state " + state + " is not a payload block state");
            }
        }
        spans.sort(Comparator.comparingLong(a -> a[0]));
        for (int k = 1; k < spans.size(); k++) {
            long[] prev = spans.get(k - 1);
            long[] cur = spans.get(k);
            if (cur[0] < prev[0] + prev[1]) {
                problems.add(spanName(cur) + " at " + cur[0] + " overlaps " + spanName(prev));
            }
        }
        String counts = entries + " entries: " + present + " payload blocks present, " + notPresent
                + " not present, " + zero + " zero, " + bitmaps + " sector bitmaps (block " + mib(blockSize) + ")";
        if (problems.isEmpty()) {
            batUsable = true;
            findings.add(CheckResult.pass(BAT, counts + "; every present block inside the file (" + size(fileSize)
                    + ") and none overlapping another or the metadata"));
        } else {
            int shown = Math.min(problems.size(), 5);
            findings.add(CheckResult.fail(BAT, String.join("; ", problems.subList(0, shown))
                            + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : "") + " ("
                            + counts + ")",
                    "The BAT points a block at bytes that are not its own: the guest would read another block's data"
                            + " or nothing. " + ADVICE_RESTORE));
        }
    }

    private boolean inFile(long offset, long length, int index, String what, List<String> problems) {
        if (offset < MIB || offset + length > fileSize) {
            problems.add((what.startsWith("entry") ? what : "entry " + index + " (" + what + ")") + ": file offset "
                    + offset + " + " + length + " is outside the file (1 MiB to " + fileSize + ")");
            return false;
        }
        return true;
    }

    private static String spanName(long[] s) {
        return switch ((int) s[2]) {
            case -1 -> "the header section";
            case -2 -> "the log";
            case -3 -> "the BAT";
            case -4 -> "the metadata region";
            default -> "entry " + s[2];
        };
    }

    // ------------------------------------------------------------------ log

    private void log(boolean applicationConsistent) throws IOException {
        if (Le.zero(active.logGuid())) {
            findings.add(CheckResult.pass(LOG, "empty: the active header's log GUID is zero, nothing to replay"));
            return;
        }
        VhdxLog.Sequence seq = VhdxLog.activeSequence(file.read(active.logOffset(), (int) active.logLength()),
                active.logGuid());
        if (seq.entries().isEmpty()) {
            findings.add(CheckResult.pass(LOG, "log GUID " + active.logGuid() + " set but no valid entry carries it:"
                    + " nothing to replay"));
            return;
        }
        String what = "needs replay: log GUID " + active.logGuid() + ", " + seq.describe();
        if (applicationConsistent) {
            findings.add(CheckResult.fail(LOG, what + "; an application-consistent backup should not need one",
                    "The VHDX was written to while the snapshot was taken, so VSS did not quiesce it: check the"
                            + " Hyper-V writer and the guest's backup integration service, and take a new backup."
                            + " The copy opens after the replay Hyper-V does at the first read-write open."));
        } else {
            findings.add(CheckResult.warn(LOG, what + "; normal for a crash-consistent backup",
                    "Hyper-V replays the log when the restored disk is first opened read-write; open a restored"
                            + " copy read-only and it will not be replayed."));
        }
    }

    // ------------------------------------------------------------------ reading the guest's bytes

    private final class Reader implements VirtualDisk {
        private final Optional<VirtualDisk> parent;

        Reader(Optional<VirtualDisk> parent) {
            this.parent = parent;
        }

        @Override
        public long size() {
            return metadata.virtualSize();
        }

        @Override
        public int logicalSectorSize() {
            return metadata.logicalSectorSize();
        }

        @Override
        public void read(long offset, byte[] into, int at, int length) throws IOException {
            if (offset < 0 || offset + length > size()) {
                throw new java.io.EOFException("virtual offset " + offset + "+" + length + " outside the disk ("
                        + size() + ")");
            }
            long blockSize = metadata.blockSize();
            while (length > 0) {
                long block = offset / blockSize;
                int inBlock = (int) (offset % blockSize);
                int n = (int) Math.min(length, blockSize - inBlock);
                long e = bat[(int) (block + block / chunkRatio)];
                int state = (int) (e & 7);
                long fileOffset = (e >>> 20) * MIB;
                if (state == FULLY_PRESENT) {
                    file.read(fileOffset + inBlock, into, at, n);
                } else if (state == PARTIALLY_PRESENT) {
                    readPartial(block, fileOffset, offset, into, at, n);
                } else if (state == NOT_PRESENT && parent.isPresent()) {
                    parent.get().read(offset, into, at, n);
                } else {
                    Arrays.fill(into, at, at + n, (byte) 0);
                }
                offset += n;
                at += n;
                length -= n;
            }
        }

        private void readPartial(long block, long blockOffset, long offset, byte[] into, int at, int n)
                throws IOException {
            int sector = metadata.logicalSectorSize();
            long bitmapEntry = bat[(int) ((block / chunkRatio) * (chunkRatio + 1) + chunkRatio)];
            long bitmapOffset = (bitmapEntry >>> 20) * MIB;
            long sectorsPerBlock = metadata.blockSize() / sector;
            long done = 0;
            while (done < n) {
                long v = offset + done;
                long sectorInBlock = (v % metadata.blockSize()) / sector;
                int inSector = (int) (v % sector);
                int chunk = (int) Math.min(n - done, sector - inSector);
                long bit = (block % chunkRatio) * sectorsPerBlock + sectorInBlock;
                boolean here = (bitmapEntry & 7) == FULLY_PRESENT
                        && (file.read(bitmapOffset + bit / 8, 1)[0] >> (bit % 8) & 1) == 1;
                if (here) {
                    file.read(blockOffset + v % metadata.blockSize(), into, (int) (at + done), chunk);
                } else if (parent.isPresent()) {
                    parent.get().read(v, into, (int) (at + done), chunk);
                } else {
                    Arrays.fill(into, (int) (at + done), (int) (at + done + chunk), (byte) 0);
                }
                done += chunk;
            }
        }
    }

    static String mib(long bytes) {
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : bytes + " bytes";
    }

    static String size(long bytes) {
        if (bytes >= 1024 * MIB && bytes % (1024 * MIB) == 0) {
            return bytes / (1024 * MIB) + " GiB";
        }
        return bytes % MIB == 0 ? bytes / MIB + " MiB" : String.format(Locale.ROOT, "%d bytes", bytes);
    }
}
