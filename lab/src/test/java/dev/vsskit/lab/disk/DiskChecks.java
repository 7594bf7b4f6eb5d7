package dev.vsskit.lab.disk;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.verify.BackupFacts;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.disk.ByteSource;
import dev.vsskit.vss.verify.disk.DeepVerifier;
import dev.vsskit.vss.verify.disk.SnapshotAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The checks deep verify makes of one virtual disk file, through its public entry ({@link DeepVerifier} over a
 * {@link SnapshotAccess} that reads the file's folder as the snapshot; a differencing disk's parents are looked
 * up beside it). Each check keeps the disk verifier's own name: deep verify's access check and its
 * {@code "VM file: "} prefix are left out. A file deep verify cannot read throws, as reading it directly would.
 */
public final class DiskChecks {

    private static final String VM = "vm";

    private DiskChecks() {
    }

    public static List<CheckResult> of(Path file, boolean applicationConsistent) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        String name = file.getFileName().toString();
        BackupFacts backup = new BackupFacts("disk-checks", Instant.EPOCH, Instant.EPOCH, true, "OK",
                applicationConsistent, Optional.empty(), List.of(new BackupFacts.VolumeFact("D:\\", "test folder",
                        VssId.random(), true, true, "folder", "snapshot")), List.of());
        SnapshotAccess access = (volume, snapshot) -> new SnapshotAccess.Opened() {
            @Override
            public String description() {
                return "the folder " + folder;
            }

            @Override
            public ByteSource open(String pathInVolume) throws IOException {
                Path p = folder.resolve(pathInVolume);
                if (!Files.exists(p)) {
                    throw new NoSuchFileException(pathInVolume);
                }
                return ByteSource.open(p);
            }

            @Override
            public void close() {
            }
        };
        List<DeepVerifier.VmResult> results = new DeepVerifier(Clock.systemUTC()).verify(backup,
                List.of(new DeepVerifier.VmFiles(VM, List.of("D:\\" + name))), access, DeepVerifier.Listener.NONE);
        String prefix = VM + " " + name + ": ";
        List<CheckResult> out = new ArrayList<>();
        for (CheckResult c : results.get(0).checks()) {
            if (c.name().equals(VM + ": " + DeepVerifier.ACCESS)) {
                continue;
            }
            if (c.name().equals(prefix + DeepVerifier.FILE_READABLE)) {
                throw new IOException(c.evidence());
            }
            out.add(c.named(c.name().substring(prefix.length())));
        }
        return out;
    }
}
