package dev.vsskit.cli.lab;

import dev.vsskit.cli.CliException;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.cli.VsskitCommand;
import dev.vsskit.cli.host.Hosts;
import dev.vsskit.cli.render.Field;
import dev.vsskit.cli.render.RecordView;
import dev.vsskit.lab.LabCluster;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.WriterPhase;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vsskit lab node ...}: the nodes of the lab's failover cluster, up or down, and what their writers did. */
@Command(name = "node", description = "The nodes of the lab's failover cluster: list them, take one down or up, show"
        + " what their writers did in each snapshot set.",
        subcommands = {LabNodeCommand.ListNodes.class, LabNodeCommand.Down.class, LabNodeCommand.Up.class,
            LabNodeCommand.Log.class})
public final class LabNodeCommand {

    /** One node as {@code lab node list} shows it. */
    record NodeLine(String node, String fqdn, String state, List<String> vms, List<String> coordinatorOf,
            List<String> migrationsPlanned) {
    }

    static final RecordView<NodeLine> NODES = new RecordView<>() {
        @Override
        public List<Field<NodeLine>> fields() {
            return List.of(Field.of("node", NodeLine::node), Field.of("fqdn", NodeLine::fqdn),
                    Field.of("state", NodeLine::state), Field.of("vms", NodeLine::vms),
                    Field.of("coordinatorOf", NodeLine::coordinatorOf),
                    Field.of("migrationsPlanned", NodeLine::migrationsPlanned));
        }

        @Override
        public void text(List<NodeLine> rows, PrintWriter out) {
            for (NodeLine n : rows) {
                out.println("Node: " + n.node() + " (" + n.fqdn() + ")");
                out.println("   State: " + n.state());
                out.println("   VMs: " + (n.vms().isEmpty() ? "(none)" : String.join(", ", n.vms())));
                out.println("   CSV coordinator of: " + (n.coordinatorOf().isEmpty() ? "(none)"
                        : String.join(", ", n.coordinatorOf())));
                if (!n.migrationsPlanned().isEmpty()) {
                    out.println("   Migrations planned to it: " + String.join(", ", n.migrationsPlanned()));
                }
                out.println();
            }
        }
    };

    static List<NodeLine> lines(LabHost lab) {
        LabCluster cluster = lab.cluster();
        LabCluster.State state = cluster.state();
        List<NodeLine> out = new ArrayList<>();
        for (String node : cluster.nodes()) {
            String st = state.down().stream().filter(d -> d.node().equalsIgnoreCase(node)).findFirst()
                    .map(d -> d.atPhase() == null ? "Down" : "Up (goes down when a backup reaches " + d.atPhase() + ")")
                    .orElse("Up");
            List<String> vms = lab.config().vms().stream().filter(vm -> cluster.ownerOf(vm, state).equalsIgnoreCase(node))
                    .map(LabConfig.LabVm::name).toList();
            List<String> csvs = state.csvs().stream().filter(c -> c.coordinator().equalsIgnoreCase(node))
                    .map(LabCluster.CsvState::volume).toList();
            List<String> moves = state.moves().stream().filter(m -> m.to().equalsIgnoreCase(node))
                    .map(m -> m.vm() + " when a backup reaches " + m.atPhase()).toList();
            out.add(new NodeLine(node, lab.config().host().fqdnOf(node), st, vms, csvs, moves));
        }
        return out;
    }

    /** The node a user names, or a usage error naming the cluster's nodes. */
    static String node(LabHost lab, String wanted) {
        return lab.config().host().node(wanted).orElseThrow(() -> new CliException(ExitCode.USAGE, "no node '"
                + wanted + "' in cluster " + lab.config().host().cluster() + " (its nodes: "
                + String.join(", ", lab.nodes()) + ")"));
    }

