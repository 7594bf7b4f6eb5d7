package dev.vsskit.cli.host;

import dev.vsskit.cli.CliContext;
import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.GlobalOptions.HostKind;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.LabLocator;
import dev.vsskit.lab.LabLocator.Location;
import dev.vsskit.lab.backup.LabBackupTarget;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.ontap.client.OntapErrorKind;
import dev.vsskit.ontap.client.OntapException;
import dev.vsskit.vss.VssHost;
import dev.vsskit.vss.backup.BackupTarget;
import dev.vsskit.vss.windows.WindowsVssHost;
import dev.vsskit.vss.windows.hyperv.HyperV;
import dev.vsskit.vss.windows.hyperv.WindowsHyperV;
import dev.vsskit.cli.ontap.ConfiguredCluster;
import dev.vsskit.ontap.windows.WindowsBackupTarget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Opens the host {@code --host} names: the lab (created on first use of the default folder) or Windows, with
 * its backup-target factory. The one place in {@code cli}, with the {@code vsskit lab} verbs, that names lab
 * types ({@code NoLabTypesInCliTest} keeps it so): every other command asks the {@link VssHost} or the
 * {@link ChosenHost}.
 */
public final class Hosts {

    static final String WINDOWS_HOST_CLASS = "dev.vsskit.vss.windows.WindowsVssHost";

    private Hosts() {
    }

    public static boolean isWindows(String osName) {
        return osName.toLowerCase(Locale.ROOT).startsWith("windows");
    }

    public static ChosenHost open(CliContext ctx) {
        HostKind kind = ctx.options().host().orElse(isWindows(ctx.osName()) ? HostKind.windows : HostKind.lab);
        if (kind == HostKind.windows) {
            VssHost windows = openWindows(ctx);
            return new ChosenHost(windows, "Windows", () -> windowsTarget(ctx, windows, hyperV(windows)),
                    Optional.empty());
        }
        LabHost lab = openLab(ctx, ctx.options().labNode());
        return new ChosenHost(lab, "lab", () -> Optional.<BackupTarget>of(new LabBackupTarget(lab)), Optional.of(lab));
    }

    /** The lab host, for the {@code vsskit lab} verbs; a usage error when {@code --host windows} was asked. */
    public static LabHost lab(CliContext ctx) {
        return ctx.chosenHost().lab().orElseThrow(() -> new CliException(ExitCode.USAGE,
                "this command works on the lab only; use --host lab"));
    }

    /** The default lab's folder, whatever {@code --lab} or {@code VSSKIT_LAB} say (the shell keeps its history beside it). */
    public static Path defaultLabFolder(CliContext ctx) {
        Map<String, String> env = new HashMap<>(ctx.env());
        env.remove(LabLocator.ENV_LAB);
        return LabLocator.locate(Optional.empty(), env, ctx.osName(), ctx.userHome()).dir();
    }

    /**
     * The lab's ONTAP simulator, for the {@code ontap} verbs when no real cluster is configured: the one
     * {@code vsskit lab ontap serve} runs, else one started for this command (stopped by closing
     * {@link StorageEndpoint#stop}). A usage error on a Windows host.
     */
    public static StorageEndpoint labStorage(CliContext ctx, OntapClientListener listener) {
        Path dir = lab(ctx).dir();
        if (!OntapLab.initialized(dir)) {
            throw new CliException(ExitCode.ERROR, "the lab " + dir + " has no ONTAP simulator state; recreate it"
                    + " with " + LabInit.howToReplace(dir));
        }
        try {
            if (Files.exists(OntapLab.addressFile(dir))) {
                URI running = OntapLab.runningAddress(dir);
                OntapClient c = new OntapClient(OntapLab.connection(dir, running)
                        .withRetry(dev.vsskit.ontap.client.RetryPolicy.NONE), listener);
                try {
                    c.cluster();
                    return new StorageEndpoint(new OntapClient(OntapLab.connection(dir, running), listener),
                            OntapLab.snapshotFileAccess(dir), Optional.empty(), running + " (lab simulator)");
                } catch (OntapException e) {
                    if (e.kind() != OntapErrorKind.CONNECTION_REFUSED) {
                        throw e;
                    }
                    // a stale address file: the simulator that wrote it is gone
                }
            }
            OntapSimulator sim = OntapSimulator.start(dir, 0);
            return new StorageEndpoint(new OntapClient(OntapLab.connection(dir, sim.address()), listener),
                    OntapLab.snapshotFileAccess(dir), Optional.of(sim::close), sim.address() + " (lab simulator)");
        } catch (IOException e) {
            throw new CliException(ExitCode.ERROR, "cannot reach the lab's ONTAP simulator: " + e.getMessage(), e);
        }
    }

