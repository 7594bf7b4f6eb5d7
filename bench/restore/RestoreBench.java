import dev.vsskit.lab.storage.CowVolumeStore;
import dev.vsskit.lab.storage.VolumeSnapshot;
import dev.vsskit.vss.io.VerifiedCopy;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The restore copy alone, in-process: {@link VerifiedCopy} reading the lab's newest snapshot of sql01's disk
 * through the volume store's channel (what `vsskit restore --to` reads), against `cp` of the live file (the
 * same bytes: the disk did not change since the backup) on the same file system, interleaved, each after
 * `sync`. Usage: java -cp vsskit.jar RestoreBench.java LAB WORKDIR RUNS
 */
public class RestoreBench {
    static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        Path lab = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int runs = Integer.parseInt(args[2]);
        String path = "sql01/Virtual Hard Disks/sql01.vhdx";
        CowVolumeStore store = CowVolumeStore.open(lab.resolve("volumes/Volume1"));
        List<VolumeSnapshot> snaps = store.snapshots();
        String snap = snaps.get(snaps.size() - 1).id();
        Path live = store.dataDir().resolve(path);
        long bytes = Files.size(live);
        List<Double> cp = new ArrayList<>();
        List<Double> copy = new ArrayList<>();
        for (int i = 0; i <= runs; i++) { // round 0 warms up, not counted
            Path a = work.resolve("cp.vhdx");
            Path b = work.resolve("copy.vhdx");
            Files.deleteIfExists(a);
            Files.deleteIfExists(b);
            run("sync");
            long t0 = System.nanoTime();
            Path cpuFile = work.resolve("cp.cpu");
            run("/usr/bin/time", "-o", cpuFile.toString(), "-f", "%U %S", "cp", live.toString(), a.toString());
            double cpSeconds = (System.nanoTime() - t0) / 1e9;
            String[] us = Files.readString(cpuFile).trim().split("\\s+");
            double cpCpu = Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1]);
            Files.delete(a);
            run("sync");
            t0 = System.nanoTime();
            long cpu0 = THREADS.getCurrentThreadCpuTime();
            VerifiedCopy.Outcome o;
            try (ReadableByteChannel in = store.openSnapshotChannel(snap, path)) {
                o = VerifiedCopy.of(false).copy(in, b);
            }
            double copySeconds = (System.nanoTime() - t0) / 1e9;
            double copyCpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
            if (!o.identical() || o.bytes() != bytes) {
                throw new IllegalStateException("copy not identical: " + o);
            }
            Files.delete(b);
            System.out.printf("  round %d: cp %.3f s wall, %.2f s CPU; VerifiedCopy %.3f s wall, %.2f s CPU (%d bytes"
                    + " written)%s%n", i, cpSeconds, cpCpu, copySeconds, copyCpu, o.bytesWritten(),
                    i == 0 ? " (warm-up)" : "");
            if (i > 0) {
                cp.add(cpSeconds);
                copy.add(copySeconds);
            }
        }
        double cpMedian = median(cp);
        double copyMedian = median(copy);
        System.out.printf("  in-process copy alone, median of %d: cp %.3f s (%.0f MB/s), VerifiedCopy %.3f s (%.0f MB/s),"
                + " ratio %.3f%n", runs, cpMedian, bytes / cpMedian / 1e6, copyMedian, bytes / copyMedian / 1e6,
                cpMedian / copyMedian);
    }

    static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed");
        }
    }

    static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
