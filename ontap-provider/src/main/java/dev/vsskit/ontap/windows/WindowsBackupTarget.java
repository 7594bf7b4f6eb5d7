package dev.vsskit.ontap.windows;

import dev.vsskit.ontap.OntapHardwareProvider;
import dev.vsskit.ontap.OntapVolumeResolver;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.LunMapRecord;
import dev.vsskit.ontap.client.LunRecord;
import dev.vsskit.ontap.client.SnapshotInfo;
import dev.vsskit.ontap.client.VolumeInfo;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.Volume;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.backup.Leftovers;
import dev.vsskit.vss.backup.VirtualMachine;
import dev.vsskit.vss.io.OwnerProcess;
import dev.vsskit.vss.session.BackupProgressListener;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;
import dev.vsskit.vss.store.SnapshotStore;
import dev.vsskit.vss.windows.WindowsVssHost;
import dev.vsskit.vss.windows.hyperv.HyperV;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A real Windows Hyper-V host as a backup target: the VSS host over the COM binding (application-consistent
 * backups, the registered Data ONTAP VSS Hardware Provider preferred for volumes on ONTAP LUNs), the VMs and their
 * restore sequence from {@link HyperV}, each volume's disks and LUN identity from the device I/O controls
 * ({@link DiskIdentity}) matched to ONTAP LUNs by serial number over REST, shares matched to CIFS shares, and
 * ONTAP as the storage (crash-consistent backups, retention, restore). The engine ({@code BackupService},
 * {@code RestoreService}) is the lab's: only these answers differ.
 */
public final class WindowsBackupTarget implements BackupTarget {

    private final VssHost host;
    private final HyperV hyperV;
    private final OntapClient client;
    private final OntapVolumeResolver resolver;
    private final DiskIdentity disks;
    private final HostFiles files;
    private final Consumer<String> providerNaming;
    private final WindowsSnapshotStore store;
    private final Map<String, Optional<VolumeTarget>> targets = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> storageVolumes = new ConcurrentHashMap<>();
    private final Map<String, Optional<String>> shares = new ConcurrentHashMap<>();
    private volatile List<Volume> volumes;
    private volatile LunCloneMounts lunClones;
    /** How long a mapped LUN clone may take to appear on the host after a rescan. */
    private static final Duration DISK_APPEARS_WITHIN = Duration.ofSeconds(30);

    /**
     * @param providerNaming told each backup's name before its snapshot set is created: a no-op on a real host,
     *                       where the Data ONTAP provider names its Snapshot copies itself
     */
    public WindowsBackupTarget(VssHost host, HyperV hyperV, OntapClient client, DiskIdentity disks, HostFiles files,
            Consumer<String> providerNaming) {
        this.host = Objects.requireNonNull(host, "host");
        this.hyperV = Objects.requireNonNull(hyperV, "hyperV");
        this.client = Objects.requireNonNull(client, "client");
        this.resolver = new OntapVolumeResolver(client);
        this.disks = Objects.requireNonNull(disks, "disks");
        this.files = Objects.requireNonNull(files, "files");
        this.providerNaming = Objects.requireNonNull(providerNaming, "providerNaming");
        this.store = new WindowsSnapshotStore(this, client, files);
    }

    /** On a real Windows host: the COM binding, the kernel's device I/O controls and the host's own files. */
    public static WindowsBackupTarget onWindows(VssHost host, HyperV hyperV, OntapClient client) {
        return new WindowsBackupTarget(host, hyperV, client, new DiskIdentity(new WindowsDiskIoNative()),
                HostFiles.WINDOWS, name -> { });
    }

    @Override
    public VssHost host() {
        return host;
    }

    OntapClient client() {
        return client;
    }

    @Override
    public List<VirtualMachine> virtualMachines() {
        return hyperV.virtualMachines();
    }

    /** A clustered VM another node runs that no writer here reports: backed up on its owner node ({@link HyperV}). */
    @Override
    public Optional<String> cannotBackUpHere(VirtualMachine vm) {
        return hyperV.cannotBackUpHere(vm);
    }

    @Override
    public BackupSession openBackupSession(BackupProgressListener listener) {
        return new PreferringBackupSession(host.openBackupSession(), this::preferredProvider, listener);
    }

