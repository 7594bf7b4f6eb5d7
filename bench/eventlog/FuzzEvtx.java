import dev.vsskit.eventlog.EvtxReader;
import dev.vsskit.eventlog.EvtxRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Long seeded-mutation fuzz run of the EVTX reader: `FuzzEvtx SECONDS SEED FILE|DIR...`. Mutates bytes,
 * bits, dwords and small ints at random offsets of the seed files, reads every record, and reports any
 * exception out of the iterator or any file that takes more than 10 s (a hang). Prints executions.
 */
public class FuzzEvtx {
    public static void main(String[] a) throws Exception {
        long until = System.nanoTime() + Long.parseLong(a[0]) * 1_000_000_000L;
        Random rnd = new Random(Long.parseLong(a[1]));
        List<byte[]> seeds = new ArrayList<>();
        for (int i = 2; i < a.length; i++) {
            Path p = Path.of(a[i]);
            try (Stream<Path> s = Files.isDirectory(p) ? Files.list(p) : Stream.of(p)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".evtx")).toList()) {
                    if (Files.size(f) <= 4 << 20) {
                        seeds.add(Files.readAllBytes(f));
                    }
                }
            }
        }
        Path tmp = Files.createTempFile("fuzz", ".evtx");
        long execs = 0;
        int findings = 0;
        while (System.nanoTime() < until) {
            byte[] b = seeds.get(rnd.nextInt(seeds.size())).clone();
            for (int e = 1 + rnd.nextInt(32); e > 0; e--) {
                int at = rnd.nextInt(b.length);
                switch (rnd.nextInt(4)) {
                    case 0 -> b[at] = (byte) rnd.nextInt(256);
                    case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                    default -> {
                        int v = rnd.nextBoolean() ? rnd.nextInt() : rnd.nextInt(65536);
                        for (int k = 0; k < 4 && at + k < b.length; k++) {
                            b[at + k] = (byte) (v >>> (8 * k));
                        }
                    }
                }
            }
            Files.write(tmp, b);
            long t0 = System.nanoTime();
            try (EvtxReader r = EvtxReader.open(tmp, w -> { })) {
                for (EvtxRecord x : r) {
                    if (System.nanoTime() - t0 > 10_000_000_000L) {
                        throw new IllegalStateException("slower than 10 s: possible hang");
                    }
                }
            } catch (java.io.IOException expected) {
                // a destroyed file signature is a clean open failure
            } catch (Throwable t) {
                findings++;
                Path keep = Path.of("bench/out/fuzz-finding-" + findings + ".evtx");
                Files.createDirectories(keep.getParent());
                Files.write(keep, b);
                System.out.println("FINDING " + findings + ": " + t + " -> " + keep);
            }
            execs++;
        }
        System.out.println("executions=" + execs + " findings=" + findings);
    }
}
