package dev.vsskit.vss;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure table is in one place in the code; docs/exit-codes.md prints the same rows. */
class FailureClassesDocTest {

    @Test
    void docsListEveryRowOfTheTableAsTheCodeClassesIt() throws Exception {
        Path doc = Path.of("..", "docs", "exit-codes.md");
        List<String> documented = new ArrayList<>();
        for (String line : Files.readAllLines(doc)) {
            if (line.matches("\\| (HRESULT|ONTAP|HTTP|IO|HYPERV) \\|.*")) {
                documented.add(line);
            }
        }
        List<String> expected = FailureClasses.TABLE.stream().map(r -> "| " + r.source() + " | `" + r.code() + "` | "
                + (r.retryable() ? "yes" : "no") + " | " + r.meaning() + " |").toList();
        assertThat(documented).containsExactlyElementsOf(expected);
    }

    @Test
    void aProviderVetoIsRetryableExactlyWhenItsCauseIs() {
        FailureClasses.Coded busy = new Busy(FailureClasses.Source.ONTAP, "53411918");
        FailureClasses.Coded bad = new Busy(FailureClasses.Source.ONTAP, "1638518");
        assertThat(FailureClasses.retryable(new VssException(HResult.VSS_E_PROVIDER_VETO, "veto", (Throwable) busy)))
                .isTrue();
        assertThat(FailureClasses.retryable(new VssException(HResult.VSS_E_PROVIDER_VETO, "veto", (Throwable) bad)))
                .isFalse();
        assertThat(FailureClasses.retryable(new VssException(HResult.VSS_E_WRITERERROR_NONRETRYABLE, "x",
                (Throwable) busy))).as("a writer's own failure is not made retryable by a cause").isFalse();
        assertThat(FailureClasses.retryable(new VssException(HResult.VSS_E_SNAPSHOT_SET_IN_PROGRESS, "x"))).isTrue();
        assertThat(FailureClasses.retryable(new RuntimeException("x", new java.net.ConnectException("refused"))))
                .isTrue();
    }

    /** A coded failure as the ONTAP client reports one. */
    static final class Busy extends RuntimeException implements FailureClasses.Coded {
        private static final long serialVersionUID = 1L;
        private final FailureClasses.Source source;
        private final String code;

        Busy(FailureClasses.Source source, String code) {
            super(source + " " + code);
            this.source = source;
            this.code = code;
        }

        @Override
        public FailureClasses.Source failureSource() {
            return source;
        }

        @Override
        public String failureCode() {
            return code;
        }
    }
}