    /**
     * A share: its UNC root. A local path: the volume VSS lists with the longest mount path that holds it (a CSV's
     * {@code C:\ClusterStorage\VolumeN\} before {@code C:\}), with the LUN identity of each disk it lies on.
     */
    @Override
    public Optional<VolumeTarget> volumeOf(String windowsPath) {
        String p = windowsPath.replace('/', '\\');
        if (p.startsWith("\\\\")) {
            OntapVolumeResolver.Unc u = OntapVolumeResolver.Unc.parse(p);
            String root = "\\\\" + u.server() + "\\" + u.share();
            return targets.computeIfAbsent(root.toLowerCase(Locale.ROOT), k -> Optional.of(
                    new VolumeTarget(root + "\\", root + "\\", List.of(), Optional.of(root))));
        }
        String lower = p.toLowerCase(Locale.ROOT);
        Optional<Volume> vol = volumes().stream().filter(v -> !v.path().startsWith("\\\\"))
                .filter(v -> lower.startsWith(withSlash(v.path()).toLowerCase(Locale.ROOT)))
                .max(Comparator.comparingInt(v -> v.path().length()));
        return vol.flatMap(v -> targets.computeIfAbsent(v.name().toLowerCase(Locale.ROOT), k -> {
            List<LunInfo> luns = disks.lunsOf(v.name()).stream().map(DiskIdentity.Disk::lun).toList();
            return Optional.of(new VolumeTarget(withSlash(v.path()), v.name(), luns, Optional.empty()));
        }));
    }

    private List<Volume> volumes() {
        List<Volume> v = volumes;
        if (v == null) {
            v = host.volumes();
            volumes = v;
        }
        return v;
    }

    private static String withSlash(String path) {
        return path.endsWith("\\") ? path : path + "\\";
    }

    @Override
    public Optional<String> storageVolumeOf(VolumeTarget volume) {
        return storageVolumes.computeIfAbsent(volume.volumeName().toLowerCase(Locale.ROOT),
                k -> resolver.volume(volume).map(VolumeInfo::name));
    }

    /**
     * The CIFS share (UNC root) on ONTAP volume {@code storageVolume}, if a share of it holds VM files; asked once per
     * volume (listing the VMs asks WMI and the Hyper-V writer).
     */
    Optional<String> shareOf(String storageVolume) {
        return shares.computeIfAbsent(storageVolume, this::findShareOf);
    }

    private Optional<String> findShareOf(String storageVolume) {
        for (VirtualMachine vm : virtualMachines()) {
            for (String f : vm.files()) {
                Optional<VolumeTarget> t = volumeOf(f);
                if (t.isPresent() && t.get().isShare() && storageVolumeOf(t.get()).filter(storageVolume::equals)
                        .isPresent()) {
                    return t.get().shareUnc();
                }
            }
        }
        return Optional.empty();
    }

    /** The share's path inside its ONTAP volume ("" at the root), for file clones. */
    String sharePathInVolume(String unc) {
        return resolver.volumePath(unc + "\\").orElse("");
    }

    /** The Data ONTAP VSS Hardware Provider, when it is registered and the volume lies on ONTAP LUNs. */
    Optional<Provider> preferredProvider(String volume) {
        Optional<VolumeTarget> t = volumeOf(volume);
        if (t.isEmpty() || t.get().isShare() || t.get().luns().isEmpty() || storageVolumeOf(t.get()).isEmpty()) {
            return Optional.empty();
        }
        return ontapProvider();
    }

    private Optional<Provider> ontapProvider() {
        return host.providers().stream().filter(p -> p.type() == ProviderType.HARDWARE)
                .filter(p -> p.id().equals(OntapHardwareProvider.INFO.id())
                        || p.name().equalsIgnoreCase(OntapHardwareProvider.INFO.name()))
                .findFirst();
    }

