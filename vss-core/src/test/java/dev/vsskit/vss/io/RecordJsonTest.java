package dev.vsskit.vss.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vsskit.vss.Provider;
import dev.vsskit.vss.ProviderType;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

    static final Shadow SHADOW = new Shadow(VssId.parse("{d8a11619-474f-40ae-a5a0-c2faa1d78b85}"),
            VssId.parse("{0c404084-8ace-4cb8-a7ed-7d7ec659bb5f}"), 1, Instant.parse("2022-05-31T13:45:05.123Z"), "C:\\",
            "\\\\?\\Volume{19127295-0000-0000-0000-100000000000}\\", "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1",
            "host", null, VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}"), "Microsoft Software Shadow Copy provider 1.0",
            SnapshotContext.CLIENT_ACCESSIBLE,
            SnapshotContext.CLIENT_ACCESSIBLE.attributes().with(VolumeSnapshotAttributes.DIFFERENTIAL));

    @Test
    void recordsRoundTrip() throws Exception {
        String json = RecordJson.write(List.of(SHADOW));
        assertThat(json).contains("\"shadowId\": \"{d8a11619-474f-40ae-a5a0-c2faa1d78b85}\"",
                "\"created\": \"2022-05-31T13:45:05.123Z\"", "\"context\": \"CLIENT_ACCESSIBLE\"",
                "\"attributes\": 131101", "\"serviceMachine\": null");
        List<Shadow> back = RecordJson.read(json, RecordJson.listOf(Shadow.class));
        assertThat(back).containsExactly(SHADOW);

        Writer w = new Writer("System Writer", VssId.random(), VssId.random(), WriterState.FAILED_AT_FREEZE,
                WriterError.TIMED_OUT);
        assertThat(RecordJson.<Writer>read(RecordJson.write(w), Writer.class)).isEqualTo(w);
    }

    record Item(String name, int size) {
    }

    record Box(String label, List<Item> items, List<String> tags, List<List<Item>> grid, List<?> loose) {
    }

    @Test
    void listComponentsKeepTheirElementTypesSimpleOrNested() throws Exception {
        Box box = new Box("b", List.of(new Item("x", 1)), List.of("t"), List.of(List.of(new Item("y", 2))),
                List.of("any", 3L));
        Box back = RecordJson.read(RecordJson.write(box), Box.class);
        assertThat(back).isEqualTo(box);
        assertThat(back.items().get(0)).isInstanceOf(Item.class);
        assertThat(back.grid().get(0).get(0)).isInstanceOf(Item.class); // nested: the JDK's signature reading
        assertThatThrownBy(() -> RecordJson.read("{\"items\": [{\"name\": 5}]}", Box.class))
                .hasMessage("$.items[0].name: expected a string, found 5");
    }

    @Test
    void unknownFieldsAreIgnoredAndIdsParseCaseInsensitively() throws Exception {
        Provider p = RecordJson.read("{\"name\": \"P\", \"type\": \"HARDWARE\", \"extra\": [1],"
                + " \"id\": \"{DDD3D232-A96F-4AC5-8F7B-250FD91FD102}\", \"version\": \"7\"}", Provider.class);
        assertThat(p).isEqualTo(new Provider("P", ProviderType.HARDWARE,
                VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}"), "7"));
    }

    @Test
    void errorsNameThePathAndWhatWasExpected() {
        assertThatThrownBy(() -> RecordJson.read("[{\"name\": \"P\", \"type\": \"HARDWARE\", \"id\": \"nope\", "
                + "\"version\": \"7\"}]", RecordJson.listOf(Provider.class)))
                .isInstanceOf(RecordJson.MappingException.class)
                .hasMessage("$[0].id: expected a GUID, found \"nope\"");
        assertThatThrownBy(() -> RecordJson.read("{\"name\": \"P\", \"type\": \"BIG\", \"id\": \"{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}\", "
                + "\"version\": \"7\"}", Provider.class))
                .hasMessageStartingWith("$.type: expected one of [UNKNOWN, SYSTEM");
        assertThatThrownBy(() -> RecordJson.read("{\"type\": \"SYSTEM\"}", Provider.class))
                .hasMessage("$: missing field 'name'");
        assertThatThrownBy(() -> RecordJson.read("{\"shadowsInSet\": \"one\"}", Shadow.class))
                .hasMessage("$.shadowsInSet: expected an integer, found \"one\"");
        assertThatThrownBy(() -> RecordJson.read("[]", Provider.class)).hasMessage("$: expected an object, found an array");
        assertThatThrownBy(() -> RecordJson.read("[null]", RecordJson.listOf(Provider.class)))
                .hasMessage("$[0]: expected a value, found null");
    }
}
