package dev.vsskit.cli.list;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.lab.LabConfig;
import dev.vsskit.lab.LabHost;
import dev.vsskit.vss.Shadow;
import dev.vsskit.vss.SnapshotContext;
import dev.vsskit.vss.VolumeSnapshotAttributes;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.Writer;
import dev.vsskit.vss.WriterError;
import dev.vsskit.vss.WriterState;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list verb in text, JSON and CSV, compared exactly (newline-normalised) with the golden files under
 * {@code src/test/resources/golden/}: once on a fresh default lab, once on a lab with shadows, a failed
 * writer and used shadow storage. The labs use fixed ids so the expected output can name them.
 */
public class ListGoldenTest {

    public static final List<String> VERBS = List.of("providers", "writers", "shadows", "volumes", "shadowstorage");

    @TempDir
    static Path tmp;
    static Path fresh;
    static Path state;

    @BeforeAll
    static void labs() throws IOException {
        fresh = CliRun.fixedLab(tmp.resolve("fresh"));
        state = CliRun.fixedLab(tmp.resolve("state"));
        addSampleState(state);
    }

    static Stream<Arguments> cases() {
        return Stream.of("fresh", "state").flatMap(lab -> VERBS.stream().flatMap(verb ->
                Stream.of("text", "json", "csv").map(fmt -> Arguments.of(lab, verb, fmt))));
    }

    @ParameterizedTest(name = "{0} lab: list {1} --output {2}")
    @MethodSource("cases")
    void listOutputMatchesGolden(String lab, String verb, String format) {
        Path dir = lab.equals("fresh") ? fresh : state;
        CliRun.Result r = CliRun.run("--lab", dir.toString(), "list", verb, "--output", format);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo(CliRun.golden(lab + "/list-" + verb + "." + format));
    }

    @ParameterizedTest(name = "list-{1} is list {1}")
    @MethodSource("cases")
    void hyphenatedAliasGivesTheSameOutput(String lab, String verb, String format) {
        Path dir = lab.equals("fresh") ? fresh : state;
        CliRun.Result alias = CliRun.run("list-" + verb, "--lab", dir.toString(), "-o", format);
        assertThat(alias.exitCode()).isZero();
        assertThat(alias.out()).isEqualTo(CliRun.golden(lab + "/list-" + verb + "." + format));
    }

    /** A failed System Writer, a writer waiting for completion, two shadow copy sets, 40 MiB of diff area on C:. */
    public static void addSampleState(Path labDir) throws IOException {
        LabHost host = LabHost.open(labDir);
        LabConfig c = host.config();
        LabConfig.LabWriter hyperV = c.writers().get(0);
        LabConfig.LabWriter system = c.writers().get(2);
        host.writerStatus().save(List.of(
                new Writer(hyperV.name(), hyperV.writerId(), hyperV.instanceId(), WriterState.WAITING_FOR_BACKUP_COMPLETE,
                        WriterError.NO_ERROR),
                new Writer(system.name(), system.writerId(), system.instanceId(), WriterState.FAILED_AT_FREEZE,
                        WriterError.TIMED_OUT)));
        LabConfig.LabVolume v1 = c.volume("Volume1").orElseThrow();
        LabConfig.LabVolume v2 = c.volume("Volume2").orElseThrow();
        LabConfig.LabVolume sys = c.volume("C").orElseThrow();
        VssId ontap = VssId.parse("{ddd3d232-a96f-4ac5-8f7b-250fd91fd102}");
        VssId swprv = VssId.parse("{b5946137-7b9f-4925-af80-51abd60b20d5}");
        VssId setA = VssId.parse("{0c404084-8ace-4cb8-a7ed-7d7ec659bb5f}");
        VssId setB = VssId.parse("{7f3c1a52-1d2e-4b8a-9c41-5e6f7a8b9c0d}");
        String fqdn = c.host().fqdn();
        VolumeSnapshotAttributes hw = SnapshotContext.APP_ROLLBACK.attributes()
                .with(VolumeSnapshotAttributes.HARDWARE_ASSISTED).with(VolumeSnapshotAttributes.TRANSPORTABLE);
        Instant t1 = Instant.parse("2026-11-24T13:45:05Z");
        host.shadowFile().save(List.of(
                new Shadow(VssId.parse("{d8a11619-474f-40ae-a5a0-c2faa1d78b85}"), setA, 2, t1, v1.path(), v1.volumeName(),
                        "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy2", fqdn, fqdn, ontap,
                        "Data ONTAP VSS Hardware Provider", SnapshotContext.APP_ROLLBACK, hw),
                new Shadow(VssId.parse("{e1b2c3d4-0000-4000-8000-000000000002}"), setA, 2, t1, v2.path(), v2.volumeName(),
                        "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy3", fqdn, fqdn, ontap,
                        "Data ONTAP VSS Hardware Provider", SnapshotContext.APP_ROLLBACK, hw),
                new Shadow(VssId.parse("{a0a0a0a0-1111-4222-8333-444455556666}"), setB, 1,
                        Instant.parse("2026-11-24T01:02:03Z"), sys.path(), sys.volumeName(),
                        "\\\\?\\GLOBALROOT\\Device\\HarddiskVolumeShadowCopy1", fqdn, fqdn, swprv,
                        "Microsoft Software Shadow Copy provider 1.0", SnapshotContext.CLIENT_ACCESSIBLE,
                        SnapshotContext.CLIENT_ACCESSIBLE.attributes().with(VolumeSnapshotAttributes.DIFFERENTIAL))));
        Path diffArea = labDir.resolve("volumes/C/snapshots/" + setB.bare());
        Files.createDirectories(diffArea);
        try (RandomAccessFile f = new RandomAccessFile(diffArea.resolve("diff.bin").toFile(), "rw")) {
            f.setLength(40L << 20); // sparse: counts as 40 MiB without writing them
        }
    }
}
