package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabInit;
import dev.vsskit.vss.VssId;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create the default lab (host HV-LAB-01, CSV volumes and an SMB share on "
        + "ONTAP, four VMs; with --nodes N a failover cluster of N hosts). Refuses to touch a folder that is not a"
        + " lab; replaces a lab only with --force.")
public final class LabInitCommand extends VsskitCommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the lab (default: --lab, "
            + "$VSSKIT_LAB, else the user's data folder).")
    Path dir;

    @Option(names = "--force", description = "Replace an existing lab (all its snapshots, backups and events).")
    boolean force;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "1", description = "Nodes of the lab's failover"
            + " cluster (1 to 8: HV-LAB-01, HV-LAB-02, ...); the VMs on CSVs are shared out among them. Default: 1.")
    int nodes;

    @Option(names = "--vms", paramLabel = "N", description = "A scaled lab for scale tests and benchmarks: N VMs"
            + " (vm001, vm002, ...; 1 to " + LabInit.MAX_VMS + ") spread over the CSV volumes of --csvs, without the SMB"
            + " share. Default: the default lab's four VMs.")
    Integer vms;

    @Option(names = "--csvs", paramLabel = "M", description = "With --vms: the number of CSV volumes (Volume1 .. VolumeM"
            + " on ONTAP LUNs hv_csv1 .. hv_csvM; 1 to " + LabInit.MAX_CSVS + "). Default: 2.")
    Integer csvs;

    @Option(names = "--disk-size", paramLabel = "SIZE", description = "Size of each VM's virtual disk, in bytes or with"
            + " M, G or T (binary: 20G is 20 GiB). Any size but the default makes fixed VHDX files that long, sparse"
            + " on the file system (for restores at real sizes). Default: 8M, dynamic VHDX files of a few MiB.")
    String diskSize;

    @Override
    protected int run() {
        Path target = dir != null ? dir : Hosts.locateLab(ctx()).dir();
        if (nodes < 1 || nodes > LabInit.MAX_NODES) {
            throw new CliException(ExitCode.USAGE, "--nodes takes 1 to " + LabInit.MAX_NODES + ", not " + nodes
                    + "; e.g. `vsskit lab init --nodes 2`");
        }
        LabConfig config;
        if (vms == null && csvs == null) {
            config = LabInit.clusterConfig(VssId::random, nodes);
        } else {
            int n = vms != null ? vms : 4;
            int m = csvs != null ? csvs : 2;
            if (n < 1 || n > LabInit.MAX_VMS || m < 1 || m > LabInit.MAX_CSVS) {
                throw new CliException(ExitCode.USAGE, "--vms takes 1 to " + LabInit.MAX_VMS + " and --csvs 1 to "
                        + LabInit.MAX_CSVS + ", not " + n + " and " + m + "; e.g. `vsskit lab init --vms 1000 --csvs 64`");
            }
            config = LabInit.scaledConfig(VssId::random, n, m, nodes);
        }
        long diskBytes = diskSize == null ? LabInit.VM_DISK_BYTES : diskBytes(diskSize);
        LabInit.Result result = LabInit.create(target, force, config, diskBytes);
        LabConfig c = result.config();
        LabInitSummary summary = new LabInitSummary(result.dir().toString(), result.replaced(), c.host().name(),
                c.host().cluster(), c.host().nodes(), c.volumes().stream().map(LabConfig.LabVolume::path).toList(),
                c.vms().stream().map(LabConfig.LabVm::name).toList(),
                c.providers().stream().map(p -> p.name()).toList());
        ctx().renderer(c.host().fqdn() + " (lab)").single(LabInitSummary.VIEW, summary);
        return ExitCode.OK;
    }

    /** {@code 20G}, {@code 512M}, {@code 1T} (binary units) or plain bytes; a usage error names the problem. */
    static long diskBytes(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        String digits = t.replaceFirst("(I?B)$", "").replaceFirst("([KMGT])$", "");
        int shift = switch (t.replaceFirst("(I?B)$", "").replaceFirst("^[0-9]+", "")) {
            case "" -> 0;
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> -1;
        };
        long n;
        try {
            n = shift < 0 ? -1 : Long.parseLong(digits);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n <= 0 || n > (Long.MAX_VALUE >> shift)) {
            throw new CliException(ExitCode.USAGE, "--disk-size takes a size such as 20G, 512M or 1T, not '" + text
                    + "'; e.g. `vsskit lab init --disk-size 20G`");
        }
        long bytes = n << shift;
        String problem = LabInit.diskSizeProblem(bytes);
        if (problem != null) {
            throw new CliException(ExitCode.USAGE, "--disk-size " + text + ": " + problem + "; e.g. `vsskit lab init"
                    + " --disk-size 20G`");
        }
        return bytes;
    }
}
