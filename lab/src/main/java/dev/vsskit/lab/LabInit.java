package dev.vsskit.lab;

import dev.vsskit.lab.LabConfig.HostInfo;
import dev.vsskit.lab.LabConfig.LabShadowStorage;
import dev.vsskit.lab.LabConfig.LabVm;
import dev.vsskit.lab.LabConfig.LabVolume;
import dev.vsskit.lab.LabConfig.LabWriter;
import dev.vsskit.lab.LabConfig.OntapSettings;
import dev.vsskit.lab.LabConfig.VolumeKind;
import dev.vsskit.lab.internal.GuestDisk;
import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabInitStep;
import dev.vsskit.lab.internal.LabJson;
import dev.vsskit.lab.internal.LabLock;
import dev.vsskit.lab.internal.VhdxWriter;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.io.AtomicFiles;
import dev.vsskit.vss.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Creates a lab folder with the default lab of {@code docs/lab.md}. The lab is built in a staging folder
 * beside the target and moved into place at the end, so a failure leaves the target as it was. An existing
 * lab is replaced only with {@code force}; a non-empty folder that is not a lab is never touched.
 */
public final class LabInit {

    public static final String LAB_JSON = "lab.json";
    /** Virtual size of each VM disk. */
    public static final int VM_DISK_BYTES = GuestDisk.SIZE;

    private LabInit() {
    }

    public record Result(Path dir, LabConfig config, boolean replaced) {
    }

    /** Creates the default lab at {@code dir} with random ids (fixed from then on in lab.json). */
    public static Result create(Path dir, boolean force) {
        return create(dir, force, defaultConfig(VssId::random));
    }

