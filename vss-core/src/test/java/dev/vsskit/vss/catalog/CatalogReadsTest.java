package dev.vsskit.vss.catalog;

import static dev.vsskit.vss.catalog.BackupCatalogTest.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many record files each catalog operation parses, counted through the catalog's read listener: the
 * listing, retention's choice, {@code verify --last} and {@code restore --backup latest} must not read every
 * record (bench/catalog.sh times the same at 10,000 records).
 */
class CatalogReadsTest {

    private static final int RECORDS = 60;

    @TempDir
    Path dir;

    private final List<Path> reads = new ArrayList<>();

    @BeforeEach
    void fill() {
        BackupCatalog writer = new BackupCatalog(dir, reads::add);
        Instant t = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 0; i < RECORDS; i++) {
            BackupRecord r = record(String.format("HV_nightly_%03d", i), t.plusSeconds(3600L * i), "succeeded");
            if (i == RECORDS - 1) {
                // the newest backup holds only app01
                r = new BackupRecord(r.name(), r.started(), r.finished(), r.dataset(), List.of("app01"),
                        r.applicationConsistent(), r.snapshotSetId(), r.volumes(), r.writers(), r.commitDuration(),
                        r.succeeded(), r.outcome());
            }
            writer.create(r);
        }
        // only the first create, with no index yet, builds it from the folder (that one record)
        assertThat(reads).as("records read to keep the index while creating " + RECORDS).hasSizeLessThanOrEqualTo(1);
    }

    private BackupCatalog catalog() {
        reads.clear();
        return new BackupCatalog(dir, reads::add);
    }

    @Test
    void theListingComesFromTheIndexAlone() {
        CatalogSummaries s = catalog().summaries();
        assertThat(s.backups()).hasSize(RECORDS);
        assertThat(s.backups().get(0)).isEqualTo(BackupSummary.of(catalog().find("HV_nightly_000").orElseThrow()));
        reads.clear();
        catalog().summaries();
        assertThat(reads).isEmpty();
    }

    @Test
    void newestReadsOneRecordAndChoosesByTheIndex() {
        BackupCatalog c = catalog();
        assertThat(c.newest(false, r -> true)).map(BackupRecord::name).contains("HV_nightly_059");
        assertThat(reads).hasSize(1);

        // restore --backup latest --vm sql01: the newest record holds app01 only; the index says so, unread
        reads.clear();
        assertThat(c.newest(s -> s.succeeded() && s.holds("sql01"), r -> true)).map(BackupRecord::name)
                .contains("HV_nightly_058");
        assertThat(reads).extracting(p -> p.getFileName().toString()).containsExactly("HV_nightly_058.json");
    }

    @Test
    void retentionsChoiceReadsNoRecordAndDeletingOneReadsNoOther() {
        BackupCatalog c = catalog();
        assertThat(c.index()).hasSize(RECORDS);
        assertThat(c.delete("HV_nightly_000")).isTrue();
        assertThat(c.index()).hasSize(RECORDS - 1);
        // delete takes the snapshot set of the record's Backup Components Document from the index: it reads no record
        assertThat(reads).isEmpty();
    }

    @Test
    void aCorruptRecordIsReadOnceNotOnEveryListing() throws Exception {
        Files.writeString(dir.resolve("broken.json"), "{\"format\":1,\"name\":");
        BackupCatalog c = catalog();
        CatalogSummaries first = c.summaries();
        assertThat(first.problems()).singleElement().satisfies(p -> {
            assertThat(p.file().getFileName().toString()).isEqualTo("broken.json");
            assertThat(p.message()).startsWith("corrupt backup record, skipped (");
        });
        assertThat(reads).as("the first read after the new file rebuilds the index").hasSize(RECORDS + 1);
        reads.clear();
        for (int i = 0; i < 3; i++) {
            assertThat(c.summaries().problems()).hasSize(1);
            assertThat(c.newest(false, r -> true)).isPresent();
        }
        assertThat(reads).as("three listings and three newest() with a corrupt record present")
                .extracting(p -> p.getFileName().toString()).containsOnly("HV_nightly_059.json").hasSize(3);
    }

    @Test
    void aStaleIndexIsStillRebuilt() throws Exception {
        Files.delete(dir.resolve("HV_nightly_010.json"));
        assertThat(catalog().summaries().backups()).hasSize(RECORDS - 1);
        assertThat(reads).hasSize(RECORDS - 1);
        Files.delete(dir.resolve(BackupCatalog.INDEX));
        BackupCatalog c = catalog();
        c.create(record("new", Instant.parse("2027-01-01T00:00:00Z"), "succeeded"));
        assertThat(c.index()).hasSize(RECORDS);
        assertThat(c.find("new")).map(BackupRecord::name).isEqualTo(Optional.of("new"));
    }
}
