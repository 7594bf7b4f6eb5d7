package dev.vsskit.cli.backup;

import dev.vsskit.cli.CliRun;
import dev.vsskit.lab.LabInit;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchPrintTest {
    @TempDir Path tmp;

    @Test
    void print() throws Exception {
        Path lab = tmp.resolve("lab");
        LabInit.create(lab, false);
        Map<String, String> env = Map.of("HOME", tmp.toString(), "VSSKIT_CONFIG", tmp.resolve("c.json").toString());
        String[][] cmds = {
            {"lab", "storage-latency", "10500", "--virtual-time"},
            {"backup", "--vm", "web01", "--name", "prod_12-06-2026_01.00.00", "--retry", "2", "--retry-wait", "0s"},
            {"lab", "storage-latency", "0", "--real-time"},
            {"timeline", "--last"},
            {"backup", "--vm", "sql01", "--name", "lost"},
            {"cleanup", "--failed-older-than", "0s"},
            {"cleanup", "--apply", "--failed-older-than", "0s"},
            {"backup", "--vm", "web01", "--crash-consistent"},
            {"verify", "--last"},
            {"backup", "--vm", "web01", "-o", "csv"},
            {"backup", "--vm", "web01", "--plan", "-o", "csv"},
            {"verify", "--last", "-o", "csv"},
            {"list", "backups"},
        };
        for (String[] c : cmds) {
            String[] all = new String[c.length + 2];
            all[0] = "--lab"; all[1] = lab.toString();
            System.arraycopy(c, 0, all, 2, c.length);
            if (c[0].equals("cleanup") && c.length > 1 && c[1].equals("--failed-older-than")) {
                new dev.vsskit.vss.catalog.BackupCatalog(lab.resolve("catalog")).delete("lost");
            }
            CliRun.Result r = CliRun.run(env, all);
            System.out.println("$ vsskit " + String.join(" ", c) + "   [exit " + r.exitCode() + "]\n" + r.out() + r.err());
        }
    }
}
