package dev.vsskit.lab.disk;

import dev.vsskit.lab.internal.VhdxWriter;
import dev.vsskit.lab.storage.internal.SnapshotPatches.Patch;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.Ntfs;
import dev.vsskit.vss.verify.disk.PartitionTable;
import dev.vsskit.vss.verify.disk.Vhdx;
import dev.vsskit.vss.verify.disk.VirtualDisk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * Computes the byte patches that put one {@link DiskCorruption} into a VHDX file, locating each structure as a
 * reader would (the active header, the BAT, the guest's GPT and NTFS through the BAT). The patches are then
 * written to the live file or scheduled for the next snapshot.
 */
final class DiskFaults {

    private static final int MIB = 1 << 20;

    private DiskFaults() {
    }

    /** The patches for {@code corruption} in the VHDX read by {@code file}; {@code path} is the file's volume path. */
    public static List<Patch> patches(DiskCorruption corruption, String path, ByteSource file) throws IOException {
        Vhdx v = Vhdx.inspect(file, path, true);
        Vhdx.Header active = v.activeHeader().orElseThrow(() -> new IllegalStateException(path
                + " has no valid VHDX header already"));
        String why = corruption.word();
        List<Patch> out = new ArrayList<>();
        switch (corruption) {
            case TORN_HEADER -> {
                // a header update torn mid-write: the new sequence number landed, the checksum did not
                byte[] seq = le(8).putLong(active.sequence() + 1).array();
                out.add(new Patch(path, active.slot() * 64L * 1024 + 8, seq, why));
            }
            case BAD_BAT -> {
                long[] bat = v.batEntries();
                int last = -1;
                for (int i = 0; i < bat.length; i++) {
                    if ((bat[i] & 7) == 6) {
                        last = i;
                    }
                }
                if (last < 0) {
                    throw new IllegalStateException(path + " has no allocated block to damage");
                }
                long pastEnd = file.size() / MIB + 64;
                out.add(new Patch(path, v.batOffset() + last * 8L, le(8).putLong(pastEnd << 20 | 6).array(), why));
            }
            case LOG_REPLAY -> out.addAll(logNeedingReplay(v, active, path, file));
            case ZERO_GPT -> out.add(new Patch(path, guestOffset(v, 512, path), new byte[512], why));
            case NTFS_BOOT -> {
                long boot = ntfsPartition(v, path).offset();
                out.add(new Patch(path, guestOffset(v, boot + 3, path), new byte[0x54 - 3], why));
            }
            case NTFS_DIRTY -> out.addAll(dirty(v, path));
        }
        return out;
    }

    private static long guestOffset(Vhdx v, long virtualOffset, String path) {
        long at = v.fileOffsetOf(virtualOffset);
        if (at < 0) {
            throw new IllegalStateException(path + ": virtual offset " + virtualOffset + " is in no allocated block");
        }
        return at;
    }

    private static VirtualDisk disk(Vhdx v, String path) {
        return v.virtualDisk(java.util.Optional.empty()).orElseThrow(() -> new IllegalStateException(path
                + " cannot be read as a virtual disk already"));
    }

    private static PartitionTable.Partition ntfsPartition(Vhdx v, String path) throws IOException {
        VirtualDisk d = disk(v, path);
        for (PartitionTable.Partition p : PartitionTable.inspect(d).partitions()) {
            if (Ntfs.looksLikeNtfs(d, p)) {
                return p;
            }
        }
        throw new IllegalStateException(path + " holds no NTFS partition");
    }

    /** Sets VOLUME_IS_DIRTY in $Volume's $VOLUME_INFORMATION, in $MFT and in $MFTMirr (Windows keeps both). */
    private static List<Patch> dirty(Vhdx v, String path) throws IOException {
        VirtualDisk d = disk(v, path);
        List<Patch> out = new ArrayList<>();
        for (long at : Ntfs.dirtyFlagOffsets(d, ntfsPartition(v, path))) {
            byte flags = d.read(at, 1)[0];
            out.add(new Patch(path, guestOffset(v, at, path), new byte[] {(byte) (flags | 1)}, "ntfs-dirty"));
        }
        return out;
    }

    /**
     * One log entry (sequence 1, one data descriptor, one data sector) that rewrites the 4 KiB at the start of
     * the first payload block with the bytes already there, and the log GUID in both headers; CRC-32C
     * everywhere, so a reader finds a valid active sequence to replay.
     */
    private static List<Patch> logNeedingReplay(Vhdx v, Vhdx.Header active, String path, ByteSource file)
            throws IOException {
        UUID logGuid = UUID.nameUUIDFromBytes(("vsskit log fault " + path).getBytes(StandardCharsets.UTF_8));
        long target = guestOffset(v, 0, path);
        byte[] sector = file.read(target, 4096);
        int entryLength = 8192;
        ByteBuffer e = le(entryLength);
        e.put("loge".getBytes(StandardCharsets.US_ASCII)).putInt(0).putInt(entryLength).putInt(0).putLong(1)
                .putInt(1).putInt(0);
        VhdxWriter.putGuid(e, logGuid);
        e.putLong(file.size()).putLong(file.size());
        e.position(64);
        e.put("desc".getBytes(StandardCharsets.US_ASCII));
        e.putInt(ByteBuffer.wrap(sector, 4092, 4).order(ByteOrder.LITTLE_ENDIAN).getInt()); // trailing bytes
        e.putLong(ByteBuffer.wrap(sector, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()); // leading bytes
        e.putLong(target).putLong(1);
        e.position(4096);
        e.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(0); // sequence high
        e.put(sector, 8, 4084);
        e.putInt(1); // sequence low
        byte[] entry = e.array();
        CRC32C crc = new CRC32C();
        crc.update(entry);
        ByteBuffer.wrap(entry).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) crc.getValue());
        List<Patch> out = new ArrayList<>();
        out.add(new Patch(path, active.logOffset(), entry, "log-replay"));
        for (int slot = 1; slot <= 2; slot++) {
            byte[] h = file.read(slot * 64L * 1024, 4096);
            ByteBuffer hb = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN);
            hb.position(48);
            VhdxWriter.putGuid(hb, logGuid);
            hb.putInt(4, 0);
            CRC32C c = new CRC32C();
            c.update(h);
            hb.putInt(4, (int) c.getValue());
            out.add(new Patch(path, slot * 64L * 1024, h, "log-replay"));
        }
        return out;
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

}
