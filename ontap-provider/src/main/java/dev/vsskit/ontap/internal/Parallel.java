package dev.vsskit.ontap.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/** Runs one REST call per item in parallel and reports every outcome (so the caller can clean up). */
public final class Parallel implements AutoCloseable {

    /** The outcome for one item: a value or the failure. */
    public record Outcome<I, T>(I item, T value, RuntimeException failure) {
        public boolean ok() {
            return failure == null;
        }
    }

    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ontap-call");
        t.setDaemon(true);
        return t;
    });

    public <I, T> List<Outcome<I, T>> each(List<I> items, Function<I, T> call) {
        if (items.size() == 1) {
            return List.of(run(items.get(0), call));
        }
        List<CompletableFuture<Outcome<I, T>>> futures = new ArrayList<>();
        for (I item : items) {
            futures.add(CompletableFuture.supplyAsync(() -> run(item, call), pool));
        }
        List<Outcome<I, T>> out = new ArrayList<>();
        for (CompletableFuture<Outcome<I, T>> f : futures) {
            try {
                out.add(f.join());
            } catch (CompletionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    /**
     * As {@link #each(List, Function)} with at most {@code maxParallel} calls in flight: for look-ups where many
     * concurrent calls would each open a connection (a TLS handshake apiece) to gain little.
     */
    public <I, T> List<Outcome<I, T>> each(List<I> items, Function<I, T> call, int maxParallel) {
        if (items.size() <= maxParallel) {
            return each(items, call);
        }
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReferenceArray<Outcome<I, T>> out =
                new java.util.concurrent.atomic.AtomicReferenceArray<>(items.size());
        List<CompletableFuture<Void>> workers = new ArrayList<>();
        for (int w = 0; w < maxParallel; w++) {
            workers.add(CompletableFuture.runAsync(() -> {
                for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                    out.set(i, run(items.get(i), call));
                }
            }, pool));
        }
        try {
            CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw new IllegalStateException(e.getCause());
        }
        List<Outcome<I, T>> result = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            result.add(out.get(i));
        }
        return result;
    }

    private static <I, T> Outcome<I, T> run(I item, Function<I, T> call) {
        try {
            return new Outcome<>(item, call.apply(item), null);
        } catch (RuntimeException e) {
            return new Outcome<>(item, null, e);
        }
    }

    /** The first failure among the outcomes, if any. */
    public static <I, T> RuntimeException firstFailure(List<Outcome<I, T>> outcomes) {
        return outcomes.stream().filter(o -> !o.ok()).map(Outcome::failure).findFirst().orElse(null);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
