import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.OntapSimulator;
import dev.vsskit.lab.ontap.SimKnobs;
import dev.vsskit.ontap.LunIds;
import dev.vsskit.ontap.OntapHardwareProvider;
import dev.vsskit.ontap.client.OntapClient;
import dev.vsskit.ontap.client.OntapClientListener;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Time inside CommitSnapshots of the ONTAP hardware provider, against the lab's HTTPS simulator with
 * added latency per REST call, for 1, 16 and 64 volumes, on the consistency-group path (ONTAP 9.13.1:
 * two-phase start in PreCommit, one PATCH action=commit in Commit) and the per-volume path (ONTAP 9.8:
 * one POST per volume, in parallel, answered synchronously with return_timeout). The figure is the
 * milliseconds the provider measured and logged in its 4089 event.
 *
 * Usage: java -cp CLASSPATH bench/ontap/OntapCommitBench.java [LATENCY_MS] [SETS]
 */
public final class OntapCommitBench {

    public static void main(String[] args) throws Exception {
        long latency = args.length > 0 ? Long.parseLong(args[0]) : 20;
        int sets = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        System.out.printf("| volumes | path | median ms | min ms | max ms |%n|---|---|---|---|---|%n");
        for (int n : new int[] {1, 16, 64}) {
            for (String version : new String[] {"9.13.1", "9.8.0"}) {
                List<Long> ms = run(n, version, latency, sets);
                Collections.sort(ms);
                String path = version.startsWith("9.13") ? (n == 1 ? "single volume (9.13.1)" : "CG two-phase (9.13.1)")
                        : "per-volume parallel (9.8)";
                System.out.printf("| %d | %s | %d | %d | %d |%n", n, path, ms.get(ms.size() / 2), ms.get(0),
                        ms.get(ms.size() - 1));
            }
        }
    }

    static List<Long> run(int volumes, String version, long latency, int sets) throws Exception {
        Path lab = Files.createTempDirectory("vsskit-ontap-bench");
        List<OntapLab.VolumeSeed> seeds = new ArrayList<>();
        List<VolumeTarget> targets = new ArrayList<>();
        for (int i = 1; i <= volumes; i++) {
            String serial = String.format("BENCHlun%04d", i);
            seeds.add(new OntapLab.VolumeSeed(String.format("bench_v%02d", i), String.format("bench%02d", i),
                    String.format("/vol/bench_v%02d/lun", i), serial));
            Path data = lab.resolve(String.format("volumes/bench%02d/data/vm%02d/disk.vhdx", i, i));
            Files.createDirectories(data.getParent());
            Files.write(data, new byte[64 * 1024]);
            targets.add(new VolumeTarget("C:\\ClusterStorage\\Bench" + i + "\\", "\\\\?\\Volume{" + i + "}\\",
                    List.of(new LunInfo("NETAPP", "LUN C-Mode", serial, LunIds.naaFromSerial(serial))),
                    Optional.empty()));
        }
        OntapLab.init(lab, version, seeds, true);
        List<Long> out = new ArrayList<>();
        try (OntapSimulator sim = OntapSimulator.start(lab, 0)) {
            sim.setKnobs(SimKnobs.NONE.withLatency(latency));
            OntapClient client = new OntapClient(OntapLab.connection(lab, sim.address()), OntapClientListener.NONE);
            List<ClassicEvent> events = Collections.synchronizedList(new ArrayList<>());
            try (OntapHardwareProvider p = new OntapHardwareProvider(client, events::add,
                    OntapHardwareProvider.Options.defaults("BENCH"))) {
                for (int s = 0; s < sets + 1; s++) { // the first set warms up (TLS, JIT) and is not counted
                    VssId set = VssId.random();
                    for (VolumeTarget t : targets) {
                        p.isSupported(t, SnapshotContext.BACKUP);
                        p.beginPrepareSnapshot(set, VssId.random(), t, SnapshotContext.BACKUP);
                    }
                    p.endPrepareSnapshots(set);
                    p.preCommitSnapshots(set);
                    p.commitSnapshots(set);
                    p.postCommitSnapshots(set, targets.size());
                    p.preFinalCommitSnapshots(set);
                    p.postFinalCommitSnapshots(set);
                    ClassicEvent e = events.get(events.size() - 1);
                    if (e.eventId() != 4089) {
                        throw new IllegalStateException("commit logged " + e.eventId());
                    }
                    if (s > 0) {
                        out.add(Long.parseLong(e.insertionStrings().get(1)));
                    }
                }
            }
        }
        return out;
    }
}
