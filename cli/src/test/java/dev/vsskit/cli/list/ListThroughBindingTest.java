package dev.vsskit.cli.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.LabHost;
import dev.vsskit.lab.windows.ServedVss;
import dev.vsskit.vss.windows.ComTiming;
import dev.vsskit.vss.windows.WindowsVssHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list verbs on the Windows host, that is through the VSS COM binding and its native vtable calls, against the
 * lab served as native COM objects ({@link ServedVss}): the output is the same golden file as on the lab host
 * directly, but for the banner's host kind ("(Windows)" for "(lab)"). The requester frees everything and releases
 * every object.
 */
class ListThroughBindingTest {

    static final ComTiming FAST = ServedVss.TEST_TIMING;

    @TempDir
    static Path tmp;
    static LabHost freshLab;
    static LabHost stateLab;
    static ServedVss freshVss;
    static ServedVss stateVss;
    static WindowsVssHost fresh;
    static WindowsVssHost state;

    @BeforeAll
    static void serve() throws IOException {
        freshLab = LabHost.open(CliRun.fixedLab(tmp.resolve("fresh")));
        Path stateDir = CliRun.fixedLab(tmp.resolve("state"));
        ListGoldenTest.addSampleState(stateDir);
        stateLab = LabHost.open(stateDir);
        freshVss = new ServedVss(freshLab);
        stateVss = new ServedVss(stateLab);
        fresh = new WindowsVssHost(freshVss, FAST);
        state = new WindowsVssHost(stateVss, FAST);
    }

    @AfterAll
    static void clean() {
        fresh.close();
        state.close();
        freshLab.close();
        stateLab.close();
        for (ServedVss v : new ServedVss[] {freshVss, stateVss}) {
            assertThat(v.problems()).isEmpty();
            assertThat(v.threads()).containsExactly("vsskit-com");
        }
    }

    static Stream<Arguments> cases() {
        return ListGoldenTest.cases();
    }

    @ParameterizedTest(name = "{0} lab through the COM binding: list {1} --output {2}")
    @MethodSource("cases")
    void listOutputThroughTheBindingMatchesTheLabGolden(String lab, String verb, String format) {
        CliRun.Result r = CliRun.runOn(lab.equals("fresh") ? fresh : state, "list", verb, "--output", format);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        String expected = CliRun.golden(lab + "/list-" + verb + "." + format);
        assertThat(r.out()).isEqualTo(format.equals("text")
                ? expected.replaceFirst("\nHost: (.*) \\(lab\\)\n", "\nHost: $1 (Windows)\n") : expected);
    }

    @Test
    void aProcessWithoutBackupRightsIsToldToElevateInOneLine() {
        ServedVss denied = new ServedVss(freshLab);
        denied.faults().accessDenied(true);
        try (WindowsVssHost host = new WindowsVssHost(denied, FAST)) {
            CliRun.Result r = CliRun.runOn(host, "list", "writers");
            assertThat(r.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(r.out()).doesNotContain("Writer name");
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("E_ACCESSDENIED").contains("elevated prompt");
        }
    }

    @Test
    void a32BitJavaIsRefusedInOneLineBeforeAnyVssCall() {
        ServedVss small = new ServedVss(freshLab);
        small.faults().pointerSize(4);
        try (WindowsVssHost host = new WindowsVssHost(small, FAST)) {
            CliRun.Result r = CliRun.runOn(host, "list", "shadows");
            assertThat(r.exitCode()).isEqualTo(ExitCode.ERROR);
            assertThat(r.err().strip().lines()).hasSize(1);
            assertThat(r.err()).contains("64-bit Java");
        }
        assertThat(small.calls()).doesNotContain("CoInitializeEx", "CreateVssBackupComponents");
    }
}
