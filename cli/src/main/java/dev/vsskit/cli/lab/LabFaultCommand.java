package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.disk.DiskCorruption;
import dev.vsskit.lab.disk.DiskFaultInjector;
import dev.vsskit.lab.vss.FaultPlan;
import dev.vsskit.lab.vss.FaultPlanStore;
import dev.vsskit.vss.HResult;
import dev.vsskit.vss.Provider;
import dev.vsskit.vss.coordinator.WriterPhase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vsskit lab fault ...}: the lab's fault plan ({@code <lab>/faults.json}) for rehearsals and tests. */
@Command(name = "fault", description = "Set, list or clear the lab's fault plan (writer failures, slow or vetoing providers,"
        + " damaged VM disks).",
        subcommands = {LabFaultCommand.Writer.class, LabFaultCommand.ProviderFault.class, LabFaultCommand.Disk.class,
            LabFaultCommand.ListFaults.class, LabFaultCommand.Clear.class})
public final class LabFaultCommand {

    /** One line per fault, as {@code lab fault list} prints them. */
    record FaultLine(String kind, String target, String what) {
    }

    static final RecordView<FaultLine> VIEW = new RecordView<>() {
        @Override
        public List<Field<FaultLine>> fields() {
            return List.of(Field.of("kind", FaultLine::kind), Field.of("target", FaultLine::target),
                    Field.of("fault", FaultLine::what));
        }

        @Override
        public void text(List<FaultLine> rows, PrintWriter out) {
            for (FaultLine f : rows) {
                out.println(f.kind() + " '" + f.target() + "': " + f.what());
            }
        }
    };

    static List<FaultLine> lines(FaultPlan plan, List<DiskFaultInjector.DiskFault> disks) {
        List<FaultLine> out = lines(plan);
        for (DiskFaultInjector.DiskFault d : disks) {
            out.add(diskLine(d));
        }
        return out;
    }

    static FaultLine diskLine(DiskFaultInjector.DiskFault d) {
        return new FaultLine("disk", d.vm(), d.corruption() + (d.nextSnapshot() ? " in the next snapshot of "
                + d.volume() : " written to the live disk on " + d.volume()));
    }

    static List<FaultLine> lines(FaultPlan plan) {
        List<FaultLine> out = new ArrayList<>();
        for (FaultPlan.WriterFault w : plan.writerFaults()) {
            String what = "at " + w.phase().eventName()
                    + (w.delayMillis() > 0 ? " takes " + w.delayMillis() + " ms" : "")
                    + (w.hresult() != null ? (w.delayMillis() > 0 ? " then" : "") + " fails with " + w.hresult().name()
                            + " (" + w.hresult().hex() + ")" : "");
            out.add(new FaultLine("writer", w.writer(), what));
        }
        for (FaultPlan.ProviderFault p : plan.providerFaults()) {
            String what = "CommitSnapshots" + (p.commitDelayMillis() > 0 ? " takes " + p.commitDelayMillis() + " ms" : "")
                    + (p.veto() ? (p.commitDelayMillis() > 0 ? " then" : "") + " vetoes (VSS_E_PROVIDER_VETO)" : "");
            out.add(new FaultLine("provider", p.provider(), what));
        }
        return out;
    }

    @Command(name = "writer", description = "A writer (or an in-guest writer such as SqlServerWriter) fails and/or "
            + "takes time at a phase.")
    public static final class Writer extends VsskitCommand {
        @Option(names = "--writer", required = true, paramLabel = "NAME", description = "Writer name, as `list writers` prints it.")
        String writer;

        @Option(names = "--phase", required = true, paramLabel = "PHASE",
                description = "identify, prepare-backup, prepare-snapshot, freeze, thaw, post-snapshot, backup-complete, "
                        + "pre-restore, post-restore.")
        String phase;

        @Option(names = "--hresult", paramLabel = "CODE", description = "The failure, by name or hex "
                + "(default VSS_E_WRITERERROR_RETRYABLE unless only --delay is given).")
        String hresult;

