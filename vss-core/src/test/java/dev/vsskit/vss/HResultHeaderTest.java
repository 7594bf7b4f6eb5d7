package dev.vsskit.vss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The MinGW-w64 {@code vsserror.h} (Debian mingw-w64-common) is the oracle for HRESULT names and values. */
class HResultHeaderTest {

    static final Path HEADER = MingwHeaders.INCLUDE.resolve("vsserror.h");

    @Test
    void everyCodeOfTheHeaderIsDefinedWithTheSameValueAndNothingElse() throws IOException {
        assumeTrue(Files.isRegularFile(HEADER),
                "skipped: " + HEADER + " is absent (apt-get install mingw-w64-common; .ci/run installs it)");
        Map<String, Integer> header = new LinkedHashMap<>();
        Matcher m = Pattern.compile("#define\\s+(VSS_[ES]_\\w+)\\s+\\(\\(HRESULT\\)0x([0-9A-Fa-f]{8})\\)")
                .matcher(Files.readString(HEADER));
        while (m.find()) {
            header.put(m.group(1), (int) Long.parseLong(m.group(2), 16));
        }
        Map<String, Integer> ours = Arrays.stream(HResult.values())
                .collect(Collectors.toMap(Enum::name, HResult::value, (a, b) -> a, LinkedHashMap::new));

        assertThat(header).hasSize(81);
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(header);
    }

    @Test
    void parsesNamesAndHexValues() {
        assertThat(HResult.parse("0x80042314")).contains(HResult.VSS_E_HOLD_WRITES_TIMEOUT);
        assertThat(HResult.parse("vss_e_bad_state")).contains(HResult.VSS_E_BAD_STATE);
        assertThat(HResult.parse("0xzz")).isEmpty();
        assertThat(HResult.VSS_E_WRITERERROR_RETRYABLE.hex()).isEqualTo("0x800423f3");
        assertThat(HResult.VSS_S_ASYNC_FINISHED.isFailure()).isFalse();
    }
}
