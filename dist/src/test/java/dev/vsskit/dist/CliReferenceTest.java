package dev.vsskit.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * docs/cli.md's reference part is what the command model says. Fails when a verb, option, default or exit
 * code changed without the doc; {@code -Dvsskit.docs.write=true} rewrites the doc instead (see
 * {@link CliReference#REGENERATE}).
 */
class CliReferenceTest {

    /** docs/cli.md of this checkout (tests run in the dist folder). */
    static final Path CLI_MD = Path.of("..", "docs", "cli.md").toAbsolutePath().normalize();

    @Test
    void docsCliMdHoldsTheGeneratedReference() throws Exception {
        String doc = Files.readString(CLI_MD, StandardCharsets.UTF_8);
        String wanted = CliReference.replaceSection(doc, CliReference.markdown(CommandModel.tree()));
        if (Boolean.getBoolean("vsskit.docs.write") && !wanted.equals(doc)) {
            Files.writeString(CLI_MD, wanted, StandardCharsets.UTF_8);
            doc = wanted;
        }
        assertThat(doc).as("docs/cli.md's reference differs from the command model; regenerate it with: "
                + CliReference.REGENERATE).isEqualTo(wanted);
    }

    @Test
    void theReferenceNamesEveryCommandOptionDefaultAndExitCode() {
        CommandLine tree = CommandModel.tree();
        String md = CliReference.markdown(tree);
        for (CommandSpec spec : CommandModel.commands(tree).subList(1, CommandModel.commands(tree).size())) {
            assertThat(md).contains("### `" + CommandModel.path(spec) + "`");
            for (OptionSpec o : CommandModel.ownOptions(spec)) {
                assertThat(md).contains("`" + CommandModel.optionLabel(o).replace("|", "\\|") + "`");
            }
        }
        assertThat(md).contains("### `vsskit list providers`", "### `vsskit backup`", "### `vsskit verify`",
                "### `vsskit completion zsh`", "| `--retry=TRIES` | `3` |", "| `--max-commit-ms=MS` | `10000` |",
                "| `-o, --output=text\\|json\\|csv` | `text` |", "| 3 | VERIFY_FAILED: ", "| 5 | PARTIAL: ");
        // hidden spellings (list-providers) are not separate commands of the reference
        assertThat(md).doesNotContain("`vsskit list-providers`");
    }

    /** The check at work: a command model with one more option (a verb added in parallel) no longer matches. */
    @Test
    void aChangedCommandModelNoLongerMatchesTheDoc() throws Exception {
        String doc = Files.readString(CLI_MD, StandardCharsets.UTF_8);
        CommandLine tree = CommandModel.tree();
        CommandSpec backup = tree.getSubcommands().get("backup").getCommandSpec();
        backup.addOption(OptionSpec.builder("--new-option").type(String.class).arity("1").paramLabel("N").defaultValue("7")
                .description("An option the doc does not know.").build());
        String generated = CliReference.markdown(tree);
        assertThat(generated).contains("| `--new-option=N` | `7` | An option the doc does not know. |");
        assertThat(CliReference.replaceSection(doc, generated)).isNotEqualTo(doc);
    }

    @Test
    void replaceSectionKeepsWhatIsAroundTheMarkers() {
        String section = CliReference.BEGIN + ": x -->\nnew\n" + CliReference.END + "\n";
        String doc = "# Title\n\nintro\n\n" + CliReference.BEGIN + ": old -->\nold\n" + CliReference.END + "\n\n## After\n";
        assertThat(CliReference.replaceSection(doc, section)).isEqualTo("# Title\n\nintro\n\n" + section + "\n## After\n");
        assertThat(CliReference.replaceSection("# Only\n", section)).isEqualTo("# Only\n\n" + section);
    }
}
