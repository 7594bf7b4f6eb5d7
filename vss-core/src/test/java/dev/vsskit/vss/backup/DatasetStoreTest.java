package dev.vsskit.vss.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetStoreTest {

    @Test
    void createListDeleteKeepsTheRestOfTheConfigFile(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"ontap\":{\"address\":\"cluster1.example\"}}");
        DatasetStore store = new DatasetStore(config);

        store.create(new Dataset(new DatasetName("prod"), List.of("sql01", "web01"), "nightly"));
        store.create(new Dataset(new DatasetName("app"), List.of("app01"), ""));

        assertThat(new DatasetStore(config).list()).extracting(d -> d.name().value()).containsExactly("app", "prod");
        assertThat(store.find("PROD").orElseThrow().vms()).containsExactly("sql01", "web01");
        assertThat(Files.readString(config)).contains("cluster1.example");

        assertThatThrownBy(() -> store.create(new Dataset(new DatasetName("Prod"), List.of("x"), "")))
                .hasMessageContaining("already exists");
        assertThat(store.delete("prod")).isTrue();
        assertThat(store.delete("prod")).isFalse();
        assertThat(store.list()).extracting(d -> d.name().value()).containsExactly("app");
    }

    @Test
    void aCorruptConfigFileIsReportedNotOverwritten(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"datasets\": [");
        DatasetStore store = new DatasetStore(config);
        assertThatThrownBy(store::list).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> store.create(new Dataset(new DatasetName("a"), List.of("x"), "")))
                .hasMessageContaining("not valid JSON");
        assertThat(Files.readString(config)).isEqualTo("{\"datasets\": [");
    }
}
