package dev.vsskit.lab.disk;

import static dev.vsskit.lab.internal.VhdxWriterTest.onPath;
import static dev.vsskit.lab.internal.VhdxWriterTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vsskit.lab.internal.GuestDisk;
import dev.vsskit.lab.internal.VhdxWriter;
import dev.vsskit.lab.storage.internal.SnapshotPatches;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import dev.vsskit.vss.verify.disk.ByteSource;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Deep verify's disk checks on the lab's guest disk, with independent tools as oracles on the same bytes:
 * qemu-img (MS-VHDX), sgdisk -v (GPT) and ntfsinfo/ntfsls (NTFS, on the partition cut from
 * {@code qemu-img convert -O raw}). An untouched disk passes both; each corruption fails exactly its named
 * check in vsskit and is refused or reported by the oracle.
 */
class GuestDiskOracleTest {

    @TempDir
    Path tmp;

    private Path labDisk() throws IOException {
        UUID id = UUID.fromString("5b1c3f0e-7a9d-4d2e-8f61-0123456789ab");
        Path file = tmp.resolve("vm.vhdx");
        VhdxWriter.write(file, GuestDisk.forVm(id), id, "vsskit test");
        return file;
    }

    private static List<CheckResult> verify(Path file, boolean applicationConsistent) throws IOException {
        return DiskChecks.of(file, applicationConsistent);
    }

    @Test
    void anUntouchedLabDiskPassesEveryCheck() throws IOException {
        List<CheckResult> findings = verify(labDisk(), true);
        assertThat(findings).extracting(CheckResult::name).containsExactly("VHDX headers", "VHDX region table",
                "VHDX metadata", "VHDX block allocation table", "VHDX log", "VHDX parent chain", "partition table",
                "NTFS boot sector (partition 1)", "NTFS $MFT record 0 (partition 1)",
                "NTFS $Volume dirty flag (partition 1)");
        assertThat(findings).filteredOn(f -> !f.name().equals("VHDX parent chain"))
                .allSatisfy(f -> assertThat(f.status()).as(f.name() + ": " + f.evidence()).isEqualTo(CheckStatus.PASS));
        assertThat(findings.get(6).evidence()).contains("GPT disk 5b1c3f0e-7a9d-4d2e-8f61-0123456789ab");
        assertThat(findings.get(9).evidence()).contains("clean");
    }

    @Test
    void theOraclesAcceptTheUntouchedDisk() throws Exception {
        assumeTools();
        Path file = labDisk();
        assertThat(run("qemu-img", "check", "-f", "vhdx", file.toString()).exit()).isZero();
        Path raw = raw(file);
        var sg = run("sgdisk", "-v", raw.toString());
        assertThat(sg.output()).contains("No problems found");
        Path part = partition(raw);
        var info = run("ntfsinfo", "-m", part.toString());
        assertThat(info.exit()).as(info.output()).isZero();
        assertThat(info.output()).contains("Volume Flags: 0x0000");
        assertThat(run("ntfsls", part.toString()).output()).contains("README.txt", "settings.reg", "data.bin");
    }

    @ParameterizedTest
    @EnumSource(DiskCorruption.class)
    void eachCorruptionFailsItsNamedCheckAndNothingElse(DiskCorruption corruption) throws IOException {
        Path file = corrupt(corruption);
        List<CheckResult> findings = verify(file, true);
        assertThat(findings).filteredOn(f -> f.status() == CheckStatus.FAIL).extracting(CheckResult::name)
                .as(findings.toString()).singleElement().satisfies(c -> assertThat(c).startsWith(corruption.check()));
    }

    @Test
    void garbageAnywhereInTheMetadataIsReportedNeverThrown() throws IOException {
        Path clean = labDisk();
        byte[] original = Files.readAllBytes(clean);
        java.util.Random random = new java.util.Random(17);
        // the header section, log, metadata and BAT (0-4 MiB) and the guest's first blocks (GPT, NTFS metadata)
        for (int i = 0; i < 300; i++) {
            byte[] bytes = original.clone();
            int at = random.nextInt(6 << 20);
            int len = 1 + random.nextInt(i % 3 == 0 ? 4096 : 16);
            for (int k = 0; k < len && at + k < bytes.length; k++) {
                bytes[at + k] = (byte) random.nextInt(256);
            }
            Path f = tmp.resolve("fuzz.vhdx");
            Files.write(f, bytes);
            List<CheckResult> checks = verify(f, true);
            assertThat(checks).as("garbage at " + at).extracting(CheckResult::name).contains("VHDX headers", "VHDX log",
                    "partition table").noneMatch(n -> n.contains("readable"));
        }
    }

