package dev.vsskit.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Prints outputs on a fixed lab, to review by eye when writing golden files (not a test). */
public final class GoldenDump {
    public static void main(String[] args) throws Exception {
        Path fresh = CliRun.fixedLab(Files.createTempDirectory("golden").resolve("lab"));
        Path state = CliRun.fixedLab(Files.createTempDirectory("golden").resolve("lab"));
        dev.vsskit.cli.list.ListGoldenTest.addSampleState(state);
        for (Path lab : new Path[] {fresh, state}) {
            Path outDir = Path.of(args[0]).resolve(lab == fresh ? "fresh" : "state");
            Files.createDirectories(outDir);
            for (String verb : dev.vsskit.cli.list.ListGoldenTest.VERBS) {
                for (String fmt : new String[] {"text", "json", "csv"}) {
                    CliRun.Result r = CliRun.run("--lab", lab.toString(), "list", verb, "--output", fmt);
                    Files.writeString(outDir.resolve("list-" + verb + "." + fmt), r.out().replace(Version.get(), "@VERSION@"));
                }
            }
        }
    }
}
