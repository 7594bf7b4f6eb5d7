package dev.vsskit.cli;

import dev.vsskit.eventlog.ClassicEvent;
import dev.vsskit.eventlog.EvtxWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * Not a verb: the {@code vsskit} launcher's helper when it makes the class-data sharing archive after a build.
 * {@code java -cp vsskit.jar dev.vsskit.cli.CdsTraining FILE} writes a small Application log (a few hundred
 * classic events of several sources and levels, with a Navssprv 4089) with vsskit's own writer; the launcher then
 * runs {@code events --file FILE} in each output format while recording the classes loaded, so that reading an
 * exported log starts from the archive too, whatever command came first. Exit 0, or 1 with one line on stderr.
 */
public final class CdsTraining {

    private CdsTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: java -cp vsskit.jar dev.vsskit.cli.CdsTraining FILE.evtx");
            System.exit(2);
        }
        try {
            write(Path.of(args[0]));
        } catch (IOException | RuntimeException e) {
            System.err.println("vsskit: cannot write the training log " + args[0] + ": " + e.getMessage());
            System.exit(1);
        }
    }

    static void write(Path file) throws IOException {
        Files.deleteIfExists(file);
        String[] sources = {"VSS", "MSSQLSERVER", "SQLWriter", "ESENT", "Winlogon", "Hyper-V-VMMS", "SnapDrive",
            "Application Error", "MsiInstaller", "Schannel"};
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        try (EvtxWriter w = EvtxWriter.open(file)) {
            for (int n = 0; n < 400; n++) {
                t = t.plusMillis(1500 + 37L * n);
                ClassicEvent e = n % 100 == 99
                        ? new ClassicEvent("Application", "Navssprv", 4089, ClassicEvent.LEVEL_INFORMATION, t,
                                "HV-LAB-01.lab.local", List.of("{6e3a9b1c-2f4d-4a8e-9b7c-1d2e3f405162}", "412"))
                        : new ClassicEvent("Application", sources[n % sources.length], 1000 + n % 40,
                                2 + n % 3, t, "HV-LAB-01.lab.local",
                                List.of("insertion string " + n, "C:\\ClusterStorage\\Volume1\\vm" + n, "0x8004230f"));
                w.write(e);
            }
        }
    }
}
