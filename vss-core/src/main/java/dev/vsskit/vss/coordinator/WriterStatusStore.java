package dev.vsskit.vss.coordinator;

import dev.vsskit.vss.Writer;
import java.util.List;

/**
 * Where writers' last states are kept between processes, so {@code list writers} shows a failure after
 * the backup that caused it has ended (the lab keeps them in {@code <lab>/vss/writers.json}).
 */
public interface WriterStatusStore {

    /** The last saved statuses (empty when none). */
    List<Writer> load();

    void save(List<Writer> writers);

    static WriterStatusStore inMemory() {
        return new WriterStatusStore() {
            private volatile List<Writer> saved = List.of();

            @Override
            public List<Writer> load() {
                return saved;
            }

            @Override
            public void save(List<Writer> writers) {
                saved = List.copyOf(writers);
            }
        };
    }
}