    public static Result create(Path dir, boolean force, LabConfig config) {
        return create(dir, force, config, VM_DISK_BYTES, LabLock.DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #create(Path, boolean, LabConfig)} with VM disks of {@code diskBytes} (a multiple of 1 MiB, at least
     * {@link #VM_DISK_BYTES}). The default size gives dynamic VHDX files of a few MiB; any other size gives fixed
     * VHDX files as long as the disk, sparse on the file system (only the guest's GPT and NTFS volume are written).
     */
    public static Result create(Path dir, boolean force, LabConfig config, long diskBytes) {
        return create(dir, force, config, diskBytes, LabLock.DEFAULT_TIMEOUT);
    }

    /** Checks a VM disk size for {@link #create(Path, boolean, LabConfig, long)}; the problem in words, or null. */
    public static String diskSizeProblem(long diskBytes) {
        if (diskBytes < VM_DISK_BYTES) {
            return "a lab VM disk needs at least " + VM_DISK_BYTES / VhdxWriter.MIB + " MiB (its guest volume)";
        }
        if (diskBytes % VhdxWriter.MIB != 0) {
            return "a lab VM disk size must be a whole number of MiB";
        }
        if (diskBytes > MAX_DISK_BYTES) {
            return "a lab VM disk can be at most " + MAX_DISK_BYTES / (1L << 40) + " TiB";
        }
        return null;
    }

    /** The largest VM disk {@code lab init} makes. */
    public static final long MAX_DISK_BYTES = 4L << 40;

    /** As {@link #create(Path, boolean, LabConfig)}, waiting at most {@code lockTimeout} for a busy lab. */
    static Result create(Path dir, boolean force, LabConfig config, java.time.Duration lockTimeout) {
        return create(dir, force, config, VM_DISK_BYTES, lockTimeout);
    }

    private static Result create(Path dir, boolean force, LabConfig config, long diskBytes,
            java.time.Duration lockTimeout) {
        String problem = diskSizeProblem(diskBytes);
        if (problem != null) {
            throw new IllegalArgumentException(problem + ", not " + diskBytes + " bytes");
        }
        Path target = dir.toAbsolutePath().normalize();
        boolean replacing = checkTarget(target, force);
        Path parent = target.getParent();
        String tag = "." + target.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime();
        Path staging = parent.resolve(tag + ".init" + AtomicFiles.TEMP_SUFFIX);
        try {
            Files.createDirectories(parent);
            Files.createDirectory(staging);
            populate(staging, config, diskBytes);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(staging);
            if (e instanceof LabException le) {
                throw le;
            }
            throw new LabException("cannot create the lab at " + target + " (" + e.getMessage() + ")", e);
        }
        try {
            if (replacing) {
                Path old = parent.resolve(tag + ".old" + AtomicFiles.TEMP_SUFFIX);
                try (LabLock lock = LabLock.acquire(target, lockTimeout)) {
                    Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
                    try {
                        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                    } catch (IOException e) {
                        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old lab back
                        throw e;
                    }
                }
                FileTrees.deleteQuietly(old);
            } else {
                if (Files.isDirectory(target)) {
                    Files.delete(target); // empty, checked above
                }
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            AtomicFiles.syncDirectory(parent);
        } catch (IOException | RuntimeException e) {
            FileTrees.deleteQuietly(staging);
            if (e instanceof LabException le) {
                throw le; // e.g. the lab is busy: the old lab is untouched
            }
            throw new LabException("cannot move the new lab into " + target + " (" + e + ")", e);
        }
        return new Result(target, config, replacing);
    }

    /**
     * The command that makes a lab vsskit can use at {@code dir}, exactly as it must be typed: {@code vsskit lab
     * init --dir DIR} when {@code dir} is absent or empty; when it holds other files (where init refuses), a new
     * folder inside it, and the {@code --lab} to use it with.
     */
    public static String howToCreate(Path dir) {
        boolean usable = !Files.exists(dir);
        if (!usable && Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                usable = entries.findAny().isEmpty();
            } catch (IOException e) {
                usable = false;
            }
        }
        if (usable) {
            return "create one with `vsskit lab init --dir " + quoted(dir) + "`";
        }
        Path inside = Files.isDirectory(dir) ? dir.resolve("vsskit-lab") : dir.resolveSibling(dir.getFileName() + "-lab");
        return "it holds other files, so no lab can be made there; create one in a new folder with `vsskit lab init"
                + " --dir " + quoted(inside) + "` and use it with `--lab " + quoted(inside) + "`";
    }

    /** The command that replaces the lab at {@code dir}, exactly as it must be typed. */
    public static String howToReplace(Path dir) {
        return "`vsskit lab init --dir " + quoted(dir) + " --force`";
    }

    /** A path as a shell argument: in double quotes when it holds anything but letters, digits and {@code /\._:-}. */
    public static String quoted(Path path) {
        String s = path.toString();
        return s.matches("[A-Za-z0-9/\\._:+@-]+") ? s : "\"" + s + "\"";
    }

    /** True when an existing lab will be replaced; throws when the target must not be touched. */
    private static boolean checkTarget(Path target, boolean force) {
        if (!Files.exists(target)) {
            return false;
        }
        if (!Files.isDirectory(target)) {
            throw new LabException(target + " exists and is not a folder; choose another folder for the lab");
        }
        if (Files.isRegularFile(target.resolve(LAB_JSON))) {
            if (!force) {
                throw new LabException("a lab already exists at " + target + "; use " + howToReplace(target)
                        + " to replace it (everything in it goes)");
            }
            return true;
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.findAny().isPresent()) {
                throw new LabException(target + " is not empty and is not a vsskit lab (no " + LAB_JSON
                        + "); choose an empty or new folder");
            }
        } catch (IOException e) {
            throw new LabException("cannot read " + target + " (" + e.getMessage() + ")", e);
        }
        return false;
    }

    private static void populate(Path lab, LabConfig config, long diskBytes) throws IOException {
        for (LabVolume v : config.volumes()) {
            Files.createDirectories(lab.resolve("volumes").resolve(v.key()).resolve("data"));
            Files.createDirectories(lab.resolve("volumes").resolve(v.key()).resolve("snapshots"));
        }
        for (String folder : List.of("ontap", "vss", "events", "catalog")) {
            Files.createDirectories(lab.resolve(folder));
        }
        for (LabVm vm : config.vms()) {
            LabVolume volume = config.volume(vm.volume()).orElseThrow(
                    () -> new LabException("VM " + vm.name() + " names unknown volume " + vm.volume()));
            Path data = lab.resolve("volumes").resolve(volume.key()).resolve("data");
            Path vhdx = data.resolve(vm.vhdx());
            Files.createDirectories(vhdx.getParent());
            if (diskBytes == VM_DISK_BYTES) {
                VhdxWriter.write(vhdx, diskContent(vm), vm.id().uuid(), "vsskit lab");
            } else {
                VhdxWriter.writeFixed(vhdx, diskBytes, GuestDisk.forVm(vm.id().uuid(), diskBytes), vm.id().uuid(),
                        "vsskit lab");
            }
            VmConfigWriter.write(data.resolve(vm.config()), vm, volume);
        }
        LabJson.write(lab.resolve(LAB_JSON), config);
        if (config.host().nodes().size() > 1) {
            LabJson.write(lab.resolve(LabCluster.STATE), new LabCluster.State(LabCluster.initialOwners(config),
                    List.of(), List.of()));
        }
        for (LabInitStep step : ServiceLoader.load(LabInitStep.class, LabInit.class.getClassLoader())) {
            step.initialize(lab, config);
        }
        Files.createFile(lab.resolve(LabLock.FILE_NAME));
    }

    /**
     * The bytes of a VM's virtual disk: the lab's guest disk (a GPT and an NTFS volume with a few files, see
     * {@link GuestDisk}) with the VM's own disk GUID and volume serial number.
     */
    static byte[] diskContent(LabVm vm) {
        return GuestDisk.forVm(vm.id().uuid());
    }

    /** The default lab of docs/lab.md; {@code ids} supplies the ids chosen at init. */
    public static LabConfig defaultConfig(Supplier<VssId> ids) {
        HostInfo host = new HostInfo("HV-LAB-01", "HV-LAB-01.lab.local", "lab.local", "HVCLUSTER");
        long gib = 1L << 30;
        List<LabVolume> volumes = List.of(
                new LabVolume("C", "C:\\", ids.get(), VolumeKind.LOCAL, 127 * gib, null, null, null, null),
                new LabVolume("Volume1", "C:\\ClusterStorage\\Volume1\\", ids.get(), VolumeKind.CSV, 500 * gib,
                        "hv_csv1", "/vol/hv_csv1/csv1_lun", "80D4nK+x3Qa1", null),
                new LabVolume("Volume2", "C:\\ClusterStorage\\Volume2\\", ids.get(), VolumeKind.CSV, 500 * gib,
                        "hv_csv2", "/vol/hv_csv2/csv2_lun", "80D4nK+x3Qa2", null),
                new LabVolume("hvshare", "\\\\svm1\\hvshare\\", ids.get(), VolumeKind.SMB, 1024 * gib,
                        "hv_smb1", null, null, "hvshare"));
        List<Provider> providers = List.of(
                new Provider("Microsoft Software Shadow Copy provider 1.0", ProviderType.SYSTEM,
                        VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}"), "1.0.0.7"),
                new Provider("Microsoft CSV Shadow Copy Provider", ProviderType.SOFTWARE,
                        VssId.parse("{400a2ff4-5eb1-44b0-8a05-1fcac0bcf9ff}"), "1.0.0.1"),
                new Provider("Microsoft File Share Shadow Copy provider", ProviderType.FILESHARE,
                        VssId.parse("{89300202-3cec-4981-9171-19f59559e0f2}"), "1.0.0.1"),
                new Provider("Data ONTAP VSS Hardware Provider", ProviderType.HARDWARE,
                        VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}"), "7.0.0.5235"));
        List<LabWriter> writers = List.of(
                new LabWriter("Microsoft Hyper-V VSS Writer", VssId.parse("{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}"), ids.get()),
                new LabWriter("Cluster Shared Volume VSS Writer", VssId.parse("{1072ae1c-e5a7-4ea1-9e4a-6f7964656570}"), ids.get()),
                new LabWriter("System Writer", VssId.parse("{e8132975-6f93-4464-a53e-1050253ae220}"), ids.get()),
                new LabWriter("Registry Writer", VssId.parse("{afbab4a2-367d-4d15-a586-71dbb18f8485}"), ids.get()),
                new LabWriter("WMI Writer", VssId.parse("{a6ad56c2-b509-4e6c-bb19-49d8f43532f0}"), ids.get()),
                new LabWriter("COM+ REGDB Writer", VssId.parse("{542da469-d3e1-473c-9f4f-7847f01fc64f}"), ids.get()));
        List<LabVm> vms = new ArrayList<>();
        vms.add(vm("sql01", ids.get(), "Volume1", List.of("SqlServerWriter")));
        vms.add(vm("web01", ids.get(), "Volume1", List.of()));
        vms.add(vm("app01", ids.get(), "Volume2", List.of()));
        vms.add(vm("file01", ids.get(), "hvshare", List.of()));
        return new LabConfig(LabConfig.FORMAT_VERSION, host, volumes, providers, writers, vms,
                new OntapSettings("cluster1", "svm1", "9.13.1"),
                List.of(new LabShadowStorage("C", "C", 127 * gib / 10)));
    }

    /** The most nodes a lab's cluster may have. */
    public static final int MAX_NODES = 8;

    /**
     * The default lab as a failover cluster of {@code nodes} Hyper-V hosts ({@code HV-LAB-01}, {@code HV-LAB-02},
     * ...), sharing its volumes; the VMs on CSVs are given to the nodes in turn at init. One node is the default lab.
     */
    public static LabConfig clusterConfig(Supplier<VssId> ids, int nodes) {
        if (nodes < 1 || nodes > MAX_NODES) {
            throw new LabException("a lab's cluster has 1 to " + MAX_NODES + " nodes, not " + nodes
                    + "; e.g. `vsskit lab init --nodes 2`");
        }
        LabConfig base = defaultConfig(ids);
        HostInfo h = base.host();
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            names.add(String.format(Locale.ROOT, "HV-LAB-%02d", i));
        }
        return new LabConfig(base.formatVersion(), new HostInfo(h.name(), h.fqdn(), h.domain(), h.cluster(), names),
                base.volumes(), base.providers(), base.writers(), base.vms(), base.ontap(), base.shadowStorage());
    }

    /** The most VMs and CSV volumes a scaled lab may have. */
    public static final int MAX_VMS = 10_000;
    public static final int MAX_CSVS = 99;

    /**
     * A larger lab for scale tests and benchmarks: the default host, providers and writers, the local C:,
     * {@code csvVolumes} CSV volumes on ONTAP LUNs ({@code Volume1..N} on {@code hv_csv1..N}) and {@code vmCount}
     * VMs ({@code vm001..}) spread over them in turn. Ids are derived from names, so runs are repeatable.
     */
    public static LabConfig scaledConfig(int vmCount, int csvVolumes) {
        int[] n = {0};
        return scaledConfig(() -> nameId("scaled-" + n[0]++), LabInit::nameId, vmCount, csvVolumes, 1);
    }

    /**
     * The scaled lab of {@code vmCount} VMs on {@code csvVolumes} CSV volumes with {@code ids} for every id chosen
     * at init (what {@code vsskit lab init --vms N --csvs M} makes), as a cluster of {@code nodes} hosts.
     */
    public static LabConfig scaledConfig(Supplier<VssId> ids, int vmCount, int csvVolumes, int nodes) {
        return scaledConfig(ids, name -> ids.get(), vmCount, csvVolumes, nodes);
    }

    private static LabConfig scaledConfig(Supplier<VssId> ids, java.util.function.Function<String, VssId> named,
            int vmCount, int csvVolumes, int nodes) {
        if (csvVolumes < 1 || csvVolumes > MAX_CSVS || vmCount < 1 || vmCount > MAX_VMS) {
            throw new LabException("a scaled lab has 1 to " + MAX_VMS + " VMs on 1 to " + MAX_CSVS + " CSV volumes, not "
                    + vmCount + " on " + csvVolumes + "; e.g. `vsskit lab init --vms 1000 --csvs 64`");
        }
        LabConfig base = nodes == 1 ? defaultConfig(ids) : clusterConfig(ids, nodes);
        List<LabVolume> volumes = new ArrayList<>(List.of(base.volumes().get(0)));
        for (int v = 1; v <= csvVolumes; v++) {
            volumes.add(new LabVolume("Volume" + v, "C:\\ClusterStorage\\Volume" + v + "\\", named.apply("vol-" + v),
                    VolumeKind.CSV, 500L << 30, "hv_csv" + v, "/vol/hv_csv" + v + "/csv" + v + "_lun",
                    String.format(Locale.ROOT, "80D4nK+x3Q%02d", v), null));
        }
        List<LabVm> vms = new ArrayList<>();
        for (int i = 1; i <= vmCount; i++) {
            String name = String.format(Locale.ROOT, "vm%03d", i);
            vms.add(vm(name, named.apply(name), "Volume" + (1 + (i - 1) % csvVolumes), List.of()));
        }
        return new LabConfig(base.formatVersion(), base.host(), volumes, base.providers(), base.writers(), vms,
                base.ontap(), base.shadowStorage());
    }

    private static VssId nameId(String name) {
        return new VssId(java.util.UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static LabVm vm(String name, VssId id, String volume, List<String> inGuestWriters) {
        String idName = id.bare().toUpperCase(Locale.ROOT);
        return new LabVm(name, id, volume, true, inGuestWriters,
                name + "/Virtual Hard Disks/" + name + ".vhdx",
                name + "/Virtual Machines/" + idName + ".vmcx");
    }
}
