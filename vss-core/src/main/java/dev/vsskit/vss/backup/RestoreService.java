package dev.vsskit.vss.backup;

import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.io.VerifiedCopy;
import dev.vsskit.vss.store.FileRestore;
import dev.vsskit.vss.store.SnapshotStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Restores one VM from a backup, as SnapManager for Hyper-V does: the Hyper-V writer's restore sequence
 * (PreRestore turns the VM off and unregisters it; the files come back from the ONTAP snapshot;
 * PostRestore registers it again), single-file restore when the volume holds other VMs, whole-volume
 * restore only when it holds just this VM and {@code --force} is given; or, with an alternate folder, a
 * copy of the files that leaves the VM alone. Every restored file is compared with the snapshot's bytes
 * ({@link VerifiedCopy}: while copying for a copy, in one pass over both for a file the storage put back).
 */
public final class RestoreService {

    private final BackupTarget target;
    private final BackupCatalog catalog;
    private final VerifiedCopy copy;

    public RestoreService(BackupTarget target, BackupCatalog catalog) {
        this(target, catalog, false);
    }

    /** With {@code sha256}, each restored file's result also carries the SHA-256 of the snapshot's bytes. */
    public RestoreService(BackupTarget target, BackupCatalog catalog, boolean sha256) {
        this(target, catalog, VerifiedCopy.of(sha256));
    }

    /** Tests: the copy routine given (e.g. one that damages a write). */
    public RestoreService(BackupTarget target, BackupCatalog catalog, VerifiedCopy copy) {
        this.target = target;
        this.catalog = catalog;
        this.copy = copy;
    }

    /** One file of the VM: where it lives now and where it is in the storage snapshot. */
    private record SourceFile(String windowsPath, String storageVolume, String snapshot, String pathInVolume,
            String volumePath) {
    }

