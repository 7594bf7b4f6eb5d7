import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.LabInit;
import dev.vsskit.lab.backup.LabBackupTarget;
import dev.vsskit.lab.ontap.OntapLab;
import dev.vsskit.lab.ontap.SimKnobs;
import dev.vsskit.vss.backup.BackupListener;
import dev.vsskit.vss.backup.BackupName;
import dev.vsskit.vss.backup.BackupRequest;
import dev.vsskit.vss.backup.BackupResult;
import dev.vsskit.vss.backup.BackupService;
import dev.vsskit.vss.backup.RetentionPolicy;
import dev.vsskit.vss.backup.RetryPolicy;
import dev.vsskit.vss.catalog.BackupCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whole backup of VMS lab VMs spread over VOLUMES CSV volumes on ONTAP LUNs, with LATENCY ms added to every
 * ONTAP REST call of the simulator: total time of BackupService.run and the time inside the commit window
 * (the providers' CommitSnapshots, as the coordinator measures it). Not part of mvn verify.
 *
 * Usage: java -cp cli/target/vsskit.jar bench/backup/BackupBench.java [VMS] [VOLUMES] [LATENCY_MS] [RUNS]
 */
public class BackupBench {

    public static void main(String[] args) throws Exception {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int volumes = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        long latency = args.length > 2 ? Long.parseLong(args[2]) : 20;
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;

        Path lab = Files.createTempDirectory("vsskit-bench-lab");
        long t0 = System.nanoTime();
        LabInit.create(lab, false, LabInit.scaledConfig(vms, volumes));
        System.out.printf(Locale.ROOT, "lab: %d VMs on %d CSV volumes, created in %d ms at %s%n", vms, volumes,
                (System.nanoTime() - t0) / 1_000_000, lab);
        OntapLab.setKnobs(lab, SimKnobs.NONE.withLatency(latency));

        long[] total = new long[runs];
        long[] commit = new long[runs];
        try (LabHost host = LabHost.open(lab)) {
            LabBackupTarget target = new LabBackupTarget(host);
            BackupService service = new BackupService(target, new BackupCatalog(lab.resolve("catalog")),
                    Clock.systemDefaultZone(), d -> { });
            for (int i = 0; i <= runs; i++) { // run 0 warms the JVM up and is not counted
                long start = System.nanoTime();
                BackupResult r = service.run(new BackupRequest(List.of(), Optional.empty(), true, false, false,
                        Optional.of(new BackupName("bench-" + i)), Optional.empty(), RetentionPolicy.unlimited(),
                        new RetryPolicy(1, java.time.Duration.ZERO)), List.of(), BackupListener.NONE);
                long ms = (System.nanoTime() - start) / 1_000_000;
                if (r.status() != BackupResult.Status.OK) {
                    throw new IllegalStateException("backup " + i + " failed: " + r.message());
                }
                System.out.printf(Locale.ROOT, "run %d: %d VMs, %d volumes, total %d ms, commit %d ms%n", i,
                        r.vms().size(), r.volumes().size(), ms, r.commitDuration().toMillis());
                if (i > 0) {
                    total[i - 1] = ms;
                    commit[i - 1] = r.commitDuration().toMillis();
                }
            }
        }
        System.out.printf(Locale.ROOT, "median over %d runs: total %d ms, commit window %d ms (latency %d ms per call)%n",
                runs, median(total), median(commit), latency);
    }

    static long median(long[] a) {
        long[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

}
