package dev.vsskit.vss.doctor;

import dev.vsskit.vss.ClusterSharedVolume;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.store.StorageHealth;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The checks of {@code vsskit doctor}: each turns facts the caller gathered from the host, its backup target,
 * the storage, the event log and the catalog into one named {@link CheckResult} (pass, warn, fail or skip,
 * with the evidence and the fix). They know the limits admins of Hyper-V on ONTAP run into (NetApp's
 * troubleshooting pages, reference/windows.md section 5); they never ask anything themselves.
 */
public final class DoctorChecks {

    public static final String PROVIDERS = "providers registered and not conflicting";
    public static final String WRITERS = "writers stable";
    public static final String CSV_STATE = "CSV owner and I/O mode";
    public static final String VMS_ONLINE = "VMs can be backed up online";
    public static final String SNAPSHOT_HEADROOM = "Snapshot copy headroom per ONTAP volume";
    public static final String CSV_LUNS = "CSV LUNs per storage system";
    public static final String FSRVP = "FSRVP limits for SMB VMs";
    public static final String STORAGE_TLS = "ONTAP reachable with verified TLS";
    public static final String CLOCK_SKEW = "clock skew host vs cluster";
    public static final String EVENT_LOG = "event log readable";
    public static final String CATALOG = "catalog readable";
    public static final String LEFTOVERS = "no leftovers";

    /** Windows fails a snapshot set with more than 15 CSVs from one storage system (error 13057). */
    public static final int MAX_CSV_LUNS_PER_SYSTEM = 15;
    /** One FSRVP shadow copy set holds at most 64 shares. */
    public static final int MAX_SHARES_PER_SET = 64;
    /** Kerberos (and so SMB and the ONTAP VSS provider's authentication) tolerates 5 minutes of skew. */
    public static final Duration SKEW_FAIL = Duration.ofMinutes(5);
    /** Past this, event times and Snapshot copy times no longer line up in a timeline. */
    public static final Duration SKEW_WARN = Duration.ofSeconds(30);

    private DoctorChecks() {
    }

    /** A VM and what stands between it and an online (application-consistent, no saved state) backup. */
    public record VmFacts(String name, boolean backupIntegration, List<String> filesOnNoVolume,
            List<String> volumesNotOnStorage) {
        public VmFacts {
            Objects.requireNonNull(name, "name");
            filesOnNoVolume = List.copyOf(filesOnNoVolume);
            volumesNotOnStorage = List.copyOf(volumesNotOnStorage);
        }
    }

    /** How many snapshots one storage volume holds. */
    public record VolumeSnapshots(String volume, int count) {
        public VolumeSnapshots {
            Objects.requireNonNull(volume, "volume");
        }
    }

    /** A Windows volume on a LUN of a storage system (a CSV). */
    public record LunVolume(String system, String path) {
        public LunVolume {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(path, "path");
        }
    }

    // ------------------------------------------------------------------ host

    public static CheckResult providers(List<Provider> providers) {
        List<Provider> hardware = providers.stream().filter(p -> p.type() == ProviderType.HARDWARE).toList();
        List<Provider> ontap = hardware.stream().filter(DoctorChecks::isOntapProvider).toList();
        String registered = providers.size() + " registered (" + hardware.size() + " hardware: "
                + (hardware.isEmpty() ? "none" : hardware.stream().map(p -> "'" + p.name() + "' " + p.version())
                        .collect(Collectors.joining(", "))) + ")";
        if (ontap.size() > 1) {
            return CheckResult.fail(PROVIDERS, registered + "; " + ontap.size() + " Data ONTAP VSS hardware providers"
                    + " are registered (SnapDrive's and SnapCenter's cannot both be)",
                    "uninstall the one you do not use (keep SnapCenter's or vsskit's), then check `vsskit list providers`");
        }
        if (hardware.isEmpty()) {
            return CheckResult.warn(PROVIDERS, registered + "; without a hardware provider VSS takes ONTAP LUNs with the"
                    + " software provider (CSVs stay in redirected I/O for the whole backup)",
                    "install the Data ONTAP VSS Hardware Provider (SnapCenter Plug-in for Windows or Host Utilities)");
        }
        return CheckResult.pass(PROVIDERS, registered);
    }

    private static boolean isOntapProvider(Provider p) {
        String n = p.name().toLowerCase(Locale.ROOT);
        return n.contains("ontap") || n.contains("netapp");
    }

