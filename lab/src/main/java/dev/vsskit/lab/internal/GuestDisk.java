package dev.vsskit.lab.internal;

import dev.vsskit.lab.internal.VhdxWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;

/**
 * The lab VMs' guest disk: 8 MiB with a GPT and an NTFS volume holding a few files, made once by real tools
 * ({@code make-guest-disk.sh} beside {@code guest-disk.raw.gz}: sgdisk, mkntfs, ntfscp) and shipped as a
 * fixture, so {@code lab init} needs no tools. Each VM's copy gets its own GPT disk GUID and NTFS serial
 * number (both header CRCs recomputed), so no two VMs' disks are the same bytes.
 */
public final class GuestDisk {

    public static final String FIXTURE = "/dev/vsskit/lab/guest-disk.raw.gz";
    public static final int SIZE = 8 * VhdxWriter.MIB;
    /** The NTFS partition's first byte (LBA 2048). */
    public static final long NTFS_OFFSET = 2048L * 512;

    /** Where the guest file {@code data.bin} (300,000 bytes of 'v', contiguous) starts on the guest disk. */
    private static volatile long dataFileOffset = -1;

    private GuestDisk() {
    }

    /**
     * The offset on the guest disk of the first byte of the guest's file {@code data.bin}: the file a running
     * lab guest writes to. Found once in the fixture (its first 4 KiB cluster of 'v'), the same for every VM.
     */
    public static long dataFileOffset() {
        long at = dataFileOffset;
        if (at < 0) {
            byte[] disk = fixture();
            at = -1;
            for (int c = (int) NTFS_OFFSET; c + 4096 <= disk.length && at < 0; c += 4096) {
                boolean all = true;
                for (int i = 0; i < 4096 && all; i++) {
                    all = disk[c + i] == 'v';
                }
                if (all) {
                    at = c;
                }
            }
            if (at < 0) {
                throw new IllegalStateException("the lab's guest disk has no data.bin (4 KiB of 'v')");
            }
            dataFileOffset = at;
        }
        return at;
    }

    /** The guest disk of the VM with {@code vmId}. */
    public static byte[] forVm(UUID vmId) {
        byte[] disk = fixture();
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        long lastLba = SIZE / 512 - 1;
        for (long lba : new long[] {1, lastLba}) {
            int h = (int) (lba * 512);
            VhdxWriter.putGuid(b.position(h + 56), vmId); // DiskGUID
            b.putInt(h + 16, 0);
            CRC32 crc = new CRC32();
            crc.update(disk, h, b.getInt(h + 12));
            b.putInt(h + 16, (int) crc.getValue());
        }
        long serial = vmId.getMostSignificantBits() ^ vmId.getLeastSignificantBits();
        long sectors = b.getLong((int) NTFS_OFFSET + 0x28);
        b.putLong((int) NTFS_OFFSET + 0x48, serial);
        b.putLong((int) (NTFS_OFFSET + sectors * 512) + 0x48, serial); // the backup boot sector
        return disk;
    }

    /** A piece of a virtual disk: {@code bytes} at {@code offset}; the rest of the disk reads as zeros. */
    public record Piece(long offset, byte[] bytes) {
    }

    /**
     * The guest disk of the VM with {@code vmId} on a virtual disk of {@code size} bytes (at least {@link #SIZE}):
     * the same GPT and NTFS volume at its start, the GPT grown to the whole disk (its backup header and entries
     * at the disk's last sectors, both header CRCs recomputed), zeros in between.
     */
    public static List<Piece> forVm(UUID vmId, long size) {
        if (size < SIZE || size % 512 != 0) {
            throw new IllegalArgumentException("a lab guest disk needs at least " + SIZE + " bytes in whole sectors, not "
                    + size);
        }
        byte[] head = forVm(vmId);
        if (size == SIZE) {
            return List.of(new Piece(0, head));
        }
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        int entriesSectors = 32;
        long lastLba = size / 512 - 1;
        long oldLast = SIZE / 512 - 1;
        byte[] entries = java.util.Arrays.copyOfRange(head, 2 * 512, (2 + entriesSectors) * 512);
        // the primary header (LBA 1) points at the new end of the disk
        b.putLong(512 + 32, lastLba); // AlternateLBA
        b.putLong(512 + 48, lastLba - entriesSectors - 1); // LastUsableLBA
        rechecksum(head, 512);
        byte[] backupHeader = java.util.Arrays.copyOfRange(head, 512, 1024);
        ByteBuffer bh = ByteBuffer.wrap(backupHeader).order(ByteOrder.LITTLE_ENDIAN);
        bh.putLong(24, lastLba); // MyLBA
        bh.putLong(32, 1); // AlternateLBA
        bh.putLong(72, lastLba - entriesSectors); // PartitionEntryLBA
        rechecksum(backupHeader, 0);
        // the old backup entries and header at the 8 MiB mark are now unpartitioned space: zeros
        java.util.Arrays.fill(head, (int) ((oldLast - entriesSectors) * 512), SIZE, (byte) 0);
        byte[] tail = new byte[(entriesSectors + 1) * 512];
        System.arraycopy(entries, 0, tail, 0, entries.length);
        System.arraycopy(backupHeader, 0, tail, entries.length, 512);
        return List.of(new Piece(0, head), new Piece((lastLba - entriesSectors) * 512, tail));
    }

    /** Recomputes the CRC-32 of the GPT header at {@code h}. */
    private static void rechecksum(byte[] disk, int h) {
        ByteBuffer b = ByteBuffer.wrap(disk).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(h + 16, 0);
        CRC32 crc = new CRC32();
        crc.update(disk, h, b.getInt(h + 12));
        b.putInt(h + 16, (int) crc.getValue());
    }

    static byte[] fixture() {
        try (InputStream in = GuestDisk.class.getResourceAsStream(FIXTURE)) {
            if (in == null) {
                throw new IllegalStateException("the lab's guest disk " + FIXTURE + " is missing from the jar");
            }
            byte[] disk = new GZIPInputStream(in).readAllBytes();
            if (disk.length != SIZE) {
                throw new IllegalStateException("the lab's guest disk is " + disk.length + " bytes, not " + SIZE);
            }
            return disk;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab's guest disk: " + e.getMessage(), e);
        }
    }
}
