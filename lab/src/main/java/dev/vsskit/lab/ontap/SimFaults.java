package dev.vsskit.lab.ontap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulator's rehearsal knobs ({@code <lab>/ontap/knobs.json}, reloaded when another process changes
 * the file): which injected fault, if any, hits a request. Counters of {@code nth} rules count the matching
 * calls this simulator served since the knobs were last set.
 */
final class SimFaults {

    private final Path lab;
    private final Map<Integer, AtomicLong> counters = new ConcurrentHashMap<>();
    private volatile SimKnobs knobs;
    private volatile FileTime stamp;
    private Random random;

    SimFaults(Path lab) throws IOException {
        this.lab = lab;
        this.knobs = OntapLab.knobs(lab);
        this.random = new Random(knobs.seed());
        Path f = OntapLab.knobsFile(lab);
        this.stamp = Files.exists(f) ? Files.getLastModifiedTime(f) : null;
    }

    SimKnobs knobs() {
        return knobs;
    }

    /** Replaces the knobs and writes them to the lab so they persist and other processes see them. */
    synchronized void set(SimKnobs k) throws IOException {
        OntapLab.setKnobs(lab, k);
        apply(k);
        stamp = Files.getLastModifiedTime(OntapLab.knobsFile(lab));
    }

    /** The fault that hits this request, if any (the knobs are re-read first when their file changed). */
    SimFault pick(SimRequest req) {
        reloadIfChanged();
        List<SimFault> faults = knobs.faults();
        for (int i = 0; i < faults.size(); i++) {
            SimFault f = faults.get(i);
            if (!f.matches(req.method(), req.path())) {
                continue;
            }
            long n = counters.computeIfAbsent(i, x -> new AtomicLong()).incrementAndGet();
            if (f.nth() > 0) {
                if (n >= f.nth() && n < f.nth() + f.times()) {
                    return f;
                }
            } else if (f.rate() > 0) {
                synchronized (this) {
                    if (random.nextDouble() < f.rate()) {
                        return f;
                    }
                }
            }
        }
        return null;
    }

    private void reloadIfChanged() {
        try {
            Path f = OntapLab.knobsFile(lab);
            if (!Files.exists(f)) {
                return;
            }
            FileTime t = Files.getLastModifiedTime(f);
            if (!t.equals(stamp)) {
                SimKnobs k = OntapLab.knobs(lab);
                synchronized (this) {
                    if (!t.equals(stamp)) {
                        apply(k);
                        stamp = t;
                    }
                }
            }
        } catch (IOException e) {
            // keep the knobs we have; a half-written file is replaced atomically anyway
        }
    }

    private void apply(SimKnobs k) {
        knobs = k;
        random = new Random(k.seed());
        counters.clear();
    }
}
