package dev.vsskit.lab.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabDeviceNumbersTest {

    @TempDir
    Path lab;

    @Test
    void aBlockOfNumbersIsConsecutiveAndTheCounterMovesPastIt() throws Exception {
        Files.createDirectories(lab.resolve("vss"));
        assertThat(LabDeviceNumbers.next(lab)).isEqualTo(1);
        assertThat(LabDeviceNumbers.next(lab, 3)).containsExactly(2, 3, 4);
        assertThat(LabDeviceNumbers.next(lab)).isEqualTo(5);
        assertThat(Files.readString(lab.resolve(LabDeviceNumbers.FILE)).trim()).isEqualTo("6");
    }
}
