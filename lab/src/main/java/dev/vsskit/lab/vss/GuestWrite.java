package dev.vsskit.lab.vss;

import dev.vsskit.lab.internal.GuestDisk;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.Vhdx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a running guest writes to its disk after its own shadow copy (taken during the host's PrepareForSnapshot)
 * and before the host's snapshot: 512 bytes at the start of its file {@code data.bin}, written to the live VHDX
 * through the volume's store. The host's snapshot catches them; the Hyper-V writer's auto-recovery then rolls
 * the VHDX in the snapshot back to the guest's shadow copy ("the host image of the VHD files ... rolled back
 * to the snapshot taken during the processing of the PrepareForSnapshot event"), i.e. writes {@link #before}
 * back there. The guest file system stays whole either way (only a file's content changes).
 */
record GuestWrite(String vm, String volume, String path, long offset, byte[] before, byte[] after) {

    static final int LENGTH = 512;

    /** The running guest of {@code vm} writes into its disk (the live file), in set {@code set}. */
    static GuestWrite write(Path labDir, LabVolume volume, LabVm vm, VssId set) {
        CowVolumeStore store = CowVolumeStore.open(labDir.resolve("volumes").resolve(volume.key()));
        try {
            long offset;
            try (ByteSource src = ByteSource.open(store.dataDir().resolve(vm.vhdx()))) {
                offset = Vhdx.inspect(src, vm.vhdx(), true).fileOffsetOf(GuestDisk.dataFileOffset());
            }
            if (offset < 0) {
                throw new IllegalStateException(vm.name() + "'s disk has no allocated block at its data.bin");
            }
            byte[] before;
            try (ByteSource src = ByteSource.open(store.dataDir().resolve(vm.vhdx()))) {
                before = src.read(offset, LENGTH);
            }
            byte[] after = new byte[LENGTH];
            Arrays.fill(after, (byte) 'w');
            byte[] line = (vm.name() + "'s guest wrote this after its own shadow copy in snapshot set " + set
                    + "; the host's auto-recovery rolls it back in the backup\r\n").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(line, 0, after, 0, Math.min(line.length, LENGTH));
            store.write(vm.vhdx(), offset, after);
            return new GuestWrite(vm.name(), volume.key(), vm.vhdx(), offset, before, after);
        } catch (IOException e) {
            throw new UncheckedIOException("the guest of " + vm.name() + " cannot write to its disk: " + e.getMessage(), e);
        }
    }
}
