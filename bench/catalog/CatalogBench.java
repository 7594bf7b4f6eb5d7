import dev.vsskit.vss.VssId;
import dev.vsskit.vss.backup.RetentionPolicy;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.catalog.CatalogIndexEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The catalog at scale (issue 19, item 4), in-process. Fills the lab's catalog up to RECORDS records through
 * BackupCatalog.createAll (each record written as create writes it, the index updated once), copies of the
 * lab's real newest backup an hour apart before it with other names, VMs and snapshot names (every tenth in
 * dataset "nightly", one in fifty failed), and times three more creates; then,
 * RUNS times on a fresh catalog instance (as a new process would), times and counts the record files read by:
 * the listing (summaries), verify --last (newest), restore --backup latest --vm sql01 (newest by summary), and
 * retention (the index, the policy's choice over every record, deleting the one record it drops).
 * Usage: java -cp cli/target/vsskit.jar bench/catalog/CatalogBench.java LAB RECORDS RUNS
 */
public class CatalogBench {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).resolve("catalog");
        int records = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        BackupCatalog catalog = new BackupCatalog(dir);
        BackupRecord real = catalog.newest(true, r -> true).orElseThrow(() -> new IllegalStateException(
                "take one backup in the lab first (vsskit backup --all)"));
        DateTimeFormatter names = DateTimeFormatter.ofPattern("MM-dd-yyyy_HH.mm.ss").withZone(ZoneOffset.UTC);
        List<String> vms = List.of("sql01", "web01", "app01", "file01");
        int have = catalog.index().size();
        long t0 = System.nanoTime();
        List<BackupRecord> batch = new ArrayList<>();
        for (int i = have; i < records; i++) {
            Instant started = real.started().minus(Duration.ofHours(i + 1L));
            VssId set = VssId.random();
            List<BackupRecord.VolumeEntry> volumes = real.volumes().stream().map(v -> new BackupRecord.VolumeEntry(
                    v.volumePath(), VssId.random(), v.providerName(), v.providerId(), v.hardwareExpected(),
                    v.hardwareUsed(), v.storageVolume(), v.storageSnapshot().isEmpty() ? "" : "bench_" + set.bare()))
                    .toList();
            BackupRecord r = new BackupRecord("HV-LAB-01_" + names.format(started), started,
                    started.plusSeconds(40), i % 10 == 0 ? Optional.of("nightly") : Optional.empty(),
                    List.of(vms.get(i % vms.size()), vms.get((i + 1) % vms.size())), real.applicationConsistent(),
                    Optional.of(set), volumes, real.writers(), real.commitDuration(), i % 50 != 49,
                    i % 50 != 49 ? real.outcome() : "failed: bench record");
            batch.add(r);
        }
        catalog.createAll(batch);
        if (have < records) {
            System.out.printf("  created %d records through BackupCatalog.createAll in %.1f s%n", records - have,
                    (System.nanoTime() - t0) / 1e9);
        }
        // what one more backup's record costs at this size (create rewrites the index)
        for (int k = 0; k < 3; k++) {
            Instant started = real.started().minusSeconds(60L * (k + 1)); // older than the real one: verify --last checks it
            BackupRecord r = new BackupRecord("HV-LAB-01_" + names.format(started) + "-bench", started,
                    started.plusSeconds(40), Optional.empty(), List.of("web01"), real.applicationConsistent(),
                    Optional.of(VssId.random()), real.volumes(), real.writers(), real.commitDuration(), false,
                    "failed: bench record");
            long t = System.nanoTime();
            catalog.create(r);
            System.out.printf("  one more record through create at %d records: %.0f ms%n", records + k, ms(t));
        }
        System.out.println("  catalog: " + catalog.index().size() + " readable records");
        List<double[]> rows = new ArrayList<>();
        for (int run = 0; run <= runs; run++) { // run 0 warms up, not counted
            AtomicInteger reads = new AtomicInteger();
            double[] row = new double[8];
            BackupCatalog c = new BackupCatalog(dir, f -> reads.incrementAndGet());
            long t = System.nanoTime();
            int listed = c.summaries().backups().size();
            row[0] = ms(t);
            row[1] = reads.getAndSet(0);
            c = new BackupCatalog(dir, f -> reads.incrementAndGet());
            t = System.nanoTime();
            c.newest(false, r -> true).orElseThrow();
            row[2] = ms(t);
            row[3] = reads.getAndSet(0);
            c = new BackupCatalog(dir, f -> reads.incrementAndGet());
            t = System.nanoTime();
            c.newest(s -> s.succeeded() && s.holds("sql01"), r -> true).orElseThrow();
            row[4] = ms(t);
            row[5] = reads.getAndSet(0);
            // retention, as Retention.apply does it: the index, the policy over every succeeded record of the
            // dataset (no dataset here: nine in ten records), then the delete of what it drops
            c = new BackupCatalog(dir, f -> reads.incrementAndGet());
            t = System.nanoTime();
            List<CatalogIndexEntry> same = c.index().stream().filter(CatalogIndexEntry::succeeded)
                    .filter(e -> e.dataset().isEmpty()).collect(Collectors.toList());
            List<RetentionPolicy.Candidate> candidates = same.stream()
                    .map(e -> new RetentionPolicy.Candidate(e.name(), e.started())).collect(Collectors.toList());
            RetentionPolicy keep = new RetentionPolicy(OptionalInt.of(candidates.size() - 1), Optional.empty());
            List<RetentionPolicy.Candidate> drop = keep.toDelete(candidates, real.name(), Set.of(), Instant.now());
            for (RetentionPolicy.Candidate d : drop) {
                c.delete(d.name());
            }
            row[6] = ms(t);
            row[7] = reads.getAndSet(0);
            System.out.printf("  run %d%s: listing %d backups %.0f ms (%d records read); verify --last's choice"
                    + " %.1f ms (%d read); restore latest's choice %.1f ms (%d read); retention over %d records,"
                    + " deleting %d: %.0f ms (%d read)%n", run, run == 0 ? " (warm-up)" : "", listed, row[0],
                    (int) row[1], row[2], (int) row[3], row[4], (int) row[5], candidates.size(), drop.size(), row[6],
                    (int) row[7]);
            if (run > 0) {
                rows.add(row);
            }
        }
        System.out.printf("  median of %d: listing %.0f ms, verify --last's choice %.1f ms, restore latest's choice"
                + " %.1f ms, retention %.0f ms%n", runs, median(rows, 0), median(rows, 2), median(rows, 4),
                median(rows, 6));
    }

    static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    static double median(List<double[]> rows, int col) {
        List<Double> v = new ArrayList<>();
        rows.forEach(r -> v.add(r[col]));
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }
}