        @Option(names = "--delay", paramLabel = "MS", defaultValue = "0", description = "Time the writer takes at that phase.")
        long delayMillis;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            WriterPhase p = WriterPhase.parse(phase).orElseThrow(() -> new CliException(ExitCode.USAGE,
                    "unknown --phase '" + phase + "'; use one of " + Arrays.stream(WriterPhase.values())
                            .map(x -> x.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
                            .collect(Collectors.joining(", "))));
            boolean known = lab.config().writers().stream().anyMatch(w -> w.name().equalsIgnoreCase(writer))
                    || lab.config().vms().stream().anyMatch(vm -> vm.inGuestWriters().stream()
                            .anyMatch(g -> g.equalsIgnoreCase(writer)));
            if (!known) {
                throw new CliException(ExitCode.USAGE, "no writer '" + writer + "' in the lab; see `vsskit list writers`"
                        + " (in-guest writers: " + lab.config().vms().stream().flatMap(vm -> vm.inGuestWriters().stream())
                                .distinct().collect(Collectors.joining(", ")) + ")");
            }
            HResult h = hresult == null ? (delayMillis > 0 ? null : HResult.VSS_E_WRITERERROR_RETRYABLE)
                    : HResult.parse(hresult).orElseThrow(() -> new CliException(ExitCode.USAGE,
                            "unknown --hresult '" + hresult + "'; give a VSS_E_* name or its hex value, e.g. 0x800423F3"));
            FaultPlan.WriterFault fault;
            try {
                fault = new FaultPlan.WriterFault(writer, p, h, delayMillis);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage());
            }
            FaultPlan plan = new FaultPlanStore(lab.dir()).update(f -> f.with(fault));
            ctx().renderer().list(VIEW, lines(plan));
            return ExitCode.OK;
        }
    }

    @Command(name = "provider", description = "A provider's CommitSnapshots takes time and/or vetoes.")
    public static final class ProviderFault extends VsskitCommand {
        @Option(names = "--provider", required = true, paramLabel = "NAME|ID", description = "Provider name or id.")
        String provider;

        @Option(names = "--commit-delay", paramLabel = "MS", defaultValue = "0",
                description = "Time CommitSnapshots takes (over 10000 ms: VSS_E_HOLD_WRITES_TIMEOUT).")
        long commitDelayMillis;

        @Option(names = "--veto", description = "CommitSnapshots fails with VSS_E_PROVIDER_VETO.")
        boolean veto;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            Provider p = lab.providers().stream()
                    .filter(x -> x.name().equalsIgnoreCase(provider.trim()) || x.id().toString().equalsIgnoreCase(provider.trim())
                            || x.id().bare().equalsIgnoreCase(provider.trim()))
                    .findFirst().orElseThrow(() -> new CliException(ExitCode.USAGE, "Volume Shadow Copy Provider '"
                            + provider + "' not found; see `vsskit list providers`"));
            FaultPlan.ProviderFault fault;
            try {
                fault = new FaultPlan.ProviderFault(p.name(), commitDelayMillis, veto);
            } catch (IllegalArgumentException e) {
                throw new CliException(ExitCode.USAGE, e.getMessage() + " (give --commit-delay MS and/or --veto)");
            }
            FaultPlan plan = new FaultPlanStore(lab.dir()).update(f -> f.with(fault));
            ctx().renderer().list(VIEW, lines(plan));
            return ExitCode.OK;
        }
    }

    @Command(name = "disk", description = "Damage a VM's virtual disk, in the next snapshot of its volume (default) or"
            + " in its live file, for deep verify to catch.")
    public static final class Disk extends VsskitCommand {
        @Option(names = "--vm", required = true, paramLabel = "NAME", description = "The VM whose VHDX is damaged.")
        String vm;

        @Option(names = "--corruption", required = true, paramLabel = "KIND",
                description = "torn-header, bad-bat, log-replay, zero-gpt, ntfs-boot or ntfs-dirty.")
        String corruption;

        @Option(names = "--live", description = "Damage the live file now (the VM's disk stays damaged until"
                + " `vsskit restore` or `vsskit lab init --force`), instead of the next snapshot only.")
        boolean live;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            DiskCorruption kind = DiskCorruption.parse(corruption).orElseThrow(() -> new CliException(ExitCode.USAGE,
                    "unknown --corruption '" + corruption + "'; use one of " + DiskCorruption.words()));
            if (lab.config().vms().stream().noneMatch(v -> v.name().equalsIgnoreCase(vm))) {
                throw new CliException(ExitCode.USAGE, "unknown VM " + vm + "; known VMs: " + lab.config().vms().stream()
                        .map(dev.vsskit.lab.LabConfig.LabVm::name).collect(Collectors.joining(", ")));
            }
            DiskFaultInjector.DiskFault fault = DiskFaultInjector.inject(lab, vm, kind, live);
            List<FaultLine> rows = new ArrayList<>(lines(new FaultPlanStore(lab.dir()).load(),
                    DiskFaultInjector.pending(lab)));
            if (live) {
                rows.add(diskLine(fault));
            }
            ctx().renderer().list(VIEW, rows);
            return ExitCode.OK;
        }
    }

    @Command(name = "list", description = "Show the fault plan.")
    public static final class ListFaults extends VsskitCommand {
        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            ctx().renderer().list(VIEW, lines(new FaultPlanStore(lab.dir()).load(), DiskFaultInjector.pending(lab)));
            return ExitCode.OK;
        }
    }

    @Command(name = "clear", description = "Remove every fault.")
    public static final class Clear extends VsskitCommand {
        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            new FaultPlanStore(lab.dir()).clear();
            DiskFaultInjector.clear(lab);
            ctx().renderer().list(VIEW, List.of());
            return ExitCode.OK;
        }
    }
}
