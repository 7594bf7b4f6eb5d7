package dev.vsskit.vss.catalog;

import static dev.vsskit.vss.catalog.BackupCatalogTest.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateAllTest {

    @TempDir
    Path dir;

    @Test
    void manyRecordsAreWrittenAsCreateWritesThemWithOneIndexUpdate() {
        BackupCatalog c = new BackupCatalog(dir);
        c.create(record("first", Instant.parse("2026-11-01T00:00:00Z"), "succeeded"));
        List<BackupRecord> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(record("r" + i, Instant.parse("2026-11-02T00:00:00Z").plusSeconds(i), "succeeded"));
        }
        c.createAll(batch);
        List<Path> reads = new ArrayList<>();
        BackupCatalog fresh = new BackupCatalog(dir, reads::add);
        assertThat(fresh.summaries().backups()).hasSize(21);
        assertThat(reads).as("the index is current: nothing to rebuild").isEmpty();
        assertThat(fresh.find("r7")).contains(batch.get(7));
    }

    @Test
    void aNameThatExistsStopsTheImportAndWhatCameBeforeIsIndexed() {
        BackupCatalog c = new BackupCatalog(dir);
        c.create(record("taken", Instant.parse("2026-11-01T00:00:00Z"), "succeeded"));
        List<BackupRecord> batch = List.of(record("a", Instant.parse("2026-11-02T00:00:00Z"), "succeeded"),
                record("taken", Instant.parse("2026-11-03T00:00:00Z"), "succeeded"),
                record("b", Instant.parse("2026-11-04T00:00:00Z"), "succeeded"));
        assertThatThrownBy(() -> c.createAll(batch)).isInstanceOf(BackupCatalog.RecordExistsException.class);
        List<Path> reads = new ArrayList<>();
        assertThat(new BackupCatalog(dir, reads::add).index()).extracting(CatalogIndexEntry::name)
                .containsExactly("taken", "a");
        assertThat(reads).isEmpty();
    }
}
