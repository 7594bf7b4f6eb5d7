package dev.vsskit.vss.verify.disk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.verify.BackupFacts;
import dev.vsskit.vss.verify.CheckResult;
import dev.vsskit.vss.verify.CheckStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How deep verify walks VMs and snapshot access: one clone per snapshot, always released, failures named. */
class DeepVerifierTest {

    static final Instant T0 = Instant.parse("2026-11-24T01:00:00Z");

    @TempDir
    Path dir;

    final List<String> log = new ArrayList<>();

    /** Serves files from {@code dir}; records opens and closes; can fail either. */
    final class FolderAccess implements SnapshotAccess {
        boolean failOpen;
        boolean failClose;

        @Override
        public Opened open(String volume, String snapshot) throws IOException {
            if (failOpen) {
                throw new IOException("cluster unreachable");
            }
            log.add("open " + volume + "@" + snapshot);
            return new Opened() {
                @Override
                public String description() {
                    return "test clone of " + volume + "@" + snapshot;
                }

                @Override
                public ByteSource open(String path) throws IOException {
                    return ByteSource.open(dir.resolve(path));
                }

                @Override
                public void close() throws IOException {
                    log.add("close " + volume + "@" + snapshot);
                    if (failClose) {
                        throw new IOException("volume busy");
                    }
                }
            };
        }
    }

    static BackupFacts backup(String storageVolume) {
        return new BackupFacts("b", T0, T0, true, "ok", true, Optional.of(VssId.random()),
                List.of(new BackupFacts.VolumeFact("C:\\ClusterStorage\\Volume1\\", "Data ONTAP VSS Hardware Provider",
                        VssId.random(), true, true, storageVolume, storageVolume.isEmpty() ? "" : "snap1")),
                List.of());
    }

    List<DeepVerifier.VmResult> run(BackupFacts b, SnapshotAccess access, DeepVerifier.VmFiles... vms) {
        return new DeepVerifier(Clock.fixed(T0, ZoneOffset.UTC)).verify(b, List.of(vms), access,
                DeepVerifier.Listener.NONE);
    }

    @Test
    void oneCloneServesEveryVmOfASnapshotAndIsReleasedAtTheEnd() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.write(dir.resolve("a/a.vhdx"), new byte[2 << 20]); // zeros: not a VHDX
        Files.createDirectories(dir.resolve("b"));
        Files.write(dir.resolve("b/b.vhdx"), new byte[2 << 20]);
        List<DeepVerifier.VmResult> r = run(backup("hv_csv1"), new FolderAccess(),
                new DeepVerifier.VmFiles("a", List.of("C:\\ClusterStorage\\Volume1\\a\\a.vhdx",
                        "C:\\ClusterStorage\\Volume1\\a\\a.vmcx")),
                new DeepVerifier.VmFiles("b", List.of("C:\\ClusterStorage\\Volume1\\b\\b.vhdx")));
        assertThat(log).containsExactly("open hv_csv1@snap1", "close hv_csv1@snap1");
        DeepVerifier.VmResult a = r.get(0);
        assertThat(a.access()).isEqualTo("test clone of hv_csv1@snap1");
        assertThat(a.checks().get(0)).satisfies(c -> {
            assertThat(c.name()).isEqualTo("a: snapshot access");
            assertThat(c.status()).isEqualTo(CheckStatus.PASS);
            assertThat(c.evidence()).contains("read through test clone of hv_csv1@snap1", "never the live files");
        });
        assertThat(a.checks()).extracting(CheckResult::name).contains("a a.vhdx: VHDX headers",
                "a a.vhdx: NTFS $Volume dirty flag");
        assertThat(a.checks()).filteredOn(c -> c.status() == CheckStatus.FAIL).extracting(CheckResult::name)
                .containsExactly("a a.vhdx: VHDX headers");
        assertThat(a.checks()).filteredOn(c -> c.name().endsWith("VHDX log")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).isEqualTo("skipped: no valid VHDX header"));
        assertThat(a.passed()).isFalse();
        assertThat(a.bytesRead()).isLessThan(64 * 1024);
    }

    @Test
    void anUnreachableSnapshotOrAVolumeOffTheStorageFailsTheAccessCheck() {
        FolderAccess access = new FolderAccess();
        access.failOpen = true;
        var vm = new DeepVerifier.VmFiles("a", List.of("C:\\ClusterStorage\\Volume1\\a\\a.vhdx"));
        assertThat(run(backup("hv_csv1"), access, vm).get(0).checks()).singleElement().satisfies(c -> {
            assertThat(c.status()).isEqualTo(CheckStatus.FAIL);
            assertThat(c.evidence()).contains("cannot open hv_csv1@snap1: cluster unreachable");
        });
        assertThat(run(backup(""), new FolderAccess(), vm).get(0).checks()).singleElement()
                .satisfies(c -> assertThat(c.evidence()).contains("not into a storage snapshot"));
        assertThat(run(backup("hv_csv1"), new FolderAccess(), new DeepVerifier.VmFiles("c", List.of("D:\\c.vmcx")))
                .get(0).checks()).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(CheckStatus.SKIP));
    }

    @Test
    void aCloneThatCannotBeReleasedIsReportedAndTheMissingFileFailsItsDisk() {
        FolderAccess access = new FolderAccess();
        access.failClose = true;
        var r = run(backup("hv_csv1"), access, new DeepVerifier.VmFiles("a", List.of(
                "C:\\ClusterStorage\\Volume1\\a\\gone.vhdx")));
        assertThat(log).containsExactly("open hv_csv1@snap1", "close hv_csv1@snap1");
        assertThat(r.get(0).checks()).extracting(CheckResult::name, CheckResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a: snapshot access", CheckStatus.PASS),
                org.assertj.core.groups.Tuple.tuple("a gone.vhdx: file readable in the snapshot", CheckStatus.FAIL),
                org.assertj.core.groups.Tuple.tuple("a: snapshot access released", CheckStatus.WARN));
        assertThat(r.get(0).checks().get(2).evidence()).contains("volume busy");
    }

    @Test
    void parentPathsResolveFromTheChildsFolder() {
        assertThat(DeepVerifier.resolve("vm/Virtual Hard Disks/", ".\\base.vhdx")).isEqualTo("vm/Virtual Hard Disks/base.vhdx");
        assertThat(DeepVerifier.resolve("vm/Virtual Hard Disks/", "..\\..\\gold\\base.vhdx")).isEqualTo("gold/base.vhdx");
        assertThat(DeepVerifier.resolve("", "base.vhdx")).isEqualTo("base.vhdx");
    }
}
