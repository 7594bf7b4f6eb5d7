package dev.vsskit.ontap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {

    @Test
    void aBoundedRunKeepsTheItemsOrderReportsEachFailureAndNeverExceedsTheBound() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        try (Parallel p = new Parallel()) {
            List<Parallel.Outcome<Integer, Integer>> out = p.each(items, i -> {
                most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                inFlight.decrementAndGet();
                if (i == 17) {
                    throw new IllegalStateException("item 17");
                }
                return i * 2;
            }, 4);
            assertThat(out).extracting(Parallel.Outcome::item).isEqualTo(items);
            assertThat(out.get(3).value()).isEqualTo(6);
            assertThat(out.get(17).ok()).isFalse();
            assertThat(Parallel.firstFailure(out)).hasMessage("item 17");
            assertThat(out).filteredOn(Parallel.Outcome::ok).hasSize(39);
        }
        assertThat(most.get()).isBetween(1, 4);
    }
}
