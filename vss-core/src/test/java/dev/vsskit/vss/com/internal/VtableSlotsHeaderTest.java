package dev.vsskit.vss.com.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The MinGW-w64 headers (Debian mingw-w64-common) are the oracle for the slot order of each COM interface. */
class VtableSlotsHeaderTest {

    static final Path INCLUDE = dev.vsskit.vss.MingwHeaders.INCLUDE;

    static Stream<Arguments> interfaces() {
        return Stream.of(
                Arguments.of("vsbackup.h", VtableSlots.IVssBackupComponents.class),
                Arguments.of("vss.h", VtableSlots.IVssAsync.class),
                Arguments.of("vsadmin.h", VtableSlots.IVssAdmin.class));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("interfaces")
    void everySlotMatchesTheHeaderVtbl(String header, Class<?> slots) throws Exception {
        Path file = INCLUDE.resolve(header);
        assumeTrue(Files.isRegularFile(file),
                "skipped: " + file + " is absent (apt-get install mingw-w64-common; .ci/run installs it)");
        List<String> methods = vtbl(file, slots.getSimpleName());
        assertThat(methods).as("methods of %sVtbl", slots.getSimpleName()).hasSizeGreaterThan(3)
                .startsWith("QueryInterface", "AddRef", "Release");

        Map<String, Integer> ours = new LinkedHashMap<>();
        for (Field f : slots.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class && !f.getName().equals("COUNT")) {
                ours.put(f.getName(), f.getInt(null));
            }
        }
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < methods.size(); i++) {
            expected.put(constantName(methods.get(i)), i);
        }
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(slots.getField("COUNT").getInt(null)).isEqualTo(methods.size());
    }

    /** Method names of {@code typedef struct <name>Vtbl { ... } <name>Vtbl;}, in slot order. */
    static List<String> vtbl(Path header, String name) throws IOException {
        String text = Files.readString(header);
        Matcher struct = Pattern.compile("typedef struct " + name + "Vtbl \\{(.*?)\\} " + name + "Vtbl;", Pattern.DOTALL)
                .matcher(text);
        assertThat(struct.find()).as("%sVtbl in %s", name, header).isTrue();
        Matcher method = Pattern.compile("\\(STDMETHODCALLTYPE \\*(\\w+)\\)").matcher(struct.group(1));
        List<String> out = new ArrayList<>();
        while (method.find()) {
            out.add(method.group(1));
        }
        return out;
    }

    /** {@code GetWriterComponentsCount} is named {@code GET_WRITER_COMPONENTS_COUNT}, {@code SaveAsXML} {@code SAVE_AS_XML}. */
    static String constantName(String method) {
        return method.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", "_").toUpperCase(Locale.ROOT);
    }
}
