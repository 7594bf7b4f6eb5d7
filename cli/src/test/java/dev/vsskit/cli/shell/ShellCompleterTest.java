package dev.vsskit.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vsskit.cli.CliRun;
import dev.vsskit.lab.LabHost;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What Tab offers: picocli's commands and options, diskshadow's words, and values read from the lab. */
class ShellCompleterTest {

    @TempDir
    Path tmp;
    LabHost host;
    ShellCompleter completer;
    final Map<String, String> aliases = new HashMap<>();

    @BeforeEach
    void lab() {
        host = LabHost.open(CliRun.fixedLab(tmp.resolve("lab")));
        completer = new ShellCompleter(Map.of(), "Linux", tmp, () -> host, aliases);
    }

    @AfterEach
    void close() {
        host.close();
    }

    @Test
    void firstWordIsAVerbOrADiskshadowCommand() {
        assertThat(completer.candidates(List.of())).contains("list", "backup", "restore", "verify", "create", "delete",
                "set", "add", "begin", "end", "expose", "unexpose", "reset", "exec", "exit", "shell");
    }

    @Test
    void subcommandsAndOptionsComeFromPicocli() {
        assertThat(completer.candidates(List.of("list"))).contains("providers", "writers", "shadows", "volumes", "backups")
                .doesNotContain("set", "add");
        assertThat(completer.candidates(List.of("backup"))).contains("--vm", "--dataset", "--retain", "--plan");
        assertThat(completer.candidates(List.of("create", "shadow"))).contains("--for", "--provider", "--context");
    }

    @Test
    void knownValuesComeFromTheHost() {
        assertThat(completer.candidates(List.of("backup", "--vm"))).containsExactlyInAnyOrder("sql01", "web01", "app01",
                "file01");
        assertThat(completer.candidates(List.of("create", "shadow", "--for"))).contains("C:\\",
                "C:\\ClusterStorage\\Volume1\\");
        assertThat(completer.candidates(List.of("add", "volume"))).contains("C:\\");
    }

    @Test
    void diskshadowWordsAndAliases() {
        assertThat(completer.candidates(List.of("set"))).contains("context", "verbose", "metadata");
        assertThat(completer.candidates(List.of("set", "context"))).containsExactly("clientaccessible", "persistent",
                "volatile");
        assertThat(completer.candidates(List.of("set", "context", "persistent"))).containsExactly("nowriters");
        assertThat(completer.candidates(List.of("list", "writers"))).contains("metadata", "detailed", "status");
        assertThat(completer.candidates(List.of("delete", "shadows"))).contains("all", "volume", "oldest", "exposed");
        aliases.put("VSS_SHADOW_1", "{11111111-1111-1111-1111-111111111111}");
        assertThat(completer.candidates(List.of("expose"))).contains("%VSS_SHADOW_1%");
    }

    @Test
    void diskshadowRestoreWords() {
        assertThat(completer.candidates(List.of())).contains("load", "revert");
        assertThat(completer.candidates(List.of("load"))).containsExactly("metadata");
        assertThat(completer.candidates(List.of("begin"))).containsExactly("backup", "restore");
        assertThat(completer.candidates(List.of("end"))).containsExactly("backup", "restore");
        aliases.put("VSS_SHADOW_1", "{11111111-1111-1111-1111-111111111111}");
        assertThat(completer.candidates(List.of("revert"))).containsExactly("%VSS_SHADOW_1%");
    }

    @Test
    void afterDeleteShadowsIdComeShadowIdsAndAliasesOnly() {
        aliases.put("vss1", "{00000000-0000-0000-0000-000000000001}");
        List<String> after = completer.candidates(List.of("delete", "shadows", "id"));
        assertThat(after).contains("%vss1%").noneMatch(w -> w.contains("%s") || w.startsWith("-"))
                .allMatch(w -> w.startsWith("{") || w.startsWith("%"));
    }
}
