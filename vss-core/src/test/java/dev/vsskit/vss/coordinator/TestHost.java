package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.session.WriterComponent;
import dev.vsskit.vss.spi.LunInfo;
import dev.vsskit.vss.spi.VolumeTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A small host for coordinator tests: C: (local), two CSV volumes on LUNs, one share; the four provider
 * kinds; a Hyper-V-like writer owning two VMs and a System-like writer owning nothing.
 */
final class TestHost {
    final ManualClock clock = new ManualClock();
    final Map<String, VolumeTarget> volumes = new LinkedHashMap<>();
    final TestProvider system = new TestProvider("System", ProviderType.SYSTEM, clock, v -> !v.isShare());
    final TestProvider csv = new TestProvider("CSV", ProviderType.SOFTWARE, clock,
            v -> v.path().contains("ClusterStorage"));
    final TestProvider hardware = new TestProvider("Hardware", ProviderType.HARDWARE, clock, v -> !v.luns().isEmpty());
    final TestProvider fileShare = new TestProvider("FileShare", ProviderType.FILESHARE, clock, VolumeTarget::isShare);
    final TestWriter hyperV = new TestWriter("Microsoft Hyper-V VSS Writer", clock,
            new WriterComponent("", "vm-1", "sql01", List.of("C:\\ClusterStorage\\Volume1\\sql01\\sql01.vhdx"), "Online"),
            new WriterComponent("", "vm-2", "app01", List.of("C:\\ClusterStorage\\Volume2\\app01\\app01.vhdx"), "Online"));
    final TestWriter systemWriter = new TestWriter("System Writer", clock);
    final SnapshotSetGate gate = SnapshotSetGate.inProcess();
    final ShadowRegistry registry = ShadowRegistry.inMemory();
    final WriterStatusStore statusStore = WriterStatusStore.inMemory();
    final VssCoordinator coordinator;

    TestHost() {
        this(List.of());
    }

    TestHost(List<TestWriter> extraWriters) {
        volumes.put("c:\\", new VolumeTarget("C:\\", "\\\\?\\Volume{00000000-0000-0000-0000-00000000000c}\\", List.of(),
                Optional.empty()));
        for (int i = 1; i <= 64; i++) {
            volumes.put(("c:\\clusterstorage\\volume" + i + "\\"), new VolumeTarget(
                    "C:\\ClusterStorage\\Volume" + i + "\\",
                    String.format("\\\\?\\Volume{00000000-0000-0000-0000-%012d}\\", i),
                    i <= 2 ? List.of(new LunInfo("NETAPP", "LUN C-Mode", "80D4nK+x3Qa" + i, "600a0980")) : List.of(),
                    Optional.empty()));
        }
        volumes.put("\\\\svm1\\hvshare\\", new VolumeTarget("\\\\svm1\\hvshare\\", "\\\\svm1\\hvshare\\", List.of(),
                Optional.of("\\\\svm1\\hvshare")));
        List<TestWriter> writers = new ArrayList<>(List.of(hyperV, systemWriter));
        writers.addAll(extraWriters);
        coordinator = VssCoordinator.builder("HV-TEST")
                .writers(writers)
                .providers(List.of(system, csv, fileShare, hardware))
                .volumes(v -> {
                    String key = v.toLowerCase(Locale.ROOT);
                    if (!key.endsWith("\\")) {
                        key += "\\";
                    }
                    return Optional.ofNullable(volumes.get(key));
                })
                .clock(clock)
                .gate(gate)
                .shadowRegistry(registry)
                .writerStatusStore(statusStore)
                .build();
    }

    List<TestWriter> allWriters() {
        List<TestWriter> all = new ArrayList<>();
        for (VssWriter w : coordinator.writerImplementations()) {
            all.add((TestWriter) w);
        }
        return all;
    }

    List<TestProvider> allProviders() {
        return List.of(system, csv, fileShare, hardware);
    }

    /** Every snapshot any provider still holds. */
    int snapshotsHeld() {
        return allProviders().stream().mapToInt(p -> p.snapshots.size()).sum();
    }

    Writer status(TestWriter w) {
        return coordinator.writers().stream().filter(x -> x.instanceId().equals(w.instanceId())).findFirst()
                .orElseThrow();
    }

    List<Shadow> shadows() {
        return coordinator.shadows();
    }
}
