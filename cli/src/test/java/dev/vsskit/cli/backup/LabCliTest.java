package dev.vsskit.cli.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.lab.LabInit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** Base of the backup verbs' CLI tests: a fresh default lab per test and {@code vsskit --lab LAB ...} in-process. */
abstract class LabCliTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    Path lab;
    Map<String, String> env;

    @BeforeEach
    void freshLab() {
        lab = tmp.resolve("lab");
        LabInit.create(lab, false);
        env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("config.json").toString());
    }

    CliRun.Result vsskit(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--lab";
        all[1] = lab.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(env, all);
    }
}
