package dev.vsskit.cli.lab;

import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabInit;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Create the default lab (host HV-LAB-01, CSV volumes and an SMB share on "
        + "ONTAP, four VMs). Refuses to touch a folder that is not a lab; replaces a lab only with --force.")
public final class LabInitCommand extends VsskitCommand {

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to create the lab (default: --lab, "
            + "$VSSKIT_LAB, else the user's data folder).")
    Path dir;

    @Option(names = "--force", description = "Replace an existing lab (all its snapshots, backups and events).")
    boolean force;

    @Override
    protected int run() {
        Path target = dir != null ? dir : Hosts.locateLab(ctx()).dir();
        LabInit.Result result = LabInit.create(target, force);
        LabConfig c = result.config();
        LabInitSummary summary = new LabInitSummary(result.dir().toString(), result.replaced(), c.host().name(),
                c.host().cluster(), c.volumes().stream().map(LabConfig.LabVolume::path).toList(),
                c.vms().stream().map(LabConfig.LabVm::name).toList(),
                c.providers().stream().map(p -> p.name()).toList());
        ctx().renderer().single(LabInitSummary.VIEW, summary);
        return ExitCode.OK;
    }
}
