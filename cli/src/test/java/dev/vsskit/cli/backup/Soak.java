package dev.vsskit.cli.backup;

import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.backup.LabBackupTarget;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import dev.vsskit.vss.catalog.CatalogListing;
import dev.vsskit.vss.store.StorageSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The soak: {@code processes} workers, each running real {@code vsskit} processes one after another for
 * {@code seconds}, at random: automatic-name backups (with retention now and then), restores of a VM into
 * a new folder, deletes of a random backup, and backups killed with SIGKILL at a random moment. Then one
 * more backup (which cleans up after the killed ones) and the invariant check: no unreadable record; every
 * succeeded record's ONTAP snapshots exist; no ONTAP snapshot, shadow or in-flight note without a record;
 * no writer left failed or frozen; no set-in-progress marker; a sample of backups restores byte-exact.
 *
 * <p>{@code SoakIT} runs a short one in {@code mvn verify}; {@code bench/soak.sh} runs long ones.
 */
public final class Soak {

    static final List<String> VMS = List.of("sql01", "web01", "app01", "file01");

    /** What a soak did and what it found. */
    public record Report(int processes, long seconds, Map<String, Integer> operations, int records,
            int restoresChecked, List<String> problems) {
        @Override
        public String toString() {
            return processes + " processes, " + seconds + " s: " + operations + "; " + records + " records at the end, "
                    + restoresChecked + " restored byte-exact; " + (problems.isEmpty() ? "no problem"
                            : problems.size() + " problems:\n  " + String.join("\n  ", problems));
        }
    }

    private final Path jar;
    private final Path work;
    private final Path lab;
    private final Map<String, Integer> operations = Collections.synchronizedMap(new TreeMap<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger runs = new AtomicInteger();

    Soak(Path jar, Path work) {
        this.jar = jar;
        this.work = work;
        this.lab = work.resolve("lab");
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Soak JAR PROCESSES MINUTES [SEED]");
        }
        Path work = Files.createTempDirectory("vsskit-soak");
        Report r = new Soak(Path.of(args[0]), work).run(Integer.parseInt(args[1]),
                (long) (Double.parseDouble(args[2]) * 60), args.length > 3 ? Long.parseLong(args[3]) : 1);
        System.out.println(r);
        System.exit(r.problems().isEmpty() ? 0 : 1);
    }