    public static CheckResult writers(List<Writer> writers) {
        List<String> failed = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        for (Writer w : writers) {
            String line = "'" + w.name() + "' " + w.state().text()
                    + (w.lastError() == WriterError.NO_ERROR ? "" : " (" + w.lastError().text() + ")");
            if (w.state().isFailed() || w.lastError() != WriterError.NO_ERROR && !w.state().isStable()) {
                failed.add(line);
            } else if (!w.state().isStable()) {
                busy.add(line);
            }
        }
        if (!failed.isEmpty()) {
            return CheckResult.fail(WRITERS, failed.size() + " of " + count(writers.size(), "writer") + " failed: "
                    + String.join("; ", failed), "restart the writer's service (the Hyper-V writer: Restart-Service"
                    + " vmms; others: see vssadmin list writers), then run `vsskit list writers` again");
        }
        if (!busy.isEmpty()) {
            return CheckResult.warn(WRITERS, "not stable: " + String.join("; ", busy),
                    "a backup may be running; wait for it to end and run `vsskit doctor` again");
        }
        return CheckResult.pass(WRITERS, "all " + count(writers.size(), "writer") + " stable");
    }

    public static CheckResult clusterSharedVolumes(Optional<List<ClusterSharedVolume>> csvs) {
        if (csvs.isEmpty()) {
            return skip(CSV_STATE, "this host does not report CSV owners and I/O modes (on Windows:"
                    + " Get-ClusterSharedVolumeState)");
        }
        if (csvs.get().isEmpty()) {
            return skip(CSV_STATE, "no Cluster Shared Volumes on this host");
        }
        List<String> redirected = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (ClusterSharedVolume c : csvs.get()) {
            all.add(c.path() + " owner " + c.ownerNode() + ", " + c.ioMode().text());
            if (c.ioMode() != ClusterSharedVolume.IoMode.DIRECT) {
                redirected.add(c.path() + " is in " + c.ioMode().text().toLowerCase(Locale.ROOT) + " I/O"
                        + (c.reason().isEmpty() ? "" : " (" + c.reason() + ")") + ", owner " + c.ownerNode());
            } else if (!c.reason().isEmpty()) {
                // direct, but the cluster reports a backup state or a fault (Windows: BackupState, FaultState)
                reported.add(c.path() + " has direct I/O but the cluster reports " + c.reason() + ", owner "
                        + c.ownerNode());
            }
        }
        if (!redirected.isEmpty()) {
            return CheckResult.warn(CSV_STATE, String.join("; ", redirected) + ": every VM on it is slow",
                    "if no backup runs, it is left over from a failed one: it clears within 30 minutes, or move the CSV"
                            + " to another node (Move-ClusterSharedVolume) to clear it now");
        }
        if (!reported.isEmpty()) {
            return CheckResult.warn(CSV_STATE, String.join("; ", reported), "if no backup runs, a backup state is"
                    + " left over from a failed one: it clears within 30 minutes; for a fault, see"
                    + " Get-ClusterSharedVolumeState and the CSV in Failover Cluster Manager");
        }
        return CheckResult.pass(CSV_STATE, String.join("; ", all));
    }

    public static CheckResult vmsOnline(List<VmFacts> vms) {
        if (vms.isEmpty()) {
            return skip(VMS_ONLINE, "no VMs to check");
        }
        List<String> cannot = new ArrayList<>();
        List<String> notOnStorage = new ArrayList<>();
        for (VmFacts v : vms) {
            if (!v.backupIntegration()) {
                cannot.add(v.name() + ": the guest has no backup integration service, so Hyper-V can only save its"
                        + " state (the VM pauses)");
            }
            for (String f : v.filesOnNoVolume()) {
                cannot.add(v.name() + ": " + f + " is on no volume this host knows");
            }
            for (String vol : v.volumesNotOnStorage()) {
                notOnStorage.add(v.name() + " on " + vol);
            }
        }
        if (!cannot.isEmpty()) {
            return CheckResult.fail(VMS_ONLINE, cannot.size() + " problem" + (cannot.size() == 1 ? "" : "s") + ": "
                    + String.join("; ", cannot), "enable the Backup (volume shadow copy) integration service in the VM's"
                    + " settings (or back it up with --allow-saved-state); move files to a CSV or SMB share on ONTAP");
        }
        if (!notOnStorage.isEmpty()) {
            return CheckResult.warn(VMS_ONLINE, "not on ONTAP storage (the software provider takes them): "
                    + String.join("; ", notOnStorage), "move the VM to a CSV on an ONTAP LUN or an ONTAP SMB share");
        }
        return CheckResult.pass(VMS_ONLINE, "all " + count(vms.size(), "VM") + " can be backed up online");
    }