    @Test
    void crashConsistentCopiesOnlyWarnAboutTheLogAndTheDirtyFlag() throws IOException {
        for (DiskCorruption c : List.of(DiskCorruption.LOG_REPLAY, DiskCorruption.NTFS_DIRTY)) {
            List<CheckResult> findings = verify(corrupt(c), false);
            assertThat(findings).noneMatch(f -> f.status() == CheckStatus.FAIL);
            assertThat(findings).filteredOn(f -> f.status() == CheckStatus.WARN).extracting(CheckResult::name)
                    .singleElement().satisfies(x -> assertThat(x).startsWith(c.check()));
        }
    }

    @ParameterizedTest
    @EnumSource(DiskCorruption.class)
    void theOracleAgrees(DiskCorruption corruption) throws Exception {
        assumeTools();
        Path file = corrupt(corruption);
        switch (corruption) {
            case TORN_HEADER -> {
                // qemu, like Hyper-V, opens the disk from the other header: proof the damage is in one copy only
                var info = run("qemu-img", "info", "--output=json", "-f", "vhdx", file.toString());
                assertThat(info.exit()).as(info.output()).isZero();
                assertThat(verify(file, true).get(0).evidence()).contains("active header 1");
            }
            case BAD_BAT -> {
                var check = run("qemu-img", "check", "-f", "vhdx", file.toString());
                assertThat(check.exit()).as(check.output()).isNotZero();
                assertThat(check.output()).containsIgnoringCase("end of file");
            }
            case LOG_REPLAY -> {
                var info = run("qemu-img", "info", "-f", "vhdx", file.toString());
                assertThat(info.exit()).isNotZero();
                assertThat(info.output()).contains("log that needs to be replayed");
                // and after qemu replays it, the log is empty and every check passes again
                assertThat(run("qemu-img", "check", "-r", "all", "-f", "vhdx", file.toString()).exit()).isZero();
                assertThat(verify(file, true)).noneMatch(f -> f.status() == CheckStatus.FAIL);
            }
            case ZERO_GPT -> {
                var sg = run("sgdisk", "-v", raw(file).toString());
                // sgdisk reads the backup copy, as vsskit's evidence says a reader would
                assertThat(sg.output()).contains("invalid main GPT header", "Main header: ERROR", "Backup header: OK");
                assertThat(verify(file, true).get(6).evidence()).contains("primary header (LBA 1): all zeros",
                        "a reader uses the valid copy");
            }
            case NTFS_BOOT -> {
                var info = run("ntfsinfo", "-m", partition(raw(file)).toString());
                assertThat(info.exit()).isNotZero();
                assertThat(info.output()).contains("NTFS signature is missing");
            }
            case NTFS_DIRTY -> {
                Path part = partition(raw(file));
                var refused = run("ntfsinfo", "-m", part.toString());
                assertThat(refused.exit()).isNotZero();
                assertThat(refused.output()).contains("scheduled for check");
                assertThat(run("ntfsinfo", "-f", "-m", part.toString()).output()).contains("Volume Flags: 0x0001");
            }
        }
    }

    private Path corrupt(DiskCorruption c) throws IOException {
        Path file = labDisk();
        List<SnapshotPatches.Patch> patches;
        try (ByteSource src = ByteSource.open(file)) {
            patches = DiskFaults.patches(c, "vm.vhdx", src);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            for (SnapshotPatches.Patch p : patches) {
                f.seek(p.offset());
                f.write(p.bytes());
            }
        }
        return file;
    }

    private Path raw(Path vhdx) throws Exception {
        Path raw = tmp.resolve(vhdx.getFileName() + ".raw");
        var r = run("qemu-img", "convert", "-f", "vhdx", "-O", "raw", vhdx.toString(), raw.toString());
        assertThat(r.exit()).as(r.output()).isZero();
        return raw;
    }

    /** The NTFS partition (GPT entry 1: LBA 2048 to the last usable LBA) as a file of its own. */
    private Path partition(Path raw) throws IOException {
        byte[] disk = Files.readAllBytes(raw);
        int from = 2048 * 512;
        int to = GuestDisk.SIZE - 33 * 512; // the last usable LBA is the 34th from the end
        Path part = tmp.resolve(raw.getFileName() + ".part");
        Files.write(part, java.util.Arrays.copyOfRange(disk, from, to));
        return part;
    }

    private static void assumeTools() {
        for (String t : List.of("qemu-img", "sgdisk", "ntfsinfo", "ntfsls")) {
            assumeTrue(onPath(t), "skipped: " + t + " is absent (apt-get install qemu-utils gdisk ntfs-3g; .ci/run"
                    + " installs them)");
        }
    }
}