    /**
     * As VSS chooses, with vsskit's preference on top: the forced provider; for a share the File Share Shadow Copy
     * provider; for a volume on ONTAP LUNs the Data ONTAP VSS Hardware Provider; else the system provider.
     */
    @Override
    public Provider predictProvider(VolumeTarget volume, Optional<VssId> forcedProvider) {
        List<Provider> providers = host.providers();
        if (forcedProvider.isPresent()) {
            return providers.stream().filter(p -> p.id().equals(forcedProvider.get())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no provider " + forcedProvider.get()
                            + " is registered on " + host.computerName() + "; see `vsskit list providers`"));
        }
        if (volume.isShare()) {
            return providers.stream().filter(p -> p.type() == ProviderType.FILESHARE).findFirst()
                    .orElseGet(() -> system(providers));
        }
        if (!volume.luns().isEmpty() && storageVolumeOf(volume).isPresent()) {
            Optional<Provider> ontap = ontapProvider();
            if (ontap.isPresent()) {
                return ontap.get();
            }
        }
        return system(providers);
    }

    private Provider system(List<Provider> providers) {
        return providers.stream().filter(p -> p.type() == ProviderType.SYSTEM).findFirst()
                .orElseThrow(() -> new IllegalStateException("no system provider is registered on "
                        + host.computerName() + " (see `vsskit list providers`); the VSS service is damaged"));
    }

    /**
     * The Snapshot copy the provider made for a shadow: on the ONTAP volume behind the shadow's volume, the copy
     * whose name carries the snapshot set's (or the shadow's) id.
     */
    @Override
    public Optional<StorageSnapshotRef> storageSnapshotOf(Shadow shadow) {
        Optional<String> vol = volumeOf(shadow.originalVolumePath()).flatMap(this::storageVolumeOf);
        if (vol.isEmpty()) {
            return Optional.empty();
        }
        Optional<VolumeInfo> info = client.volumeByName(vol.get());
        if (info.isEmpty()) {
            return Optional.empty();
        }
        String set = shadow.setId().bare().toLowerCase(Locale.ROOT);
        String id = shadow.shadowId().bare().toLowerCase(Locale.ROOT);
        for (SnapshotInfo s : client.snapshots(info.get().uuid())) {
            String n = s.name().toLowerCase(Locale.ROOT);
            if (n.contains(set) || n.contains(id)) {
                return Optional.of(new StorageSnapshotRef(vol.get(), s.name()));
            }
        }
        return Optional.empty();
    }

    /** The host's shadow whose Snapshot copy is {@code snapshot} on ONTAP volume {@code storageVolume}. */
    Optional<Shadow> shadowOf(String storageVolume, String snapshot) {
        for (Shadow s : host.shadows()) {
            Optional<StorageSnapshotRef> ref = storageSnapshotOf(s);
            if (ref.isPresent() && ref.get().volume().equals(storageVolume) && ref.get().name().equals(snapshot)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    @Override
    public Path liveFile(String windowsPath) {
        return files.path(windowsPath);
    }

    @Override
    public void deleteShadow(VssId shadowId) {
        host.deleteShadow(shadowId);
    }

    @Override
    public Optional<SnapshotStore> storage() {
        return Optional.of(store);
    }

    /**
     * Deep verify reads a share's Snapshot copy under .snapshot, a LUN's through the exposed shadow copy or, without
     * one, a LUN clone mounted on the host.
     */
    @Override
    public Optional<dev.vsskit.vss.verify.disk.SnapshotAccess> snapshotAccess() {
        return Optional.of(new WindowsSnapshotAccess(this, store, files));
    }

    @Override
    public Optional<String> restoreRoute(String storageVolume, boolean inPlace) {
        if (shareOf(storageVolume).isPresent()) {
            return Optional.of(inPlace ? "ONTAP file clone from the Snapshot copy, no data copied"
                    : "read from the share's .snapshot folder");
        }
        return Optional.of(inPlace ? "copied back through the exposed shadow copy"
                : "read through the exposed shadow copy");
    }

    /**
     * On a share the file clone or the .snapshot folder; on a LUN the exposed shadow copy when the host still has the
     * backup's, else a LUN clone of the Snapshot copy mapped to this host (a crash-consistent backup has no shadow).
     */
    @Override
    public Optional<String> restoreRoute(String storageVolume, String snapshot, boolean inPlace) {
        if (shareOf(storageVolume).isPresent() || shadowOf(storageVolume, snapshot).isPresent()) {
            return restoreRoute(storageVolume, inPlace);
        }
        return Optional.of((inPlace ? "copied back" : "read") + " through a LUN clone of the Snapshot copy mapped to"
                + " this host");
    }

    /** The LUN clone route, made on first use (its WMI namespace is the Storage Management API's). */
    LunCloneMounts lunClones() {
        LunCloneMounts m = lunClones;
        if (m == null) {
            if (!(host instanceof WindowsVssHost w)) {
                throw new IllegalStateException("reading a LUN's Snapshot copy through a LUN clone needs a Windows"
                        + " host's Storage Management API; " + host.computerName() + " has none");
            }
            m = new LunCloneMounts(client, new StorageDisks(w.wmi(StorageDisks.NAMESPACE), DISK_APPEARS_WITHIN,
                    Duration.ofSeconds(1)), host.computerName(), this::hostSerialsOn, Clock.systemUTC());
            lunClones = m;
        }
        return m;
    }

    /** The serials of the LUNs under this host's volumes that lie on ONTAP volume {@code storageVolume}. */
    private Set<String> hostSerialsOn(String storageVolume) {
        Set<String> out = new HashSet<>();
        for (Volume v : volumes()) {
            if (v.path().startsWith("\\\\")) {
                continue;
            }
            volumeOf(v.path()).filter(t -> storageVolumeOf(t).filter(storageVolume::equals).isPresent())
                    .ifPresent(t -> t.luns().forEach(l -> out.add(l.serialNumber())));
        }
        return out;
    }

    /** Where ONTAP volume {@code storageVolume}'s LUN is mounted on this host ({@code C:\ClusterStorage\Volume1\}). */
    String liveVolumePath(String storageVolume) {
        for (Volume v : volumes()) {
            if (v.path().startsWith("\\\\")) {
                continue;
            }
            Optional<VolumeTarget> t = volumeOf(withSlash(v.path()));
            if (t.isPresent() && storageVolumeOf(t.get()).filter(storageVolume::equals).isPresent()) {
                return withSlash(v.path());
            }
        }
        throw new IllegalStateException("no volume of " + host.computerName() + " lies on ONTAP volume "
                + storageVolume + "; is its CSV or disk online on this host?");
    }

    /**
     * The LUN clones vsskit's restores made ({@link RestoreCloneName}) whose run is over: made on this host by a
     * process that is gone, or on another host more than a day ago (no restore takes that long).
     */
    @Override
    public List<Leftovers.Leftover> restoreLeftovers() {
        List<Leftovers.Leftover> out = new ArrayList<>();
        Instant dayAgo = Instant.now().minus(Duration.ofDays(1));
        List<LunMapRecord> lunMaps = null; // asked once, and only when there is a leftover clone
        for (LunRecord l : client.luns()) {
            Optional<RestoreCloneName> n = RestoreCloneName.parse(l.name());
            if (n.isEmpty()) {
                continue;
            }
            boolean here = n.get().madeOn(host.computerName());
            boolean alive = here && OwnerProcess.runsSince(n.get().pid(), n.get().created());
            if (alive || (!here && n.get().created().isAfter(dayAgo))) {
                continue;
            }
            if (lunMaps == null) {
                lunMaps = client.lunMaps();
            }
            String maps = lunMaps.stream().filter(m -> m.lunUuid().equals(l.uuid()))
                    .map(m -> m.igroupName()).reduce((a, b) -> a + ", " + b).map(g -> ", mapped to igroup " + g)
                    .orElse("");
            out.add(new Leftovers.Leftover(Leftovers.Kind.RESTORE_CLONE, l.name(), l.volumeName(), "made by a restore"
                    + " on " + n.get().computer() + " (process " + n.get().pid() + ", " + n.get().created() + ")"
                    + (here ? ", which is gone" : " more than a day ago") + maps + "; it keeps its Snapshot copy busy"));
        }
        return out;
    }

    /** Takes the clone's disk offline if this host has it, unmaps the clone from every igroup, deletes it. */
    @Override
    public String removeRestoreLeftover(Leftovers.Leftover leftover) {
        Optional<LunRecord> lun = client.luns().stream().filter(l -> l.name().equals(leftover.name())).findFirst();
        if (lun.isEmpty()) {
            return "already gone";
        }
        String disk = "";
        if (host instanceof WindowsVssHost w) {
            disk = new StorageDisks(w.wmi(StorageDisks.NAMESPACE), Duration.ZERO, Duration.ZERO)
                    .offlineIfPresent(lun.get().serialNumber()).map(n -> "disk " + n + " taken offline, ").orElse("");
        }
        int unmapped = 0;
        for (LunMapRecord m : client.lunMaps()) {
            if (m.lunUuid().equals(lun.get().uuid())) {
                client.deleteLunMap(m.lunUuid(), m.igroupUuid());
                unmapped++;
            }
        }
        client.deleteLun(lun.get().uuid());
        return disk + (unmapped > 0 ? "unmapped from " + unmapped + " igroup" + (unmapped == 1 ? "" : "s") + ", " : "")
                + "deleted";
    }

    @Override
    public void nameNextSnapshots(String backupName) {
        providerNaming.accept(backupName);
    }

    @Override
    public VmRestoreSequence beginRestore(VirtualMachine vm) {
        return hyperV.beginRestore(vm);
    }

    /** With the backup's document the Hyper-V writer's PreRestore and PostRestore take part; without, the VM's power. */
    @Override
    public VmRestoreSequence beginRestore(VirtualMachine vm, Optional<String> backupComponentsDocument) {
        return backupComponentsDocument.map(d -> hyperV.beginRestore(vm, d)).orElseGet(() -> hyperV.beginRestore(vm));
    }
}