    /** Where the lab is, by {@code --lab}, {@code VSSKIT_LAB} or the default folder. */
    public static Location locateLab(CliContext ctx) {
        return LabLocator.locate(ctx.options().lab(), ctx.env(), ctx.osName(), ctx.userHome());
    }

    static LabHost openLab(CliContext ctx, Optional<String> node) {
        Location where = locateLab(ctx);
        Path dir = where.dir();
        if (where.source() == LabLocator.Source.OPTION) {
            if (!Files.isDirectory(dir)) {
                throw new CliException(ExitCode.USAGE, "--lab " + dir + ": no such folder; " + LabInit.howToCreate(dir));
            }
            if (!Files.isRegularFile(dir.resolve(LabInit.LAB_JSON))) {
                throw new CliException(ExitCode.USAGE, "--lab " + dir + " is not a vsskit lab (no "
                        + LabInit.LAB_JSON + "); " + LabInit.howToCreate(dir));
            }
        } else if (!Files.exists(dir.resolve(LabInit.LAB_JSON)) && isAbsentOrEmpty(dir)) {
            LabInit.create(dir, false);
            ctx.note("created the lab at " + dir + " (first use; `vsskit lab init --force` recreates it)");
        }
        LabHost lab = LabHost.open(dir);
        if (node.isEmpty()) {
            return lab;
        }
        if (lab.nodes().stream().noneMatch(n -> n.equalsIgnoreCase(node.get()))) {
            throw new CliException(ExitCode.USAGE, "--host lab:" + node.get() + ": the lab " + dir + " has no such node"
                    + " (its nodes: " + String.join(", ", lab.nodes()) + "); a lab with more is made by"
                    + " `vsskit lab init --nodes 2 --force`");
        }
        return LabHost.open(dir, node.get());
    }

    private static boolean isAbsentOrEmpty(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The Windows backup target: the COM binding's host, Hyper-V through WMI ({@code WindowsHyperV}), the disks'
     * device identity and the configured ONTAP cluster; empty without a configured cluster ({@link #noBackupTarget}
     * says so and how to configure one).
     */
    static Optional<BackupTarget> windowsTarget(CliContext ctx, VssHost host, Optional<HyperV> hyperV) {
        if (hyperV.isEmpty()) {
            return Optional.empty();
        }
        return ConfiguredCluster.client(ctx).map(client -> WindowsBackupTarget.onWindows(host, hyperV.get(), client));
    }

    /** Why the chosen host has no backup target, in one line with the fix (exit 2 for missing configuration). */
    public static CliException noBackupTarget(CliContext ctx) {
        boolean windows = "Windows".equals(ctx.chosenHost().kind());
        return noBackupTarget(windows, windows && hyperV(ctx.host()).isPresent());
    }

    static CliException noBackupTarget(boolean windows, boolean hyperV) {
        if (!windows) {
            return new CliException(ExitCode.ERROR, "this host has no backup target for VMs; run backup and restore"
                    + " on the lab (--host lab) or on Windows");
        }
        if (!hyperV) {
            return new CliException(ExitCode.ERROR, "backup and restore of VMs on Windows need Hyper-V through WMI"
                    + " (root\\virtualization\\v2), which this host does not offer; run them on the lab (--host lab),"
                    + " or use `vsskit verify --catalog DIR --events FILE.evtx` to verify a Windows backup");
        }
        return new CliException(ExitCode.USAGE, "backup and restore of VMs on Windows need the ONTAP cluster"
                + " that holds them: give its address (VSSKIT_ONTAP_ADDRESS or the \"ontap\" section of the config"
                + " file) and store its password (`vsskit ontap credential set`); see docs/ontap.md");
    }

    /** Hyper-V through WMI ({@code root\virtualization\v2}) on the Windows host; empty on any other host. */
    static Optional<HyperV> hyperV(VssHost host) {
        return host instanceof WindowsVssHost windows ? Optional.of(new WindowsHyperV(windows)) : Optional.empty();
    }

    static VssHost openWindows(CliContext ctx) {
        if (!isWindows(ctx.osName())) {
            throw new CliException(ExitCode.USAGE, "--host windows needs Windows (this is " + ctx.osName()
                    + "); use --host lab");
        }
        try {
            // Loaded by name so that the JNA-based Windows code is never touched on other systems.
            return (VssHost) Class.forName(WINDOWS_HOST_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new CliException(ExitCode.ERROR, "cannot start the Windows host: " + e);
        }
    }
}
