import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.coordinator.VssCoordinator;
import dev.vsskit.vss.coordinator.VssWriter;
import dev.vsskit.vss.coordinator.WriterEvent;
import dev.vsskit.vss.session.BackupSession;
import dev.vsskit.vss.session.BackupType;
import dev.vsskit.vss.session.WriterMetadata;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.SnapshotProvider;
import dev.vsskit.vss.spi.VolumeTarget;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The VSS coordinator's own time inside the freeze-to-thaw window (first Freeze sent to last Thaw
 * returned), with six writers and one hardware provider that all return at once, for 1, 16 and 64
 * volumes. Whatever is measured is the coordinator: state moves, freeze-window checks, provider calls,
 * listener calls. Run: see docs/bench-coordinator.md.
 */
public final class CoordinatorBench {

    static final class InstantWriter implements VssWriter {
        private final String name;
        private final VssId writerId = VssId.random();
        private final VssId instanceId = VssId.random();

        InstantWriter(String name) {
            this.name = name;
        }

        public String name() { return name; }
        public VssId writerId() { return writerId; }
        public VssId instanceId() { return instanceId; }
        public WriterMetadata identify(WriterEvent e) { return new WriterMetadata(name, writerId, instanceId, List.of()); }
        public void prepareForBackup(WriterEvent e) { }
        public void prepareForSnapshot(WriterEvent e) { }
        public void freeze(WriterEvent e) { }
        public void thaw(WriterEvent e) { }
        public void postSnapshot(WriterEvent e) { }
        public void abort(WriterEvent e) { }
        public void backupComplete(WriterEvent e) { }
    }

    static final class InstantProvider implements SnapshotProvider {
        private final Provider info = new Provider("Instant Hardware Provider", ProviderType.HARDWARE, VssId.random(), "1");

        public Provider info() { return info; }
        public boolean isSupported(VolumeTarget v, SnapshotContext c) { return true; }
        public void beginPrepareSnapshot(VssId s, VssId id, VolumeTarget v, SnapshotContext c) { }
        public void endPrepareSnapshots(VssId s) { }
        public void preCommitSnapshots(VssId s) { }
        public void commitSnapshots(VssId s) { }
        public void postCommitSnapshots(VssId s, int n) { }
        public void preFinalCommitSnapshots(VssId s) { }
        public void postFinalCommitSnapshots(VssId s) { }
        public void abortSnapshots(VssId s) { }
        public void deleteSnapshot(VssId id) { }
        public String shadowDeviceName(VssId id) { return "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1"; }
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        System.out.printf("%-8s %10s %10s %10s %10s%n", "volumes", "median ms", "p90 ms", "p99 ms", "max ms");
        for (int volumes : new int[] {1, 16, 64}) {
            double[] ms = run(volumes, iterations);
            System.out.printf("%-8d %10.4f %10.4f %10.4f %10.4f%n", volumes, pct(ms, 50), pct(ms, 90), pct(ms, 99),
                    ms[ms.length - 1]);
        }
    }

    static double[] run(int volumes, int iterations) {
        Map<String, VolumeTarget> targets = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < volumes; i++) {
            String path = "C:\\ClusterStorage\\Volume" + (i + 1) + "\\";
            targets.put(path, new VolumeTarget(path, String.format("\\\\?\\Volume{00000000-0000-0000-0000-%012d}\\", i),
                    List.of(new LunInfo("NETAPP", "LUN C-Mode", "serial" + i, "600a0980")), Optional.empty()));
            names.add(path);
        }
        List<VssWriter> writers = List.of(new InstantWriter("Microsoft Hyper-V VSS Writer"),
                new InstantWriter("Cluster Shared Volume VSS Writer"), new InstantWriter("System Writer"),
                new InstantWriter("Registry Writer"), new InstantWriter("WMI Writer"), new InstantWriter("COM+ REGDB Writer"));
        VssCoordinator c = VssCoordinator.builder("BENCH").writers(writers).providers(List.of(new InstantProvider()))
                .volumes(v -> Optional.ofNullable(targets.get(v))).build();
        int warmup = Math.max(1000, iterations / 2);
        double[] ms = new double[iterations];
        for (int i = 0; i < warmup + iterations; i++) {
            try (BackupSession s = c.openBackupSession()) {
                s.initializeForBackup();
                s.setBackupState(true, false, BackupType.FULL, false);
                s.gatherWriterMetadata();
                s.startSnapshotSet();
                for (String n : names) {
                    s.addToSnapshotSet(n, VssId.NULL);
                }
                s.prepareForBackup();
                long nanos = s.doSnapshotSet().freezeToThaw().toNanos();
                s.backupComplete();
                if (i >= warmup) {
                    ms[i - warmup] = nanos / 1e6;
                }
            }
        }
        Arrays.sort(ms);
        return ms;
    }

    static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