    Report run(int processes, long seconds, long seed) throws Exception {
        check("lab init", exec(null, 120, "lab", "init", "--dir", lab.toString()), 0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < processes; w++) {
            Random random = new Random(seed * 1000 + w);
            Thread t = new Thread(() -> {
                while (System.nanoTime() < deadline) {
                    try {
                        step(random);
                    } catch (Exception e) {
                        problems.add("worker: " + e);
                    }
                }
            }, "soak-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        // the next backup cleans up after the killed ones
        Result last = exec(lab, 300, "backup", "--vm", "web01", "--retry", "5", "--retry-wait", "1s");
        check("final backup", last, 0);
        int restored = checkInvariants();
        int records = new BackupCatalog(lab.resolve("catalog")).list().records().size();
        return new Report(processes, seconds, new TreeMap<>(operations), records, restored, List.copyOf(problems));
    }

    private void step(Random random) throws Exception {
        int dice = random.nextInt(100);
        String vm = VMS.get(random.nextInt(VMS.size()));
        if (dice < 40) {
            List<String> args = new ArrayList<>(List.of("backup", random.nextBoolean() ? "--all" : "--vm", vm,
                    "--retry", "10", "--retry-wait", "1s"));
            if (args.get(1).equals("--all")) {
                args.remove(2);
            }
            if (random.nextInt(4) == 0) {
                args.addAll(List.of("--retain", "3"));
            }
            Result r = exec(lab, 300, args.toArray(String[]::new));
            count("backup", r.code);
            check(String.join(" ", args), r, 0, 4, 5);
        } else if (dice < 60) {
            Path to = work.resolve("restores").resolve("r" + runs.incrementAndGet());
            Result r = exec(lab, 300, "restore", "--vm", vm, "--to", to.toString());
            count("restore", r.code);
            // exit 2: no backup of that VM yet (or it was deleted meanwhile)
            check("restore --vm " + vm, r, 0, 2);
        } else if (dice < 80) {
            List<String> names = new BackupCatalog(lab.resolve("catalog")).list().records().stream()
                    .map(BackupRecord::name).collect(Collectors.toList());
            if (names.isEmpty()) {
                return;
            }
            String name = names.get(random.nextInt(names.size()));
            Result r = exec(lab, 300, "delete", "backup", name);
            count("delete", r.code);
            // exit 2: deleted meanwhile by another worker or by retention
            check("delete backup " + name, r, 0, 2);
        } else {
            Process p = start(lab, "backup", "--vm", vm, "--retry", "10", "--retry-wait", "1s").process();
            boolean finished = p.waitFor(200 + random.nextInt(3000), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.toHandle().destroyForcibly(); // SIGKILL: no finally blocks, no shutdown hooks
                p.waitFor(30, TimeUnit.SECONDS);
                count("kill", 9);
            } else {
                count("kill (finished first)", p.exitValue());
            }
        }
    }

    /** The invariants; returns how many backups were restored byte-exact. */
    private int checkInvariants() throws Exception {
        CatalogListing listing = new BackupCatalog(lab.resolve("catalog")).list();
        listing.problems().forEach(p -> problems.add("unreadable record " + p.file() + ": " + p.message()));
        Set<String> recorded = listing.records().stream().flatMap(r -> r.volumes().stream())
                .map(v -> v.storageVolume() + ":" + v.storageSnapshot()).collect(Collectors.toSet());
        Set<String> sets = listing.records().stream().map(BackupRecord::snapshotSetId).flatMap(Optional::stream)
                .map(Object::toString).collect(Collectors.toSet());
        try (LabHost host = LabHost.open(lab)) {
            LabBackupTarget target = new LabBackupTarget(host);
            Set<String> present = new java.util.HashSet<>();
            for (String volume : List.of("hv_csv1", "hv_csv2", "hv_smb1")) {
                for (StorageSnapshot s : target.storage().orElseThrow().snapshots(volume)) {
                    present.add(volume + ":" + s.name());
                    if (!recorded.contains(volume + ":" + s.name())) {
                        problems.add("ONTAP snapshot " + volume + ":" + s.name() + " is named by no record");
                    }
                }
            }
            for (BackupRecord r : listing.records()) {
                if (!r.succeeded()) {
                    continue;
                }
                for (BackupRecord.VolumeEntry v : r.volumes()) {
                    if (!v.storageSnapshot().isEmpty() && !present.contains(v.storageVolume() + ":" + v.storageSnapshot())) {
                        problems.add("record " + r.name() + " names ONTAP snapshot " + v.storageVolume() + ":"
                                + v.storageSnapshot() + ", which does not exist");
                    }
                }
            }
            for (Shadow s : host.shadows()) {
                if (!sets.contains(s.setId().toString())) {
                    problems.add("shadow " + s.shadowId() + " of set " + s.setId() + " belongs to no record");
                }
            }
            for (Writer w : host.writers()) {
                if (w.state() != WriterState.STABLE && w.state() != WriterState.WAITING_FOR_BACKUP_COMPLETE) {
                    problems.add("writer " + w.name() + " left " + w.state());
                }
            }
        }
        try (Stream<Path> notes = Files.list(lab.resolve("catalog").resolve("inflight"))) {
            notes.forEach(n -> problems.add("in-flight note left: " + n.getFileName()));
        } catch (java.nio.file.NoSuchFileException none) {
            // no note was ever written
        }
        if (Files.exists(lab.resolve("vss/set-in-progress.json"))) {
            problems.add("set-in-progress marker left");
        }
        int restored = 0;
        List<BackupRecord> succeeded = listing.records().stream().filter(BackupRecord::succeeded)
                .collect(Collectors.toList());
        for (int i = 0; i < succeeded.size() && restored < 3; i += Math.max(1, succeeded.size() / 3)) {
            BackupRecord r = succeeded.get(i);
            String vm = r.vms().get(0);
            Path to = work.resolve("check").resolve(r.name());
            Result res = exec(lab, 300, "restore", "--vm", vm, "--backup", r.name(), "--to", to.toString());
            // restore exits 0 only when every file's SHA-256 equals the snapshot's
            check("restore of " + r.name() + " (" + vm + ")", res, 0);
            restored += res.code == 0 ? 1 : 0;
        }
        return restored;
    }

    private void count(String op, int code) {
        operations.merge(op + " exit " + code, 1, Integer::sum);
    }

    private void check(String what, Result r, int... allowed) {
        for (int a : allowed) {
            if (r.code == a) {
                return;
            }
        }
        problems.add(what + ": exit " + r.code + ": " + r.err.strip());
    }

    record Result(int code, String err) {
    }

    /** A started vsskit process and the file its stderr goes to. */
    record Started(Process process, Path err) {
    }

    private Started start(Path labDir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        if (labDir != null) {
            cmd.addAll(List.of("--lab", labDir.toString()));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", work.resolve("home").toString());
        pb.environment().put("VSSKIT_CONFIG", work.resolve("config.json").toString());
        int n = runs.incrementAndGet();
        Path logs = work.resolve("logs");
        Files.createDirectories(logs);
        pb.redirectOutput(logs.resolve(n + ".out").toFile());
        pb.redirectError(logs.resolve(n + ".err").toFile());
        return new Started(pb.start(), logs.resolve(n + ".err"));
    }

    private Result exec(Path labDir, int timeoutSeconds, String... args) throws Exception {
        Started s = start(labDir, args);
        if (!s.process().waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            s.process().toHandle().destroyForcibly();
            s.process().waitFor();
            return new Result(-1, "did not finish within " + timeoutSeconds + " s");
        }
        return new Result(s.process().exitValue(), read(s.err()));
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