    @Command(name = "list", description = "The cluster's nodes: up or down, the VMs each owns, the CSVs each coordinates.")
    public static final class ListNodes extends VsskitCommand {
        @Override
        protected int run() {
            ctx().renderer().list(NODES, lines(Hosts.lab(ctx())));
            return ExitCode.OK;
        }
    }

    @Command(name = "down", description = "Take a node down (now, or when a backup reaches --at PHASE): its VMs cannot"
            + " be backed up (they fail, named; the others are backed up) until `lab node up`.")
    public static final class Down extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "NODE", description = "The node, e.g. HV-LAB-02.")
        String nodeName;

        @Option(names = "--at", paramLabel = "PHASE", description = "Go down when a backup reaches this writer event"
                + " (prepare-backup, prepare-snapshot, freeze, thaw, post-snapshot, backup-complete).")
        String at;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            String node = node(lab, nodeName);
            if (node.equalsIgnoreCase(lab.node())) {
                throw new CliException(ExitCode.USAGE, "node " + node + " runs this command; take another node down,"
                        + " or run from another one (--host lab:NODE)");
            }
            String phase = null;
            if (at != null) {
                phase = WriterPhase.parse(at).filter(p -> p != WriterPhase.IDENTIFY && p != WriterPhase.PRE_RESTORE
                        && p != WriterPhase.POST_RESTORE).map(WriterPhase::eventName)
                        .orElseThrow(() -> new CliException(ExitCode.USAGE, "unknown --at '" + at + "'; use one of "
                                + "prepare-backup, prepare-snapshot, freeze, thaw, post-snapshot, backup-complete"));
            }
            lab.cluster().setDown(node, phase);
            ctx().renderer().list(NODES, lines(lab));
            return ExitCode.OK;
        }
    }

    @Command(name = "up", description = "Bring a node up again.")
    public static final class Up extends VsskitCommand {
        @Parameters(index = "0", paramLabel = "NODE", description = "The node, e.g. HV-LAB-02.")
        String nodeName;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            lab.cluster().setUp(node(lab, nodeName));
            ctx().renderer().list(NODES, lines(lab));
            return ExitCode.OK;
        }
    }

    static final RecordView<LabCluster.Event> EVENTS = new RecordView<>() {
        @Override
        public List<Field<LabCluster.Event>> fields() {
            return List.of(Field.of("time", e -> e.time().toString()), Field.of("node", LabCluster.Event::node),
                    Field.of("source", LabCluster.Event::source), Field.of("event", LabCluster.Event::event),
                    Field.of("subject", LabCluster.Event::subject),
                    Field.of("snapshotSet", e -> e.snapshotSet().toString()));
        }

        @Override
        public void text(List<LabCluster.Event> rows, PrintWriter out) {
            for (LabCluster.Event e : rows) {
                out.println(e.time() + "  " + e.node() + "  " + e.source() + ": " + e.event()
                        + (e.subject().isEmpty() ? "" : " - " + e.subject()));
            }
        }
    };

    @Command(name = "log", description = "What each node's writers did in the snapshot sets (the CSV writer's proxy"
            + " calls, the Hyper-V writers' Freeze and Thaw, redirected I/O), oldest first; multi-node labs only.")
    public static final class Log extends VsskitCommand {
        @Option(names = "--set", paramLabel = "ID", description = "Only this snapshot set.")
        String set;

        @Override
        protected int run() {
            LabHost lab = Hosts.lab(ctx());
            Optional<VssId> only = Optional.empty();
            if (set != null) {
                if (!VssId.isValid(set)) {
                    throw new CliException(ExitCode.USAGE, "--set " + set + " is not a snapshot set id; see"
                            + " `vsskit list shadows`");
                }
                only = Optional.of(VssId.parse(set));
            }
            Optional<VssId> filter = only;
            ctx().renderer().list(EVENTS, lab.cluster().log().stream()
                    .filter(e -> filter.map(id -> id.equals(e.snapshotSet())).orElse(true)).toList());
            return ExitCode.OK;
        }
    }
}
