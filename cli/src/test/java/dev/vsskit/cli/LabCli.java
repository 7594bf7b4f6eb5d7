package dev.vsskit.cli;

import dev.vsskit.lab.LabInit;
import java.nio.file.Path;
import java.util.Map;

/** A fresh default lab in a test's folder, and vsskit run in-process against it with its own HOME and config. */
public record LabCli(Path lab, Map<String, String> env) {

    public static LabCli fresh(Path tmp) {
        Path lab = tmp.resolve("lab");
        LabInit.create(lab, false);
        return new LabCli(lab, Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString()));
    }

    /** {@code vsskit --lab <lab> args...}. */
    public CliRun.Result vsskit(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--lab";
        all[1] = lab.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }
}
