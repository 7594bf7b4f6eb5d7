package dev.vsskit.vss.catalog;

import static org.assertj.core.api.Assertions.assertThat;

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
    void savedRecordsReadBackExactlyOldestFirst() {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord later = record("HV_nightly_11-24-2026_02.00.00", Instant.parse("2026-11-24T02:00:00Z"), "succeeded");
        BackupRecord earlier = record("HV_nightly_11-23-2026_02.00.00", Instant.parse("2026-11-23T02:00:00Z"), "succeeded");
        c.save(later);
        c.save(earlier);
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
        c.save(r);
        var check = new dev.vsskit.vss.verify.CheckResult("sql01 sql01.vhdx: VHDX log",
                dev.vsskit.vss.verify.CheckStatus.FAIL, "needs replay", "");
        var first = new BackupRecord.VmVerification("sql01", Instant.parse("2026-11-24T03:00:00Z"),
                "FlexClone vsskit_verify_0a0b0c0d of hv_csv1", false, 242_800, List.of(check));
        c.save(c.find("deep").orElseThrow().withDeepVerification(List.of(first)));
        assertThat(c.find("deep").orElseThrow().deepVerification()).containsExactly(first);
        var again = new BackupRecord.VmVerification("sql01", Instant.parse("2026-11-24T04:00:00Z"), "FlexClone x",
                true, 1, List.of());
        var web = new BackupRecord.VmVerification("web01", Instant.parse("2026-11-24T04:00:00Z"), "FlexClone x",
                true, 1, List.of());
        c.save(c.find("deep").orElseThrow().withDeepVerification(List.of(again, web)));
        assertThat(c.find("deep").orElseThrow().deepVerification()).containsExactly(again, web);
        assertThat(c.find("deep").orElseThrow().withDeepVerification(List.of()).deepVerification()).hasSize(2);
        assertThat(record("plain", Instant.parse("2026-11-24T02:00:00Z"), "succeeded").deepVerification()).isEmpty();
    }

    @Test
    void indexIsRebuiltWhenMissingOrStale() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord a = record("a", Instant.parse("2026-11-20T00:00:00Z"), "succeeded");
        c.save(a);
        Files.delete(dir.resolve(BackupCatalog.INDEX));
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("a");
        assertThat(dir.resolve(BackupCatalog.INDEX)).exists();
        // Another writer (or a crash between record and index) added a record without updating the index.
        BackupRecord b = record("b", Instant.parse("2026-11-21T00:00:00Z"), "succeeded");
        AtomicFiles.writeString(dir.resolve("b.json"), RecordJson.toJson(b).toString());
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("a", "b");
        // A garbage index is replaced, not trusted.
        Files.writeString(dir.resolve(BackupCatalog.INDEX), "{\"format\":1,\"entries\":[{\"nam");
        assertThat(c.index()).extracting(CatalogIndexEntry::name).containsExactly("a", "b");
    }

    @Test
    void aCorruptRecordIsReportedAndSkipped() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord good = record("good", Instant.parse("2026-11-20T00:00:00Z"), "succeeded");
        c.save(good);
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
    void aCrashWhileReplacingARecordLeavesTheOldOneWhole() throws Exception {
        BackupCatalog c = new BackupCatalog(dir);
        BackupRecord old = record("job", Instant.parse("2026-11-20T00:00:00Z"), "running");
        c.save(old);
        byte[] oldBytes = Files.readAllBytes(dir.resolve("job.json"));
        // A crash mid-write of the new version: AtomicFiles had written half the temp file, no rename yet.
        BackupRecord updated = record("job", old.started(), "succeeded");
        byte[] newBytes = RecordJson.toJson(updated).toString().getBytes(StandardCharsets.UTF_8);
        Path temp = dir.resolve("job.json.4242.1" + AtomicFiles.TEMP_SUFFIX);
        Files.write(temp, java.util.Arrays.copyOf(newBytes, newBytes.length / 2));
        BackupCatalog afterRestart = new BackupCatalog(dir);
        assertThat(afterRestart.list().records()).containsExactly(old);
        assertThat(afterRestart.list().problems()).isEmpty();
        assertThat(Files.readAllBytes(dir.resolve("job.json"))).isEqualTo(oldBytes);
        // The retried save replaces it entirely.
        afterRestart.save(updated);
        assertThat(afterRestart.find("job")).contains(updated);
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
