package dev.vsskit.vss.verify.disk;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The VHDX log ([MS-VHDX] 2.3): a circular buffer of 4 KiB sectors holding entries (a 64-byte header, 32-byte
 * descriptors, then one 4 KiB data sector per data descriptor), each with a CRC-32C over the whole entry.
 * The active sequence is the run of valid entries with consecutive sequence numbers that starts with the
 * highest sequence number; a replay writes its descriptors to the file.
 */
final class VhdxLog {

    static final int SECTOR = 4096;

    private VhdxLog() {
    }

    /** One valid entry: where it starts in the log, its sequence number and what a replay would write. */
    record Entry(int start, int length, long sequence, int dataDescriptors, int zeroDescriptors, long bytesToWrite,
            long flushedFileOffset, long lastFileOffset) {
    }

    record Sequence(List<Entry> entries) {
        String describe() {
            int data = entries.stream().mapToInt(Entry::dataDescriptors).sum();
            int zero = entries.stream().mapToInt(Entry::zeroDescriptors).sum();
            long bytes = entries.stream().mapToLong(Entry::bytesToWrite).sum();
            Entry first = entries.get(0);
            return entries.size() + " valid entr" + (entries.size() == 1 ? "y" : "ies") + " from sequence "
                    + first.sequence() + " at log offset " + first.start() + ", " + data + " data and " + zero
                    + " zero descriptors, " + bytes + " bytes a replay would write";
        }
    }

    /** The active sequence of the log, or an empty one when no entry is valid. */
    static Sequence activeSequence(byte[] log, UUID logGuid) {
        List<Entry> best = List.of();
        for (int start = 0; start < log.length; start += SECTOR) {
            Entry e = entry(log, start, logGuid, 0);
            if (e == null) {
                continue;
            }
            List<Entry> run = new ArrayList<>();
            run.add(e);
            int next = (start + e.length()) % log.length;
            while (run.size() < log.length / SECTOR) {
                Entry n = entry(log, next, logGuid, run.get(run.size() - 1).sequence() + 1);
                if (n == null) {
                    break;
                }
                run.add(n);
                next = (next + n.length()) % log.length;
            }
            if (best.isEmpty() || run.get(0).sequence() > best.get(0).sequence()) {
                best = run;
            }
        }
        return new Sequence(best);
    }

    /** The valid entry at {@code start}, or null; {@code expectedSequence} 0 accepts any. */
    static Entry entry(byte[] log, int start, UUID logGuid, long expectedSequence) {
        byte[] h = circular(log, start, 64);
        if (!"loge".equals(Le.ascii(h, 0, 4))) {
            return null;
        }
        long length = Le.u32(h, 8);
        long sequence = Le.u64(h, 16);
        long descriptors = Le.u32(h, 24);
        if (length == 0 || length % SECTOR != 0 || length > log.length || sequence == 0
                || !Le.guid(h, 32).equals(logGuid) || descriptors * 32 > length) {
            return null;
        }
        if (expectedSequence != 0 && sequence != expectedSequence) {
            return null;
        }
        int descriptorSectors = (int) ((descriptors + 2 + 127) / 128);
        if ((long) descriptorSectors * SECTOR > length) {
            return null;
        }
        byte[] whole = circular(log, start, (int) length);
        int data = 0;
        int zero = 0;
        long bytes = 0;
        for (int i = 0; i < descriptors; i++) {
            int d = 64 + i * 32;
            String sig = Le.ascii(whole, d, 4);
            long fileOffset = Le.u64(whole, d + 16);
            if (Le.u64(whole, d + 24) != sequence || fileOffset % SECTOR != 0) {
                return null;
            }
            if ("desc".equals(sig)) {
                int sector = (descriptorSectors + data) * SECTOR;
                if (sector + SECTOR > length || !"data".equals(Le.ascii(whole, sector, 4))
                        || (Le.u32(whole, sector + 4) << 32 | Le.u32(whole, sector + 4092)) != sequence) {
                    return null;
                }
                data++;
                bytes += SECTOR;
            } else if ("zero".equals(sig)) {
                long zeroLength = Le.u64(whole, d + 8);
                if (zeroLength % SECTOR != 0) {
                    return null;
                }
                zero++;
                bytes += zeroLength;
            } else {
                return null;
            }
        }
        if (Le.u32(whole, 4) != Le.crc32c(whole, 0, whole.length, 4)) {
            return null;
        }
        return new Entry(start, (int) length, sequence, data, zero, bytes, Le.u64(h, 48), Le.u64(h, 56));
    }

    private static byte[] circular(byte[] log, int start, int length) {
        byte[] out = new byte[length];
        int first = Math.min(length, log.length - start);
        System.arraycopy(log, start, out, 0, first);
        if (first < length) {
            System.arraycopy(log, 0, out, first, length - first);
        }
        return out;
    }
}