    // ------------------------------------------------------------------ storage

    public static CheckResult snapshotHeadroom(List<VolumeSnapshots> volumes, int limit) {
        if (volumes.isEmpty()) {
            return skip(SNAPSHOT_HEADROOM, "no ONTAP volumes to check");
        }
        List<String> full = new ArrayList<>();
        List<String> near = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (VolumeSnapshots v : volumes) {
            String line = v.volume() + " " + v.count() + " of " + limit;
            all.add(line);
            // an application-consistent backup takes up to 2 Snapshot copies of a volume per host
            if (v.count() + 2 > limit) {
                full.add(line);
            } else if (v.count() * 10L >= limit * 9L) {
                near.add(line);
            }
        }
        String fix = "delete old backups (vsskit delete backup NAME, or --retain on the backup) or other Snapshot"
                + " copies (vsskit ontap snapshots list --volume VOL)";
        if (!full.isEmpty()) {
            return CheckResult.fail(SNAPSHOT_HEADROOM, "no room for the next backup: " + String.join("; ", full), fix);
        }
        if (!near.isEmpty()) {
            return CheckResult.warn(SNAPSHOT_HEADROOM, "near the limit: " + String.join("; ", near), fix);
        }
        return CheckResult.pass(SNAPSHOT_HEADROOM, String.join("; ", all));
    }

    public static CheckResult csvLunsPerSystem(List<LunVolume> csvs) {
        if (csvs.isEmpty()) {
            return skip(CSV_LUNS, "no CSVs on storage LUNs");
        }
        Map<String, List<String>> bySystem = new TreeMap<>();
        for (LunVolume v : csvs) {
            bySystem.computeIfAbsent(v.system(), k -> new ArrayList<>()).add(v.path());
        }
        List<String> over = new ArrayList<>();
        List<String> all = new ArrayList<>();
        bySystem.forEach((system, paths) -> {
            String line = system + ": " + count(paths.size(), "CSV LUN");
            all.add(line);
            if (paths.size() > MAX_CSV_LUNS_PER_SYSTEM) {
                over.add(line);
            }
        });
        if (!over.isEmpty()) {
            return CheckResult.fail(CSV_LUNS, String.join("; ", over) + " (more than " + MAX_CSV_LUNS_PER_SYSTEM
                    + " fails the snapshot set with error 13057)", "spread the CSVs over more storage systems (SVMs),"
                    + " or back them up in datasets of at most " + MAX_CSV_LUNS_PER_SYSTEM + " CSVs each");
        }
        return CheckResult.pass(CSV_LUNS, String.join("; ", all) + " (limit " + MAX_CSV_LUNS_PER_SYSTEM + ")");
    }

