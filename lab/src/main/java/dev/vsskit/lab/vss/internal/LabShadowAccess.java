package dev.vsskit.lab.vss.internal;

import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.lab.storage.SnapshotFile;
import dev.vsskit.lab.storage.VolumeSnapshot;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.FileTrees;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The lab's expose, unexpose and revert ({@link LabHost#exposeShadow}, ...): what ExposeSnapshot and
 * RevertToSnapshot do on Windows, done on the copy-on-write store of the shadow's volume. An exposure is a
 * read-only copy of the shadow's files in the given folder (the lab has no volume devices to mount); a revert
 * makes the volume's live files the shadow's. Only the Microsoft providers' shadows live in those stores;
 * the ONTAP providers' are Snapshot copies on the simulator: expose reads those from the simulator's store (as the
 * Data ONTAP provider maps a LUN clone to the host), revert refuses them in one line.
 */
public final class LabShadowAccess {

    private final LabHost lab;

    public LabShadowAccess(LabHost lab) {
        this.lab = lab;
    }

    /** Copies the shadow's files into {@code at} (absent or empty) and makes them read-only. */
    public String expose(VssId shadowId, Path at) {
        Shadow shadow = shadow(shadowId);
        Path target = at.toAbsolutePath().normalize();
        if (Files.exists(target) && !isEmptyDir(target)) {
            throw new LabException("cannot expose at " + target + ": not an empty folder");
        }
        CowVolumeStore cow = storeOf(shadow);
        String cowId = LabVolumes.storeSnapshotId(shadowId);
        // a software provider's shadow lives in the volume's store; an ONTAP provider's is a Snapshot copy on the
        // simulator, which the provider maps to the host when it is exposed (read here from the simulator's store)
        java.util.Optional<dev.vsskit.lab.ontap.OntapLab.StoredSnapshot> onOntap = cow.snapshot(cowId).isPresent()
                ? java.util.Optional.empty()
                : dev.vsskit.lab.backup.internal.LabOntapRuntime.of(lab).storageOf(shadowId)
                        .flatMap(a -> dev.vsskit.lab.ontap.OntapLab.storedSnapshot(lab.dir(), a[0], a[1]));
        CowVolumeStore store = onOntap.map(dev.vsskit.lab.ontap.OntapLab.StoredSnapshot::store).orElse(cow);
        String snapId = onOntap.map(dev.vsskit.lab.ontap.OntapLab.StoredSnapshot::snapshotId).orElse(cowId);
        VolumeSnapshot snap = store.snapshot(snapId).orElseThrow(() -> new LabException(
                "shadow copy " + shadowId + " has no snapshot in the lab (made by " + shadow.providerName()
                        + "); expose works for the software provider's and the ONTAP providers' shadows"));
        try {
            Files.createDirectories(target);
            copyFiles(store, snap, target);
            setReadOnly(target);
        } catch (IOException | RuntimeException e) {
            deleteExposed(target);
            throw e instanceof IOException io ? new UncheckedIOException("cannot expose at " + target, io)
                    : (RuntimeException) e;
        }
        return target.toString();
    }

    /**
     * The files of a snapshot of {@code store}, copied into the existing folder {@code target}: what the lab shows in
     * place of a mounted volume (an exposed shadow, a mounted LUN clone).
     */
    public static void copyFiles(CowVolumeStore store, VolumeSnapshot snap, Path target) throws IOException {
        for (SnapshotFile f : snap.files()) {
            Path dst = target.resolve(f.path()).normalize();
            if (!dst.startsWith(target)) {
                throw new LabException("snapshot file path escapes the folder: " + f.path());
            }
            Files.createDirectories(dst.getParent());
            try (InputStream in = store.openSnapshotFile(snap.id(), f.path())) {
                Files.copy(in, dst);
            }
        }
    }

    /** Removes the copy {@link #expose} made at {@code at}. */
    public void unexpose(Path at) {
        deleteExposed(at.toAbsolutePath().normalize());
    }

    /** The shadow's volume's live files become the shadow's, byte for byte. */
    public void revert(VssId shadowId) {
        Shadow shadow = shadow(shadowId);
        CowVolumeStore store = storeOf(shadow);
        String snapId = LabVolumes.storeSnapshotId(shadowId);
        if (store.snapshot(snapId).isEmpty()) {
            throw new LabException("revert: shadow copy " + shadowId + " was made by '" + shadow.providerName()
                    + "', which does not revert volumes; restore a VM from its ONTAP snapshot with "
                    + "`restore --vm NAME --backup NAME`");
        }
        try {
            store.restoreVolume(snapId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot revert " + shadow.originalVolumePath() + " to shadow copy " + shadowId, e);
        }
    }

    private Shadow shadow(VssId id) {
        return lab.shadows().stream().filter(s -> s.shadowId().equals(id)).findFirst()
                .orElseThrow(() -> new LabException("shadow copy " + id + " not found; see `list shadows all`"));
    }

    /** The copy-on-write store of the lab volume a shadow was taken of. */
    private CowVolumeStore storeOf(Shadow shadow) {
        LabVolumes volumes = new LabVolumes(lab.config());
        LabVolume volume = volumes.find(shadow.originalVolumeName())
                .or(() -> volumes.find(shadow.originalVolumePath()))
                .orElseThrow(() -> new LabException("no lab volume for " + shadow.originalVolumePath()));
        return CowVolumeStore.open(lab.dir().resolve("volumes").resolve(volume.key()));
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void setReadOnly(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            // files before their folders, so that a read-only folder is not needed while walking it
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(false, false);
            }
        }
    }

    /** An exposure is a read-only copy: made writable, then deleted; a failure is an error. */
    private static void deleteExposed(Path root) {
        try {
            FileTrees.deleteReadOnly(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + root, e);
        }
    }
}
