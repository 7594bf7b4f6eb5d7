package dev.vsskit.vss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.vss.io.RecordJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record that only its own package names need not be public to go through the hand-written JSON (a lab
 * state file's marker, say): {@code RecordJson} is in another package, and reads and writes it all the same.
 */
class PackagePrivateRecordJsonTest {

    record Marker(VssId set, long pid, List<Entry> entries) {
    }

    record Entry(String name) {
    }

    @Test
    void aPackagePrivateRecordRoundTrips() throws Exception {
        Marker m = new Marker(VssId.random(), 42, List.of(new Entry("a"), new Entry("b")));
        String json = RecordJson.write(m);
        assertThat(json).contains("\"pid\": 42", "\"name\": \"b\"");
        assertThat(RecordJson.<Marker>read(json, Marker.class)).isEqualTo(m);
    }
}