    /** {@code shares}: the UNC paths of the shares that hold the VMs checked. */
    public static CheckResult fsrvp(List<String> shares) {
        if (shares.isEmpty()) {
            return skip(FSRVP, "no VM on an SMB share");
        }
        Map<String, List<String>> byServer = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String s : shares) {
            String server = s.replaceFirst("^\\\\\\\\", "").split("\\\\", 2)[0];
            List<String> list = byServer.computeIfAbsent(server, k -> new ArrayList<>());
            if (list.stream().noneMatch(s::equalsIgnoreCase)) {
                list.add(s);
            }
        }
        List<String> over = new ArrayList<>();
        List<String> all = new ArrayList<>();
        byServer.forEach((server, list) -> {
            String line = "CIFS server " + server + ": " + count(list.size(), "share");
            all.add(line);
            if (list.size() > MAX_SHARES_PER_SET) {
                over.add(line);
            }
        });
        if (!over.isEmpty()) {
            return CheckResult.fail(FSRVP, String.join("; ", over) + " (one shadow copy set holds at most "
                    + MAX_SHARES_PER_SET + " shares)", "back the VMs up in datasets of at most " + MAX_SHARES_PER_SET
                    + " shares per CIFS server");
        }
        return CheckResult.pass(FSRVP, String.join("; ", all) + " (limit " + MAX_SHARES_PER_SET + " per set; one"
                + " shadow copy set per CIFS server at a time, so do not overlap backups of these VMs)");
    }

    /** {@code health} is empty when there is no storage; {@code failure} says why it could not be asked. */
    public static CheckResult storageTls(String storage, Optional<StorageHealth> health, Optional<String> failure) {
        if (failure.isPresent()) {
            return CheckResult.fail(STORAGE_TLS, "cannot reach " + storage + ": " + failure.get(),
                    "check the cluster's address, credentials and certificate with `vsskit ontap ping`");
        }
        if (health.isEmpty()) {
            return skip(STORAGE_TLS, "no ONTAP storage behind this host");
        }
        StorageHealth h = health.get();
        String seen = h.system() + " (ONTAP " + h.version() + ") answered; certificate: " + h.tlsTrust();
        if (!h.tlsVerified()) {
            return CheckResult.fail(STORAGE_TLS, seen + ": anyone on the path can read the password",
                    "trust the cluster's CA certificate or pin its certificate instead of turning verification off"
                            + " (see docs/ontap.md)");
        }
        return CheckResult.pass(STORAGE_TLS, seen);
    }

    public static CheckResult clockSkew(Instant hostNow, Optional<StorageHealth> health) {
        if (health.isEmpty()) {
            return skip(CLOCK_SKEW, "no ONTAP storage answered");
        }
        if (health.get().clock().isEmpty()) {
            return skip(CLOCK_SKEW, health.get().system() + " does not report its clock");
        }
        Duration skew = Duration.between(hostNow, health.get().clock().get());
        long seconds = Math.abs(skew.toSeconds());
        String seen = "the cluster's clock is " + count(seconds, "second") + " "
                + (skew.isNegative() ? "behind" : "ahead of") + " the host's";
        String fix = "point the host and the cluster at the same NTP servers (w32tm /resync; cluster time-service ntp"
                + " server show)";
        if (Duration.ofSeconds(seconds).compareTo(SKEW_FAIL) > 0) {
            return CheckResult.fail(CLOCK_SKEW, seen + " (Kerberos allows 5 minutes)", fix);
        }
        if (Duration.ofSeconds(seconds).compareTo(SKEW_WARN) > 0) {
            return CheckResult.warn(CLOCK_SKEW, seen + " (event and Snapshot copy times will not line up)", fix);
        }
        return CheckResult.pass(CLOCK_SKEW, seen);
    }

    // ------------------------------------------------------------------ vsskit's own

    public static CheckResult eventLog(String source, Optional<String> failure, long events) {
        if (failure.isPresent()) {
            return CheckResult.fail(EVENT_LOG, "cannot read " + source + ": " + failure.get(),
                    "verify and timeline need it: export the Application log again (wevtutil epl Application app.evtx),"
                            + " or move the damaged file away");
        }
        return CheckResult.pass(EVENT_LOG, source + ": " + count(events, "event"));
    }

    public static CheckResult catalog(String dir, int records, List<String> problems) {
        if (!problems.isEmpty()) {
            return CheckResult.fail(CATALOG, dir + ": " + count(records, "record") + " readable, "
                    + count(problems.size(), "unreadable file") + ": " + String.join("; ", problems),
                    "move the unreadable files out of the catalog folder (vsskit ignores them but cannot verify,"
                            + " restore or delete those backups)");
        }
        return CheckResult.pass(CATALOG, dir + ": " + count(records, "record"));
    }

    public static CheckResult leftovers(List<String> found) {
        if (found.isEmpty()) {
            return CheckResult.pass(LEFTOVERS, "no shadow, Snapshot copy, in-flight note or failed attempt left over");
        }
        return CheckResult.warn(LEFTOVERS, count(found.size(), "leftover") + ": " + String.join("; ", found),
                "`vsskit cleanup` lists each with why; `vsskit cleanup --apply` removes them");
    }

    /** A check that could not run, with the error that stopped it. */
    public static CheckResult couldNotRun(String name, String what) {
        return CheckResult.fail(name, "could not check: " + what, "run with -v for details");
    }

    static CheckResult skip(String name, String why) {
        return new CheckResult(name, CheckStatus.SKIP, why, "");
    }

    /** "1 VM", "2 VMs": a count with its noun in the right number. */
    public static String count(long n, String noun) {
        return dev.vsskit.vss.Words.count(n, noun);
    }
}
