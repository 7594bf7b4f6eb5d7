package dev.vsskit.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.cli.ExitCode;
import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.eventlog.EvtxWriter;
import dev.vsskit.vss.VssId;
import dev.vsskit.vss.catalog.BackupCatalog;
import dev.vsskit.vss.catalog.BackupRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is not an event log is bad input (exit 2) naming the real reason, for {@code events --file/--dir} and
 * {@code verify --events}; never "No items found" (exit 0) or a failed check (exit 3).
 */
class NotAnEventLogTest {

    @TempDir
    Path dir;

    CliRun.Result events(String option, Path p) {
        return CliRun.run(Map.of("HOME", dir.toString()), "events", option, p.toString());
    }

    CliRun.Result verify(Path p) throws Exception {
        Path catalog = dir.resolve("catalog");
        if (!Files.exists(catalog.resolve("b.json"))) {
            VssId set = VssId.random();
            new BackupCatalog(catalog).create(new BackupRecord("b", Instant.parse("2026-11-24T10:00:00Z"),
                    Instant.parse("2026-11-24T10:00:05Z"), Optional.empty(), List.of("web01"), true, Optional.of(set),
                    List.of(new BackupRecord.VolumeEntry("C:\\ClusterStorage\\Volume1\\", VssId.random(),
                            "Data ONTAP VSS Hardware Provider", VssId.random(), true, true, "hv_csv1", "b__" + set.bare())),
                    List.of(), Duration.ofMillis(800), true, "succeeded"));
        }
        return CliRun.run(Map.of("HOME", dir.toString()), "verify", "--catalog", catalog.toString(), "--backup", "b",
                "--events", p.toString());
    }

    void refused(CliRun.Result r, String reason) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains(reason).hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void zerosEmptyFilesEmptyFoldersDevicesAndFifosAreRefusedWithTheirReason() throws Exception {
        Path zeros = dir.resolve("zeros.evtx");
        Files.write(zeros, new byte[70_000]);
        refused(events("--file", zeros), "is not an EVTX file (no ElfFile signature)");
        refused(verify(zeros), "is not an EVTX file (no ElfFile signature)");
        Path empty = Files.createFile(dir.resolve("empty.evtx"));
        refused(events("--file", empty), "is empty");
        Path folder = Files.createDirectories(dir.resolve("nothing-here"));
        refused(events("--dir", folder), "holds no .evtx file");
        refused(verify(folder), "holds no .evtx file");
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Files.copy(zeros, bad.resolve("a.evtx"));
        refused(events("--dir", bad), "none of the 1 .evtx files");
        Path devZero = Path.of("/dev/zero");
        if (Files.exists(devZero)) {
            refused(events("--file", devZero), "is not a regular file");
            refused(verify(devZero), "is not a regular file");
        }
        Path fifo = dir.resolve("pipe.evtx");
        boolean made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0;
        } catch (java.io.IOException noMkfifo) {
            made = false;
        }
        Assumptions.assumeTrue(made, "mkfifo is not available: the FIFO case is skipped");
        refused(events("--file", fifo), "is not a regular file");
    }

    @Test
    void aRealLogWithADamagedChunkIsStillRead() throws Exception {
        Path log = dir.resolve("Application.evtx");
        try (EvtxWriter w = EvtxWriter.open(log)) {
            w.write(new ClassicEvent("Application", "Navssprv", 4089, 4, Instant.parse("2026-11-24T11:00:00Z"), "HV01",
                    List.of("{6e8f7c11-0d1b-4c39-9a52-0123456789ab}", "812")));
        }
        byte[] b = Files.readAllBytes(log);
        b[4096 + 200] ^= 0x55; // inside the first chunk's records: the reader warns and recovers what it can
        Files.write(log, b);
        CliRun.Result r = events("--file", log);
        assertThat(r.exitCode()).as(r.err()).isZero();
    }
}
