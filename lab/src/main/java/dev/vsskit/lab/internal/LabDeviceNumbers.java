package dev.vsskit.lab.internal;

import dev.vsskit.vss.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lab host's one counter of shadow copy devices ({@code HarddiskVolumeShadowCopyN}), shared by every
 * provider and process of the lab ({@code <lab>/vss/next-shadow-device}, under the lab lock), so no two
 * shadows that exist at once share a device name, as on Windows.
 */
public final class LabDeviceNumbers {

    public static final String FILE = "vss/next-shadow-device";

    private LabDeviceNumbers() {
    }

    public static long next(Path labDir) {
        return next(labDir, 1)[0];
    }

    /** {@code count} consecutive numbers in one update of the counter (a snapshot set's shadows). */
    public static long[] next(Path labDir, int count) {
        Path counter = labDir.resolve(FILE);
        try (LabLock lock = LabLock.acquire(labDir)) {
            long next = Files.exists(counter) ? Long.parseLong(Files.readString(counter).trim()) : 1;
            AtomicFiles.write(counter, Long.toString(next + count).getBytes(StandardCharsets.US_ASCII));
            long[] out = new long[count];
            for (int i = 0; i < count; i++) {
                out[i] = next + i;
            }
            return out;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("cannot number the shadow copy device (" + counter + ": " + e.getMessage()
                    + "); delete that file to start again at 1", e);
        }
    }
}
