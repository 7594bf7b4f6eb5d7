package dev.vsskit.vss.verify.disk;

import dev.vsskit.vss.verify.BackupFacts;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verify --deep}: for every VM of a backup, opens the storage snapshot that holds its disks (through
 * a {@link SnapshotAccess}, never the live files), and checks each VHDX/AVHDX and the guest file systems in
 * it. Every snapshot opened is released (the clone deleted) whatever happens. Results are checks named
 * {@code <vm> <file>: <check>} with their evidence, plus one {@code <vm>: snapshot access} check per VM that
 * says which access path was used.
 */
public final class DeepVerifier {

    public static final String ACCESS = "snapshot access";
    /** A disk file that could not be read at all (missing from the snapshot, or an I/O error). */
    public static final String FILE_READABLE = "file readable in the snapshot";

    /** A VM as deep verify needs it: its name and the Windows paths of its files. */
    public record VmFiles(String name, List<String> files) {
        public VmFiles {
            files = List.copyOf(files);
        }
    }

    /** One VM's deep results: the access path, its checks, the bytes read and the time taken. */
    public record VmResult(String vm, String access, List<CheckResult> checks, long bytesRead, Duration took) {
        public VmResult {
            checks = List.copyOf(checks);
        }

        public boolean passed() {
            return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL);
        }
    }

    /** Reports each VM as it is done (engines never print). */
    @FunctionalInterface
    public interface Listener {
        void vmVerified(VmResult result);

        Listener NONE = r -> { };
    }

    private final Clock clock;

    public DeepVerifier(Clock clock) {
        this.clock = clock;
    }

    public List<VmResult> verify(BackupFacts backup, List<VmFiles> vms, SnapshotAccess access, Listener listener) {
        Map<String, SnapshotAccess.Opened> opened = new LinkedHashMap<>();
        Map<String, String> openFailures = new LinkedHashMap<>();
        List<VmResult> out = new ArrayList<>();
        try {
            for (VmFiles vm : vms) {
                VmResult r = verifyVm(backup, vm, access, opened, openFailures);
                out.add(r);
                listener.vmVerified(r);
            }
        } finally {
            List<String> closeProblems = new ArrayList<>();
            for (Map.Entry<String, SnapshotAccess.Opened> e : opened.entrySet()) {
                try {
                    e.getValue().close();
                } catch (IOException | RuntimeException ex) {
                    closeProblems.add(e.getValue().description() + ": " + ex.getMessage());
                }
            }
            if (!closeProblems.isEmpty()) {
                // the results stand, but the admin must know a clone was left behind
                for (int i = 0; i < out.size(); i++) {
                    VmResult r = out.get(i);
                    List<CheckResult> checks = new ArrayList<>(r.checks());
                    checks.add(CheckResult.warn(r.vm() + ": " + ACCESS + " released", "not released: "
                            + String.join("; ", closeProblems), "Delete the clone by hand (ONTAP: volume offline,"
                            + " then volume delete) so it does not hold the Snapshot copy."));
                    out.set(i, new VmResult(r.vm(), r.access(), checks, r.bytesRead(), r.took()));
                }
            }
        }
        return out;
    }

    private VmResult verifyVm(BackupFacts backup, VmFiles vm, SnapshotAccess access,
            Map<String, SnapshotAccess.Opened> opened, Map<String, String> openFailures) {
        Instant start = clock.instant();
        List<CheckResult> checks = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        long read = 0;
        List<String> disks = vm.files().stream().filter(DeepVerifier::isVirtualDisk).toList();
        if (disks.isEmpty()) {
            checks.add(new CheckResult(vm.name() + ": " + ACCESS, CheckStatus.SKIP, "the VM has no VHDX or AVHDX file",
                    ""));
            return new VmResult(vm.name(), "", checks, 0, Duration.between(start, clock.instant()));
        }
        List<CheckResult> diskChecks = new ArrayList<>();
        List<String> accessProblems = new ArrayList<>();
        for (String file : disks) {
            Optional<BackupFacts.VolumeFact> vol = backup.volumes().stream()
                    .filter(v -> startsWithIgnoreCase(file, withSlash(v.volumePath())))
                    .max(Comparator.comparingInt(v -> v.volumePath().length()));
            if (vol.isEmpty() || vol.get().storageVolume().isEmpty() || vol.get().storageSnapshot().isEmpty()) {
                accessProblems.add(file + ": " + (vol.isEmpty() ? "the backup holds no volume with this file"
                        : "its volume " + vol.get().volumePath() + " was shadow-copied by '" + vol.get().providerName()
                                + "', not into a storage snapshot"));
                continue;
            }
            String key = vol.get().storageVolume() + "@" + vol.get().storageSnapshot();
            SnapshotAccess.Opened o = opened.get(key);
            if (o == null && !openFailures.containsKey(key)) {
                try {
                    o = access.open(vol.get().storageVolume(), vol.get().storageSnapshot());
                    opened.put(key, o);
                } catch (IOException | RuntimeException e) {
                    openFailures.put(key, e.getMessage());
                }
            }
            if (o == null) {
                accessProblems.add(file + ": cannot open " + key + ": " + openFailures.get(key));
                continue;
            }
            if (!paths.contains(o.description())) {
                paths.add(o.description());
            }
            String inVolume = file.substring(withSlash(vol.get().volumePath()).length()).replace('\\', '/');
            String name = inVolume.substring(inVolume.lastIndexOf('/') + 1);
            String prefix = vm.name() + " " + name + ": ";
            String folder = inVolume.contains("/") ? inVolume.substring(0, inVolume.lastIndexOf('/') + 1) : "";
            SnapshotAccess.Opened snapshot = o;
            try (ByteSource src = o.open(inVolume)) {
                DiskVerifier.DiskResult r = DiskVerifier.verify(name, src, backup.applicationConsistent(),
                        rel -> snapshot.open(resolve(folder, rel)));
                read += r.bytesRead();
                for (CheckResult f : r.checks()) {
                    diskChecks.add(f.named(prefix + f.name()));
                }
            } catch (IOException | RuntimeException e) {
                diskChecks.add(CheckResult.fail(prefix + FILE_READABLE, "cannot read " + inVolume + " in " + key + ": "
                        + e.getMessage(), "The file is missing from the snapshot or unreadable: restore the VM from"
                        + " an earlier backup."));
            }
        }
        String accessText = String.join("; ", paths);
        if (accessProblems.isEmpty()) {
            checks.add(CheckResult.pass(vm.name() + ": " + ACCESS, "read through " + accessText + " ("
                    + (backup.applicationConsistent() ? "application" : "crash") + "-consistent backup), never the live"
                    + " files; " + read + " bytes of metadata read"));
        } else {
            checks.add(CheckResult.fail(vm.name() + ": " + ACCESS, String.join("; ", accessProblems)
                            + (paths.isEmpty() ? "" : "; read the others through " + accessText),
                    "Deep verify reads the VM's disks in the backup's storage snapshots; check that the cluster is"
                            + " reachable and the Snapshot copies exist (vsskit verify without --deep)."));
        }
        checks.addAll(diskChecks);
        return new VmResult(vm.name(), accessText, checks, read, Duration.between(start, clock.instant()));
    }

    static boolean isVirtualDisk(String file) {
        String f = file.toLowerCase(Locale.ROOT);
        return f.endsWith(".vhdx") || f.endsWith(".avhdx");
    }

    /** A parent locator's relative path ({@code .\parent.vhdx}, {@code ..\base\p.vhdx}) from the child's folder. */
    static String resolve(String folder, String relative) {
        List<String> parts = new ArrayList<>(List.of(folder.split("/")));
        parts.removeIf(String::isEmpty);
        for (String p : relative.replace('\\', '/').split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
            } else {
                parts.add(p);
            }
        }
        return String.join("/", parts);
    }

    private static String withSlash(String p) {
        return p.endsWith("\\") ? p : p + "\\";
    }

    private static boolean startsWithIgnoreCase(String s, String prefix) {
        return s.regionMatches(true, 0, prefix, 0, prefix.length());
    }
}
