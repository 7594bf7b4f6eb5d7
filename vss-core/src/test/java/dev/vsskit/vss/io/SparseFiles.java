package dev.vsskit.vss.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** For tests of sparse files: what the file system really holds of a file. */
public final class SparseFiles {

    private SparseFiles() {
    }

    /** Bytes the file system has allocated for a file (st_blocks × block unit), as `du` counts them. */
    public static long allocatedBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assumeTrue(p.waitFor() == 0, "stat is needed to count allocated blocks: " + out);
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }
}
