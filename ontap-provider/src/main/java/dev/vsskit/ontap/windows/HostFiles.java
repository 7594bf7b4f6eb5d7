package dev.vsskit.ontap.windows;

import java.io.IOException;
import java.io.InputStream;
import dev.vsskit.vss.io.VerifiedCopy;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The host's files by their Windows paths ({@code C:\ClusterStorage\Volume1\vm\disk.vhdx},
 * {@code \\svm1\hvshare\vm\disk.vhdx}, a share's {@code .snapshot} folder): what the Windows backup target reads
 * and writes outside VSS and ONTAP. On Windows the paths are the files themselves ({@link #WINDOWS}); tests on Linux
 * map them onto the lab's volumes.
 */
public interface HostFiles {

    /** The file a Windows path names, to compare it after a restore. */
    Path path(String windowsPath);

    /** Reads a file by its Windows path. */
    InputStream open(String windowsPath) throws IOException;

    /** Opens a file by its Windows path for reads at any offset (deep verify reads a VHDX's metadata only). */
    dev.vsskit.vss.verify.disk.ByteSource openRandom(String windowsPath) throws IOException;

    /** Replaces a file's content: written beside it, then renamed over it, so a failure leaves it as it was. */
    void write(String windowsPath, InputStream content) throws IOException;

    /** Renames a file over another of the same folder (on a share: metadata only, no data moves). */
    void rename(String fromWindowsPath, String toWindowsPath) throws IOException;

    /** The real file system of a Windows host. */
    HostFiles WINDOWS = new HostFiles() {
        @Override
        public Path path(String windowsPath) {
            return Path.of(windowsPath);
        }

        @Override
        public InputStream open(String windowsPath) throws IOException {
            return Files.newInputStream(Path.of(windowsPath));
        }

        @Override
        public dev.vsskit.vss.verify.disk.ByteSource openRandom(String windowsPath) throws IOException {
            return dev.vsskit.vss.verify.disk.ByteSource.open(Path.of(windowsPath));
        }

        @Override
        public void write(String windowsPath, InputStream content) throws IOException {
            Path dest = Path.of(windowsPath);
            Path tmp = dest.resolveSibling(dest.getFileName() + ".vsskit-partial");
            Files.deleteIfExists(tmp); // what an interrupted restore left
            try {
                // the one copy routine of every restore (sparse-aware, read back and compared as it goes)
                VerifiedCopy.Outcome copied = VerifiedCopy.of(false).copy(Channels.newChannel(content), tmp);
                if (!copied.identical()) {
                    throw new IOException("the copy of " + dest.getFileName() + " read back differs at byte "
                            + copied.firstDifference());
                }
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(tmp);
                throw e;
            }
            Files.move(tmp, dest, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void rename(String fromWindowsPath, String toWindowsPath) throws IOException {
            Files.move(Path.of(fromWindowsPath), Path.of(toWindowsPath), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        }
    };
}
