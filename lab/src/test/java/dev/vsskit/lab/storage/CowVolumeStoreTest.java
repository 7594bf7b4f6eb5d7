package dev.vsskit.lab.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CowVolumeStoreTest {

    @TempDir
    Path dir;

    private CowVolumeStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private CowVolumeStore store() {
        store = CowVolumeStore.open(dir.resolve("Volume1"));
        return store;
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void snapshotKeepsOldBytesAfterInPlaceRewrite() throws IOException {
        CowVolumeStore s = store();
        byte[] original = random(3 * CowVolumeStore.BLOCK_SIZE + 123, 1);
        s.create("vm1/disk.vhdx", original);
        s.createSnapshot("snap1");

        byte[] patch = random(5000, 2);
        s.write("vm1/disk.vhdx", CowVolumeStore.BLOCK_SIZE - 100, patch); // straddles blocks 0 and 1
        s.write("vm1/disk.vhdx", original.length + 10, patch); // extends the file

        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("snap1", "vm1/disk.vhdx"))).isEqualTo(original);
        byte[] live = s.readLive("vm1/disk.vhdx");
        assertThat(Arrays.copyOfRange(live, CowVolumeStore.BLOCK_SIZE - 100, CowVolumeStore.BLOCK_SIZE - 100 + 5000))
                .isEqualTo(patch);
        // a second snapshot sees the patched bytes; the first still the original
        s.createSnapshot("snap2");
        s.replace("vm1/disk.vhdx", new byte[] {1, 2, 3});
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("snap2", "vm1/disk.vhdx"))).isEqualTo(live);
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("snap1", "vm1/disk.vhdx"))).isEqualTo(original);
        assertThat(s.readSnapshot("snap1", "vm1/disk.vhdx", 10, 20)).isEqualTo(Arrays.copyOfRange(original, 10, 30));
    }

    /** Auto-recovery's writes land in that snapshot only: not in the live file, not in another snapshot, kept on reopen. */
    @Test
    void aWriteIntoASnapshotChangesThatSnapshotOnly() throws IOException {
        CowVolumeStore s = store();
        byte[] original = random(2 * CowVolumeStore.BLOCK_SIZE + 77, 3);
        s.create("vm1/disk.vhdx", original);
        s.createSnapshot("snap1");
        s.createSnapshot("snap2");
        byte[] recovery = random(700, 4);
        s.writeSnapshot("snap1", "vm1/disk.vhdx", CowVolumeStore.BLOCK_SIZE - 300, recovery); // straddles two blocks

        byte[] expected = original.clone();
        System.arraycopy(recovery, 0, expected, CowVolumeStore.BLOCK_SIZE - 300, recovery.length);
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("snap1", "vm1/disk.vhdx"))).isEqualTo(expected);
        assertThat(s.readLive("vm1/disk.vhdx")).isEqualTo(original);
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("snap2", "vm1/disk.vhdx"))).isEqualTo(original);
        // a later live write does not disturb the snapshot's own blocks
        s.write("vm1/disk.vhdx", 0, new byte[2 * CowVolumeStore.BLOCK_SIZE]);
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("snap1", "vm1/disk.vhdx"))).isEqualTo(expected);
        s.close();
        assertThat(CowVolumeStore.readAll(store().openSnapshotFile("snap1", "vm1/disk.vhdx"))).isEqualTo(expected);
        assertThatThrownBy(() -> store.writeSnapshot("snap1", "vm1/disk.vhdx", original.length - 10, new byte[20]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the file holds");
    }

    @Test
    void snapshotOfLargeSparseFileCopiesNoData() throws IOException {
        CowVolumeStore s = store();
        Path big = s.dataDir().resolve("big.vhdx");
        long size = 64L * 1024 * 1024 * 1024; // 64 GiB, sparse
        try (RandomAccessFile raf = new RandomAccessFile(big.toFile(), "rw")) {
            raf.setLength(size);
            raf.seek(size - 4);
            raf.write(new byte[] {9, 9, 9, 9});
        }
        VolumeSnapshot snap = s.createSnapshot("s1");
        assertThat(snap.totalBytes()).isEqualTo(size);
        assertThat(folderBytes(s.root().resolve("snapshots"))).isLessThan(64 * 1024);

        s.write("big.vhdx", 40L * 1024 * 1024 * 1024, new byte[] {7, 7});
        // exactly one block preserved
        assertThat(folderBytes(s.root().resolve("snapshots"))).isLessThan(CowVolumeStore.BLOCK_SIZE + 64 * 1024);
        assertThat(s.readSnapshot("s1", "big.vhdx", 40L * 1024 * 1024 * 1024, 2)).containsExactly(0, 0);
        assertThat(s.readSnapshot("s1", "big.vhdx", size - 4, 10)).containsExactly(9, 9, 9, 9);
    }

    private static long folderBytes(Path p) throws IOException {
        try (var st = Files.walk(p)) {
            return st.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    @Test
    void restoreFileAndVolumeAreByteExact() throws IOException {
        CowVolumeStore s = store();
        byte[] a = random(200_000, 3);
        byte[] b = random(70_000, 4);
        s.create("vm1/a.vhdx", a);
        s.create("vm2/b.vmcx", b);
        s.createSnapshot("before");
        s.write("vm1/a.vhdx", 1000, random(100_000, 5));
        s.truncate("vm2/b.vmcx", 10);
        s.create("vm3/new.txt", new byte[] {1});

        s.restoreFile("before", "vm1/a.vhdx", "vm1/a-restored.vhdx");
        assertThat(s.readLive("vm1/a-restored.vhdx")).isEqualTo(a);
        assertThat(s.readLive("vm1/a.vhdx")).isNotEqualTo(a);

        s.restoreVolume("before");
        assertThat(s.liveFiles()).containsExactly("vm1/a.vhdx", "vm2/b.vmcx");
        assertThat(s.readLive("vm1/a.vhdx")).isEqualTo(a);
        assertThat(s.readLive("vm2/b.vmcx")).isEqualTo(b);
        // the snapshot still reads the same after its own restore
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("before", "vm2/b.vmcx"))).isEqualTo(b);
    }

    @Test
    void deleteSnapshotRemovesItAndSurvivesReopen() throws IOException {
        CowVolumeStore s = store();
        s.create("f", random(100, 6));
        s.createSnapshot("one");
        s.createSnapshot("two");
        s.write("f", 0, new byte[] {1});
        s.deleteSnapshot("one");
        assertThat(s.snapshots()).extracting(VolumeSnapshot::id).containsExactly("two");
        assertThat(Files.exists(s.root().resolve("snapshots/one"))).isFalse();
        assertThatThrownBy(() -> s.readSnapshot("one", "f", 0, 1)).hasMessageContaining("no snapshot one");

        s.close();
        CowVolumeStore again = store();
        assertThat(again).isNotSameAs(s);
        assertThat(again.snapshots()).extracting(VolumeSnapshot::id).containsExactly("two");
        assertThat(again.readSnapshot("two", "f", 0, 100)).isEqualTo(random(100, 6));
    }

    @Test
    void cloneShowsSnapshotFilesAndIsWritable() throws IOException {
        CowVolumeStore s = store();
        byte[] a = random(150_000, 7);
        s.create("vm/a", a);
        s.createSnapshot("s");
        s.replace("vm/a", new byte[] {0});
        CowVolumeStore clone = s.cloneSnapshot("s", dir.resolve("clone1"));
        try {
            assertThat(clone.readLive("vm/a")).isEqualTo(a);
            clone.write("vm/a", 0, new byte[] {42});
            assertThat(clone.readLive("vm/a")[0]).isEqualTo((byte) 42);
            assertThat(CowVolumeStore.readAll(s.openSnapshotFile("s", "vm/a"))).isEqualTo(a);
        } finally {
            clone.destroy();
        }
        assertThat(Files.exists(dir.resolve("clone1"))).isFalse();
    }

    @Test
    void outsideChangeMakesSnapshotReadFailInsteadOfLying() throws IOException {
        CowVolumeStore s = store();
        Path file = s.dataDir().resolve("x.vhdx");
        Files.write(file, random(100_000, 8)); // written directly, as lab init does
        s.createSnapshot("s");
        Files.write(file, random(100_000, 9)); // same size, outside the store
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThatThrownBy(() -> s.readSnapshot("s", "x.vhdx", 0, 10))
                .isInstanceOf(SnapshotDataUnavailableException.class)
                .hasMessageContaining("changed outside the volume store");
        // a later store write does not make the old snapshot trust the file again
        s.write("x.vhdx", 0, new byte[] {1});
        assertThatThrownBy(() -> s.readSnapshot("s", "x.vhdx", 0, 10))
                .isInstanceOf(SnapshotDataUnavailableException.class);
    }

    @Test
    void deletedFileStaysInSnapshot() throws IOException {
        CowVolumeStore s = store();
        byte[] a = random(90_000, 10);
        s.create("d/a", a);
        s.createSnapshot("s");
        s.delete("d/a");
        assertThat(s.liveFiles()).isEmpty();
        assertThat(CowVolumeStore.readAll(s.openSnapshotFile("s", "d/a"))).isEqualTo(a);
    }

    @Test
    void badInputIsRefusedClearly() {
        CowVolumeStore s = store();
        assertThatThrownBy(() -> s.create("../escape", new byte[0])).hasMessageContaining("'..' are not allowed");
        assertThatThrownBy(() -> s.createSnapshot("bad/id")).hasMessageContaining("invalid snapshot id");
    }
}
