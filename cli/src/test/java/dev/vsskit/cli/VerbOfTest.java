package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Main builds only the verb the arguments name; help, completion and unknown words get the whole tree. */
class VerbOfTest {

    @Test
    void findsTheVerbPastGlobalOptions() {
        assertThat(VssKitCli.verbOf(new String[] {"--lab", "list", "-o", "json", "list", "providers"})).isEqualTo("list");
        assertThat(VssKitCli.verbOf(new String[] {"-q", "list-writers"})).isEqualTo("list-writers");
        assertThat(VssKitCli.verbOf(new String[] {"lab", "init"})).isEqualTo("lab");
        assertThat(VssKitCli.verbOf(new String[] {"--output=json", "lab"})).isEqualTo("lab");
    }

    @Test
    void wholeTreeForHelpVersionCompletionAndUnknownWords() {
        assertThat(VssKitCli.verbOf(new String[] {})).isNull();
        assertThat(VssKitCli.verbOf(new String[] {"--help"})).isNull();
        assertThat(VssKitCli.verbOf(new String[] {"list", "--help"})).isEqualTo("list");
        assertThat(VssKitCli.verbOf(new String[] {"--version", "list"})).isEqualTo(VssKitCli.NO_VERB);
        assertThat(VssKitCli.verbOf(new String[] {"completion", "bash"})).isNull();
        assertThat(VssKitCli.verbOf(new String[] {"lisst"})).isNull();
        assertThat(VssKitCli.verbOf(new String[] {"list-nothing"})).isNull();
    }

    @Test
    void versionNeedsNoVerb() {
        CliRun.Result r = CliRun.run("-V");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("vsskit ");
    }

    @Test
    void theLazyTreeHoldsOnlyThatVerb() {
        PrintWriter w = new PrintWriter(new StringWriter());
        CommandLine lazy = VssKitCli.commandLine(w, w, Map.of(), "Linux", Path.of("/h"), "list");
        assertThat(lazy.getSubcommands().keySet()).containsExactly("list");
        CommandLine alias = VssKitCli.commandLine(w, w, Map.of(), "Linux", Path.of("/h"), "list-volumes");
        assertThat(alias.getSubcommands().keySet()).containsExactly("list-volumes");
        CommandLine full = VssKitCli.commandLine(w, w, Map.of(), "Linux", Path.of("/h"));
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (Class<?> verb : VssKitCli.VERBS) {
            expected.add(verb.getAnnotation(picocli.CommandLine.Command.class).name());
        }
        for (Class<?> leaf : dev.vsskit.cli.list.ListCommand.class.getAnnotation(picocli.CommandLine.Command.class)
                .subcommands()) {
            expected.add("list-" + leaf.getAnnotation(picocli.CommandLine.Command.class).name());
        }
        assertThat(expected).contains("list", "lab", "completion", "list-providers", "list-shadowstorage");
        assertThat(full.getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }
}
