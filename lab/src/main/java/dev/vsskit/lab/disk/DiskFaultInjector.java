package dev.vsskit.lab.disk;

import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.lab.storage.internal.SnapshotPatches;
import dev.vsskit.vss.verify.disk.ByteSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Puts a {@link DiskCorruption} into a lab VM's VHDX: into its live file now (through the volume store, so
 * existing snapshots keep their bytes), or into the next snapshot of its volume only (the live file stays
 * whole). Holds the lab lock while it changes files.
 */
public final class DiskFaultInjector {

    /** A pending or applied disk fault, as {@code lab fault list} shows it. */
    public record DiskFault(String vm, String volume, String corruption, boolean nextSnapshot) {
    }

    private DiskFaultInjector() {
    }

    public static DiskFault inject(LabHost lab, String vmName, DiskCorruption corruption, boolean live) {
        LabConfig.LabVm vm = lab.config().vms().stream().filter(v -> v.name().equalsIgnoreCase(vmName)).findFirst()
                .orElseThrow(() -> new LabException("unknown VM " + vmName + "; known VMs: " + String.join(", ",
                        lab.config().vms().stream().map(LabConfig.LabVm::name).toList())));
        LabConfig.LabVolume volume = lab.config().volume(vm.volume()).orElseThrow();
        Path root = lab.dir().resolve("volumes").resolve(volume.key());
        try (LabLock lock = LabLock.acquire(lab.dir())) {
            List<SnapshotPatches.Patch> patches;
            try (ByteSource src = ByteSource.open(root.resolve("data").resolve(vm.vhdx()))) {
                patches = DiskFaults.patches(corruption, vm.vhdx(), src);
            } catch (IllegalStateException e) {
                throw new LabException("cannot put " + corruption.word() + " into " + vm.name() + "'s disk: "
                        + e.getMessage() + "; `vsskit lab init --force` makes the disks whole again", e);
            }
            if (live) {
                CowVolumeStore store = CowVolumeStore.open(root);
                for (SnapshotPatches.Patch p : patches) {
                    store.write(p.path(), p.offset(), p.bytes());
                }
            } else {
                SnapshotPatches.schedule(root, patches.stream().map(p -> new SnapshotPatches.Patch(p.path(),
                        p.offset(), p.bytes(), vm.name() + ":" + corruption.word())).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + vm.name() + "'s disk: " + e.getMessage(), e);
        }
        return new DiskFault(vm.name(), volume.key(), corruption.word(), !live);
    }

    /** The disk faults waiting for the next snapshot of each volume. */
    public static List<DiskFault> pending(LabHost lab) {
        List<DiskFault> out = new ArrayList<>();
        for (LabConfig.LabVolume v : lab.config().volumes()) {
            Set<String> seen = new LinkedHashSet<>();
            try {
                for (SnapshotPatches.Patch p : SnapshotPatches.pending(lab.dir().resolve("volumes").resolve(v.key()))) {
                    seen.add(p.why());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pending disk faults of " + v.key() + ": "
                        + e.getMessage(), e);
            }
            for (String why : seen) {
                int colon = why.indexOf(':');
                out.add(new DiskFault(colon < 0 ? "?" : why.substring(0, colon), v.key(), why.substring(colon + 1),
                        true));
            }
        }
        return out;
    }

    public static void clear(LabHost lab) {
        try (LabLock lock = LabLock.acquire(lab.dir())) {
            for (LabConfig.LabVolume v : lab.config().volumes()) {
                SnapshotPatches.clear(lab.dir().resolve("volumes").resolve(v.key()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the disk faults: " + e.getMessage(), e);
        }
    }
}
