package dev.vsskit.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.lab.internal.LabException;
import dev.vsskit.lab.internal.LabLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabLockTest {

    @TempDir
    Path lab;

    @Test
    void isReentrantForItsThreadAndExclusiveAcrossThreads() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> {
            try (LabLock outer = LabLock.acquire(lab); LabLock inner = LabLock.acquire(lab)) {
                held.countDown();
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> LabLock.acquire(lab, Duration.ZERO)).isInstanceOf(LabException.class)
                .hasMessageContaining("the lab is busy");
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        try (LabLock again = LabLock.acquire(lab, Duration.ofSeconds(5))) {
            assertThat(lab.resolve(".lock")).isRegularFile();
        }
    }

    @Test
    void missingLabFolderIsAClearError() {
        assertThatThrownBy(() -> LabLock.acquire(lab.resolve("missing"))).hasMessageContaining("does not exist");
    }
}
