package dev.vsskit.vss.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.VssId;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import dev.vsskit.vss.io.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCatalogTest {

    @TempDir
    Path dir;

    static BackupRecord record(String name, Instant started, String outcome) {
        VssId set = VssId.random();
        return new BackupRecord(name, started, started.plusSeconds(42), Optional.of("nightly"),
                List.of("sql01", "web01"), true, Optional.of(set),
                List.of(new BackupRecord.VolumeEntry("C:\\ClusterStorage\\Volume1\\", VssId.random(),
                        "Data ONTAP VSS Hardware Provider", VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}"),
                        true, true, "hv_csv1", "vsskit_" + set.bare())),
                List.of(new BackupRecord.WriterEntry("Microsoft Hyper-V VSS Writer",
                        VssId.parse("{66841cd4-6ded-4f4b-8f17-fd23f8ddc3de}"), WriterState.STABLE, WriterError.NO_ERROR)),
                Duration.ofMillis(812), true, outcome);
    }

    @Test
    void aBackupsComponentsDocumentIsKeptBySnapshotSetAndGoesWithItsRecord() {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord kept = record("kept", Instant.parse("2026-11-24T02:00:00Z"), "succeeded");
        BackupRecord gone = record("gone", Instant.parse("2026-11-25T02:00:00Z"), "succeeded");
        c.create(kept);
        c.create(gone);
        c.writeDocument(kept.snapshotSetId().orElseThrow(), "<BackupComponents>kept</BackupComponents>");
        c.writeDocument(gone.snapshotSetId().orElseThrow(), "<BackupComponents>gone</BackupComponents>");
        assertThat(c.document(gone.snapshotSetId().orElseThrow())).contains("<BackupComponents>gone</BackupComponents>");
        assertThat(c.delete("gone")).isTrue();
        assertThat(c.document(gone.snapshotSetId().orElseThrow())).isEmpty();
        assertThat(c.document(kept.snapshotSetId().orElseThrow())).contains("<BackupComponents>kept</BackupComponents>");
        assertThat(c.document(VssId.random())).isEmpty();
    }

    @Test
    void savedRecordsReadBackExactlyOldestFirst() {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord later = record("HV_nightly_11-24-2026_02.00.00", Instant.parse("2026-11-24T02:00:00Z"), "succeeded");
        BackupRecord earlier = record("HV_nightly_11-23-2026_02.00.00", Instant.parse("2026-11-23T02:00:00Z"), "succeeded");
        c.create(later);
        c.create(earlier);
        CatalogListing l = c.list();
        assertThat(l.records()).containsExactly(earlier, later);
        assertThat(l.problems()).isEmpty();
        assertThat(c.find(later.name())).contains(later);
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly(earlier.name(), later.name());
        assertThat(c.delete(earlier.name())).isTrue();
        assertThat(c.delete(earlier.name())).isFalse();
        assertThat(c.list().records()).containsExactly(later);
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly(later.name());
    }

    @Test
    void deepVerificationIsKeptPerVmAndTheLatestReplacesTheOlder() {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord r = record("deep", Instant.parse("2026-11-24T02:00:00Z"), "succeeded");
        c.create(r);
        var check = new dev.vsskit.vss.verify.CheckResult("sql01 sql01.vhdx: VHDX log",
                dev.vsskit.vss.verify.CheckStatus.FAIL, "needs replay", "");
        var first = new BackupRecord.VmVerification("sql01", Instant.parse("2026-11-24T03:00:00Z"),
                "FlexClone vsskit_verify_0a0b0c0d of hv_csv1", false, 242_800, List.of(check));
        c.addDeepVerification("deep", List.of(first));
        assertThat(c.find("deep").orElseThrow().deepVerification()).containsExactly(first);
        var again = new BackupRecord.VmVerification("sql01", Instant.parse("2026-11-24T04:00:00Z"), "FlexClone x",
                true, 1, List.of());
        var web = new BackupRecord.VmVerification("web01", Instant.parse("2026-11-24T04:00:00Z"), "FlexClone x",
                true, 1, List.of());
        assertThat(c.addDeepVerification("deep", List.of(again, web)).deepVerification()).containsExactly(again, web);
        BackupRecord read = c.find("deep").orElseThrow();
        assertThat(read.deepVerification()).containsExactly(again, web);
        assertThat(read.withDeepVerification(List.of())).isEqualTo(read);
        assertThat(r.deepVerification()).isEmpty();
        assertThat(c.list().records()).hasSize(1);
        assertThat(c.list().problems()).isEmpty();
        assertThatThrownBy(() -> c.addDeepVerification("nosuch", List.of(web))).hasMessageContaining("no backup record");
    }

    @Test
    void indexIsRebuiltWhenMissingOrStale() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord a = record("a", Instant.parse("2026-11-20T00:00:00Z"), "succeeded");
        c.create(a);
        Files.delete(dir.resolve(BackupCatalog.INDEX));
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("a");
        assertThat(dir.resolve(BackupCatalog.INDEX)).exists();
        // Another writer (or a crash between record and index) added a record without updating the index.
        BackupRecord b = record("b", Instant.parse("2026-11-21T00:00:00Z"), "succeeded");
        AtomicFiles.writeString(dir.resolve("b.json"), BackupRecordJson.toJson(b).toString());
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("a", "b");
        // A garbage index is replaced, not trusted.
        Files.writeString(dir.resolve(BackupCatalog.INDEX), "{\"format\":1,\"entries\":[{\"nam");
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("a", "b");
    }

    @Test
    void aCorruptRecordIsReportedAndSkipped() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord good = record("good", Instant.parse("2026-11-20T00:00:00Z"), "succeeded");
        c.create(good);
        Files.writeString(dir.resolve("bad.json"), "{\"format\":1,\"name\":\"bad\"}");
        Files.writeString(dir.resolve("garbage.json"), "\u0000\u0001not json");
        CatalogListing l = c.list();
        assertThat(l.records()).containsExactly(good);
        assertThat(l.problems()).extracting(p -> p.file().getFileName().toString())
                .containsExactly("bad.json", "garbage.json");
        assertThat(l.problems().get(0).message()).contains("missing or bad field");
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("good");
    }

    @Test
    void aCorruptRecordDoesNotMakeEveryReadRebuildTheIndex() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        c.create(record("good", Instant.parse("2026-11-20T00:00:00Z"), "succeeded"));
        Files.writeString(dir.resolve("bad.json"), "{\"format\":1,\"name\":\"bad\"}");
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("good"); // rebuilt: a new file
        Path index = dir.resolve(BackupCatalog.INDEX);
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));
        Files.setLastModifiedTime(index, old);
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("good");
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("good");
        assertThat(Files.getLastModifiedTime(index)).as("index.json rewritten although nothing changed").isEqualTo(old);
        // The corrupt file changes (repaired by hand): the index is rebuilt and takes the record in.
        AtomicFiles.writeString(dir.resolve("bad.json"), BackupRecordJson.toJson(record("bad",
                Instant.parse("2026-11-21T00:00:00Z"), "succeeded")).toString());
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("good", "bad");
    }

    @Test
    void newestWalksTheIndexNewestFirst() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        assertThat(c.newest(false, r -> true)).isEmpty();
        c.create(record("a", Instant.parse("2026-11-20T00:00:00Z"), "succeeded"));
        c.create(record("c", Instant.parse("2026-11-22T00:00:00Z"), "succeeded"));
        c.create(record("b", Instant.parse("2026-11-22T00:00:00Z"), "succeeded")); // same time as c: b first by name
        BackupRecord d = record("d", Instant.parse("2026-11-23T00:00:00Z"), "failed");
        c.create(new BackupRecord(d.name(), d.started(), d.finished(), d.dataset(), d.vms(), d.applicationConsistent(),
                d.snapshotSetId(), d.volumes(), d.writers(), d.commitDuration(), false, "failed"));
        Files.writeString(dir.resolve("e.json"), "{\"format\":1,\"name\":\"e\"}"); // corrupt: never chosen
        assertThat(c.newest(false, r -> true)).map(BackupRecord::name).contains("d");
        assertThat(c.newest(true, r -> true)).map(BackupRecord::name).contains("b");
        assertThat(c.newest(true, r -> !r.name().equals("b"))).map(BackupRecord::name).contains("c");
        assertThat(c.newest(true, r -> r.name().equals("a"))).map(BackupRecord::name).contains("a");
        assertThat(c.newest(true, r -> false)).isEmpty();
        // The same choice as the full listing makes.
        assertThat(c.newest(true, r -> true)).contains(c.list().records().stream().filter(BackupRecord::succeeded)
                .max(java.util.Comparator.comparing(BackupRecord::started)).orElseThrow());
    }

    @Test
    void aCrashWhileCreatingARecordLeavesNoneAndTheRetriedCreateWritesIt() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord r = record("job", Instant.parse("2026-11-20T00:00:00Z"), "succeeded");
        // A crash mid-write: AtomicFiles had written half the temp file, no link yet.
        byte[] bytes = BackupRecordJson.toJson(r).toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(dir);
        Files.write(dir.resolve("job.json.4242.1" + AtomicFiles.TEMP_SUFFIX), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        BackupCatalog afterRestart = new BackupCatalog(dir);
        assertThat(afterRestart.list().records()).isEmpty();
        assertThat(afterRestart.list().problems()).isEmpty();
        afterRestart.create(r);
        assertThat(afterRestart.find("job")).contains(r);
    }

    @Test
    void aRecordIsNeverOverwritten() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord first = record("HV-LAB-01_12-06-2026_20.00.00", Instant.parse("2026-12-06T20:00:00Z"), "first");
        c.create(first);
        byte[] before = Files.readAllBytes(dir.resolve(first.name() + ".json"));
        BackupRecord second = record(first.name(), first.started(), "second");
        assertThatThrownBy(() -> c.create(second)).isInstanceOf(BackupCatalog.RecordExistsException.class)
                .hasMessageContaining("exists already");
        assertThat(Files.readAllBytes(dir.resolve(first.name() + ".json"))).isEqualTo(before);
        assertThat(c.find(first.name())).contains(first);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(AtomicFiles.TEMP_SUFFIX));
        }
    }

    @Test
    void manyThreadsCreatingOneNameLeaveExactlyOneRecord() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        String name = "HV-LAB-01_12-06-2026_20.00.00";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<java.util.concurrent.Future<?>> all = new java.util.ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String outcome = "writer " + i;
            all.add(pool.submit(() -> {
                try {
                    new BackupCatalog(dir).create(record(name, Instant.parse("2026-12-06T20:00:00Z"), outcome));
                    created.incrementAndGet();
                } catch (BackupCatalog.RecordExistsException expected) {
                    // lost the race: nothing written
                }
            }));
        }
        for (var f : all) {
            f.get();
        }
        pool.shutdown();
        assertThat(created).hasValue(1);
        assertThat(c.list().records()).hasSize(1);
    }

    @Test
    void aNameIsHeldByOneJobUntilItsRecordIsWritten() {
        BackupCatalog c = new BackupCatalog(dir);
        String name = "HV-LAB-01_12-06-2026_20.00.00";
        try (BackupCatalog.Reservation held = c.reserve(name).orElseThrow()) {
            assertThat(new BackupCatalog(dir).reserve(name)).as("held by a running job").isEmpty();
            c.create(record(name + ".try1", Instant.parse("2026-12-06T20:00:00Z"), "transient"));
        }
        assertThat(c.reserve(name)).as("a retried attempt's record keeps the name taken").isEmpty();
        assertThat(c.reserve("other")).isPresent();
    }

    @Test
    void aNameHeldByADeadProcessIsTakenOver() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        Path hold = dir.resolve(BackupCatalog.RESERVED).resolve("x.json");
        Files.createDirectories(hold.getParent());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.waitFor();
        Files.writeString(hold, p.pid() + "\n");
        assertThat(c.reserve("x")).isPresent();
    }

    @Test
    void aNameHeldByADeadProcessWhoseIdWasGivenToAnotherIsTakenOverAndALiveHolderKeepsIt() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        Path hold = dir.resolve(BackupCatalog.RESERVED).resolve("x.json");
        Files.createDirectories(hold.getParent());
        Instant myStart = ProcessHandle.current().info().startInstant().orElseThrow();
        Files.writeString(hold, ProcessHandle.current().pid() + " " + myStart.minusSeconds(3600) + "\n");
        try (BackupCatalog.Reservation r = c.reserve("x").orElseThrow()) {
            assertThat(Files.readString(hold)).as("the new hold names its process and its start")
                    .isEqualTo(ProcessHandle.current().pid() + " " + myStart + "\n");
            assertThat(new BackupCatalog(dir).reserve("x")).as("held by a process that runs").isEmpty();
        }
        Files.writeString(hold, ProcessHandle.current().pid() + "\n");
        assertThat(c.reserve("x")).as("a hold written before start times were kept: the id alone decides").isEmpty();
    }

    @Test
    void recordNamesBecomeSafeFileNames() {
        assertThat(BackupCatalog.fileName("HV/nightly:11-24 02.00")).isEqualTo("HV_nightly_11-24_02.00.json");
    }

    @Test
    void recordsConvertToVerificationFacts() {
        BackupRecord r = record("x", Instant.parse("2026-11-20T00:00:00Z"), "succeeded");
        var facts = r.toFacts();
        assertThat(facts.volumes()).singleElement().satisfies(v -> assertThat(v.storageVolume()).isEqualTo("hv_csv1"));
        assertThat(facts.writers()).singleElement().satisfies(w -> assertThat(w.state()).isEqualTo(WriterState.STABLE));
    }
}
