import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.verify.BackupFacts;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.DeepVerifier;
import dev.vsskit.vss.verify.disk.SnapshotAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Times deep verify's disk checks (every VHDX check, the partition table, each NTFS volume) on VHDX files
 * and counts the bytes read, beside `qemu-img check` on the same files. Median of RUNS after one warm-up.
 * Through DeepVerifier, vsskit's public entry, over a SnapshotAccess that reads the file's folder (what
 * `verify --deep` runs per disk, less the storage clone).
 * Usage: java -cp vss-core/target/classes:eventlog/target/classes bench/deep/DeepVerifyBench.java RUNS FILE...
 */
public class DeepVerifyBench {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        System.out.println("| disk | virtual size | file size | vsskit deep checks | bytes read | qemu-img check |");
        System.out.println("|---|---|---|---|---|---|");
        for (int i = 1; i < args.length; i++) {
            Path file = Path.of(args[i]);
            List<Long> ours = new ArrayList<>();
            List<Long> qemu = new ArrayList<>();
            long read = 0;
            String virtual = "";
            for (int r = 0; r <= runs; r++) {
                long t0 = System.nanoTime();
                DeepVerifier.VmResult res = verify(file);
                long t1 = System.nanoTime();
                List<CheckResult> checks = res.checks().subList(1, res.checks().size()); // after the access check
                for (CheckResult f : res.checks()) {
                    if (f.status() == CheckStatus.FAIL) {
                        throw new IllegalStateException(f.name() + ": " + f.evidence());
                    }
                }
                virtual = checks.get(2).evidence().replaceAll(".*virtual size ([^,]+),.*", "$1");
                read = res.bytesRead();
                Process p = new ProcessBuilder("qemu-img", "check", "-f", "vhdx", file.toString())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                long q0 = System.nanoTime();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("qemu-img check failed on " + file);
                }
                long q1 = System.nanoTime();
                if (r > 0) {
                    ours.add(t1 - t0);
                    qemu.add(q1 - q0);
                }
            }
            System.out.printf("| %s | %s | %d MiB | %.1f ms | %d | %.1f ms |%n", file.getFileName(), virtual,
                    Files.size(file) >> 20, median(ours) / 1e6, read, median(qemu) / 1e6);
        }
    }

    static DeepVerifier.VmResult verify(Path file) {
        Path folder = file.toAbsolutePath().getParent();
        BackupFacts backup = new BackupFacts("bench", Instant.EPOCH, Instant.EPOCH, true, "OK", true, Optional.empty(),
                List.of(new BackupFacts.VolumeFact("D:\\", "bench folder", VssId.random(), true, true, "folder", "snap")),
                List.of());
        SnapshotAccess access = (volume, snapshot) -> new SnapshotAccess.Opened() {
            public String description() {
                return "the folder " + folder;
            }

            public ByteSource open(String pathInVolume) throws java.io.IOException {
                return ByteSource.open(folder.resolve(pathInVolume));
            }

            public void close() {
            }
        };
        return new DeepVerifier(Clock.systemUTC()).verify(backup, List.of(new DeepVerifier.VmFiles("vm",
                List.of("D:\\" + file.getFileName()))), access, DeepVerifier.Listener.NONE).get(0);
    }

    static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