    public RestoreResult restore(RestoreRequest request) {
        VirtualMachine vm = target.virtualMachines().stream().filter(v -> v.matches(request.vm())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown VM '" + request.vm() + "' on "
                        + target.host().computerName() + "; `vsskit list vms` lists them"));
        BackupRecord record = findBackup(request.backup(), vm);
        SnapshotStore store = target.storage().orElseThrow(() -> new IllegalStateException(
                "no ONTAP cluster is configured; restore reads the backup's ONTAP snapshots (see docs/ontap.md)"));
        List<SourceFile> sources = sources(vm, record);
        List<String> warnings = new ArrayList<>();
        if (request.alternateDir().isPresent()) {
            return restoreToFolder(vm, record, store, sources, request.alternateDir().get(), warnings);
        }
        if (vm.running() && !request.force()) {
            throw new IllegalArgumentException("VM " + vm.name() + " is running; restoring replaces its files."
                    + " Shut it down first, restore to another folder (--to DIR), or give --force to turn it off");
        }
        // each snapshot opened once for all of the restore's reads, and closed at its end (also on failure)
        return holding(store, sources, () -> restoreInPlace(request, vm, record, store, sources, warnings));
    }

    private RestoreResult restoreInPlace(RestoreRequest request, VirtualMachine vm, BackupRecord record,
            SnapshotStore store, List<SourceFile> sources, List<String> warnings) {
        configChanged(vm, store, sources).ifPresent(warnings::add);
        if (!request.start()) {
            // Hyper-V registers the VM again but does not start it: say so rather than leave it off silently
            warnings.add(vm.running()
                    ? "VM " + vm.name() + " was running; it was turned off for the restore and stays off (give --start"
                            + " to start it after the restore, or start it in Hyper-V Manager)"
                    : "VM " + vm.name() + " was off and stays off after the restore (give --start to start it, or"
                            + " start it in Hyper-V Manager)");
        }

        String method = chooseMethod(vm, sources, request.force());
        BackupTarget.VmRestoreSequence sequence = target.beginRestore(vm,
                record.snapshotSetId().flatMap(catalog::document));
        sequence.preRestore();
        boolean registeredAgain = false;
        try {
            if (method.startsWith("whole-volume")) {
                SourceFile any = sources.get(0);
                store.restoreVolume(any.storageVolume(), any.snapshot());
            } else {
                for (SourceFile f : sources) {
                    store.restoreFiles(f.storageVolume(), f.snapshot(),
                            List.of(new FileRestore(f.pathInVolume(), f.pathInVolume())));
                }
            }
            sequence.postRestore(request.start());
            registeredAgain = true;
        } finally {
            if (!registeredAgain) {
                // PostRestore even on failure, so the VM does not stay unregistered; the failure still propagates
                sequence.postRestore(false);
            }
        }
        List<RestoreResult.RestoredFile> checked = new ArrayList<>();
        for (SourceFile f : sources) {
            checked.add(compare(store, f, target.liveFile(f.windowsPath())));
        }
        return new RestoreResult(record.name(), vm.name(), method, "original location", checked, warnings,
                request.start());
    }

    private RestoreResult restoreToFolder(VirtualMachine vm, BackupRecord record, SnapshotStore store,
            List<SourceFile> sources, Path dir, List<String> warnings) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("restore target " + dir + " is a file, not a folder; give a new or empty"
                    + " folder (nothing was written)");
        }
        if (Files.exists(dir)) {
            boolean empty;
            try (var entries = Files.list(dir)) {
                empty = entries.findAny().isEmpty();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the restore target " + dir + " (" + reason(e)
                        + "); give a new or empty folder you can write to (nothing was written)", e);
            }
            if (!empty) {
                throw new IllegalArgumentException("restore target " + dir + " exists and is not empty;"
                        + " give a new or empty folder (nothing was written)");
            }
        }
        return holding(store, sources, () -> copyToFolder(vm, record, store, sources, dir, warnings));
    }

    private RestoreResult copyToFolder(VirtualMachine vm, BackupRecord record, SnapshotStore store,
            List<SourceFile> sources, Path dir, List<String> warnings) {
        List<RestoreResult.RestoredFile> out = new ArrayList<>();
        // what this restore created, so that a failure leaves the disk as it found it
        List<Path> created = new ArrayList<>();
        try {
            createDirectories(dir, created);
        } catch (IOException e) {
            removeCreated(created);
            throw new IllegalArgumentException("cannot create the restore target " + dir + " (" + reason(e)
                    + "); give a new or empty folder in a place you can write to (nothing was written)", e);
        }
        boolean done = false;
        try {
            for (SourceFile f : sources) {
                Path dest = dir.resolve(relativeToVmFolder(f, vm).replace('\\', '/'));
                createDirectories(dest.getParent(), created);
                Path tmp = dest.resolveSibling(dest.getFileName() + ".partial");
                VerifiedCopy.Outcome copied;
                try (ReadableByteChannel in = store.openSnapshotChannel(f.storageVolume(), f.snapshot(),
                        f.pathInVolume())) {
                    created.add(tmp);
                    copied = copy.copy(in, tmp);
                }
                created.add(dest);
                Files.move(tmp, dest);
                out.add(restored(f, dest, copied));
            }
            done = true;
        } catch (IOException e) {
            throw new UncheckedIOException("restore to " + dir + " failed (" + reason(e) + "); check the free space and"
                    + " permissions there, then restore to a new or empty folder (nothing was left behind)", e);
        } finally {
            if (!done) {
                removeCreated(created);
            }
        }
        return new RestoreResult(record.name(), vm.name(), "copy to alternate folder" + route(sources, false),
                dir.toString(), out, warnings, false);
    }

    /**
     * {@code body} with each distinct snapshot of {@code sources} held open ({@link SnapshotStore#hold}), released
     * newest first when it ends, also when it fails (a failure to release is added to the body's, or thrown).
     */
    private static RestoreResult holding(SnapshotStore store, List<SourceFile> sources,
            java.util.function.Supplier<RestoreResult> body) {
        return holding(store, sources.stream().filter(distinctSnapshot()).toList(), 0, body);
    }

    private static RestoreResult holding(SnapshotStore store, List<SourceFile> snapshots, int next,
            java.util.function.Supplier<RestoreResult> body) {
        if (next == snapshots.size()) {
            return body.get();
        }
        SourceFile f = snapshots.get(next);
        try (SnapshotStore.Hold held = store.hold(f.storageVolume(), f.snapshot())) {
            return holding(store, snapshots, next + 1, body);
        }
    }

    private static java.util.function.Predicate<SourceFile> distinctSnapshot() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return f -> seen.add(f.storageVolume() + "/" + f.snapshot());
    }

    /** Files.createDirectories, noting each folder it made (outermost first). */
    private static void createDirectories(Path dir, List<Path> created) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir.toAbsolutePath(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path p : missing) {
            Files.createDirectory(p);
            created.add(p);
        }
    }

    /** Deletes what a failed restore created, newest first; what cannot be deleted is left as it is. */
    private static void removeCreated(List<Path> created) {
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(created.get(i));
            } catch (IOException e) {
                // e.g. a folder someone else wrote into meanwhile: not ours to delete
            }
        }
    }

    private BackupRecord findBackup(String name, VirtualMachine vm) {
        if (!RestoreRequest.LATEST.equalsIgnoreCase(name)) {
            BackupRecord r = catalog.find(name).orElseThrow(() -> new IllegalArgumentException(
                    "unknown backup '" + name + "'; see `vsskit list backups --vm " + vm.name() + "`"));
            if (!r.succeeded()) {
                throw new IllegalArgumentException("backup " + name + " did not succeed (" + r.outcome()
                        + "); choose another with `vsskit list backups --vm " + vm.name() + "`");
            }
            if (r.vms().stream().noneMatch(v -> v.equalsIgnoreCase(vm.name()))) {
                throw new IllegalArgumentException("backup " + name + " does not hold VM " + vm.name() + " (it holds "
                        + String.join(", ", r.vms()) + ")");
            }
            return r;
        }
        // chosen from the index: only the record restored from is read
        return catalog.newest(s -> s.succeeded() && s.holds(vm.name()), r -> true)
                .orElseThrow(() -> new IllegalArgumentException("no backup holds VM " + vm.name()
                        + "; take one first (vsskit backup --vm " + vm.name() + ")"));
    }

    private List<SourceFile> sources(VirtualMachine vm, BackupRecord record) {
        List<SourceFile> out = new ArrayList<>();
        for (String file : vm.files()) {
            BackupRecord.VolumeEntry vol = record.volumes().stream()
                    .filter(v -> startsWithIgnoreCase(file, v.volumePath()))
                    .max(Comparator.comparingInt(v -> v.volumePath().length()))
                    .orElseThrow(() -> new IllegalStateException("backup " + record.name() + " holds no volume with "
                            + file + "; was the VM moved since the backup?"));
            if (vol.storageVolume().isEmpty() || vol.storageSnapshot().isEmpty()) {
                throw new IllegalStateException("backup " + record.name() + " took " + vol.volumePath() + " with '"
                        + vol.providerName() + "', not on ONTAP storage; vsskit restores from ONTAP snapshots only");
            }
            String inVolume = file.substring(vol.volumePath().length()).replace('\\', '/');
            while (inVolume.startsWith("/")) {
                inVolume = inVolume.substring(1);
            }
            out.add(new SourceFile(file, vol.storageVolume(), vol.storageSnapshot(), inVolume, vol.volumePath()));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("VM " + vm.name() + " has no files to restore");
        }
        return out;
    }

    /** How this host brings the files back, when it has its own way (" (ONTAP file clone ...)"); "" otherwise. */
    private String route(List<SourceFile> sources, boolean inPlace) {
        List<String> routes = sources.stream().filter(distinctSnapshot())
                .map(f -> target.restoreRoute(f.storageVolume(), f.snapshot(), inPlace)).flatMap(Optional::stream)
                .distinct().toList();
        return routes.isEmpty() ? "" : " (" + String.join("; ", routes) + ")";
    }

    /**
     * Whole-volume restore (SMHV's LUN clone split restore) only when the volume holds no other VM and the host
     * has no file-by-file way of its own.
     */
    private String chooseMethod(VirtualMachine vm, List<SourceFile> sources, boolean force) {
        String route = route(sources, true);
        if (!route.isEmpty()) {
            return "single-file restore" + route;
        }
        boolean oneVolume = sources.stream().map(SourceFile::storageVolume).distinct().count() == 1;
        String volumePath = sources.get(0).volumePath();
        boolean alone = target.virtualMachines().stream().filter(v -> !v.id().equals(vm.id()))
                .noneMatch(v -> v.files().stream().anyMatch(f -> startsWithIgnoreCase(f, volumePath)));
        return oneVolume && alone && force ? "whole-volume restore (volume holds only this VM)"
                : "single-file restore";
    }

    private Optional<String> configChanged(VirtualMachine vm, SnapshotStore store, List<SourceFile> sources) {
        for (SourceFile f : sources) {
            if (!f.windowsPath().toLowerCase(Locale.ROOT).endsWith(".vmcx")
                    && !f.windowsPath().toLowerCase(Locale.ROOT).endsWith(".xml")) {
                continue;
            }
            Path live = target.liveFile(f.windowsPath());
            try (ReadableByteChannel in = store.openSnapshotChannel(f.storageVolume(), f.snapshot(),
                    f.pathInVolume())) {
                if (Files.exists(live) && !VerifiedCopy.of(false).compare(in, live).identical()) {
                    return Optional.of("the configuration of VM " + vm.name() + " changed since the backup ("
                            + f.windowsPath() + "); the restore brings back the configuration of the backup");
                }
            } catch (IOException e) {
                return Optional.of("could not compare the configuration of VM " + vm.name() + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Compares a file the storage put back with the snapshot's bytes, in one pass over both. */
    private RestoreResult.RestoredFile compare(SnapshotStore store, SourceFile f, Path restored) {
        try (ReadableByteChannel snap = store.openSnapshotChannel(f.storageVolume(), f.snapshot(), f.pathInVolume())) {
            return restored(f, restored, copy.compare(snap, restored));
        } catch (IOException e) {
            return new RestoreResult.RestoredFile(f.windowsPath(), restored.toString(), -1, "unreadable: "
                    + e.getMessage(), false);
        }
    }

    private static RestoreResult.RestoredFile restored(SourceFile f, Path restored, VerifiedCopy.Outcome o) {
        return new RestoreResult.RestoredFile(f.windowsPath(), restored.toString(), o.bytes(), o.sha256(),
                o.identical());
    }

    private static String relativeToVmFolder(SourceFile f, VirtualMachine vm) {
        String p = f.pathInVolume();
        String prefix = vm.name() + "/";
        return p.regionMatches(true, 0, prefix, 0, prefix.length()) ? p.substring(prefix.length()) : p;
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** Why a file operation failed, in words (Java's messages of these exceptions are often just the path). */
    static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof java.nio.file.NotDirectoryException n) {
            return n.getFile() + " is not a folder";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException n) {
            return n.getFile() + " exists and is not a folder";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
