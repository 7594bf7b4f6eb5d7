package dev.vsskit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code cli} chooses the host once and asks it (DESIGN.md, "Two hosts, one code path"): no class of {@code cli}
 * names a lab type ({@code dev.vsskit.lab.*}) except the {@code vsskit lab} verbs ({@code cli.lab}) and the place
 * that opens hosts ({@code cli.host}). A plain scan of the sources: a qualified name or import of
 * {@code dev.vsskit.lab}, or the simple name of any of the lab module's top-level types (so an {@code instanceof LabHost}
 * behind a wildcard import is caught too). Comments are ignored.
 */
class NoLabTypesInCliTest {

    private static final Path CLI_SOURCES = Path.of("src/main/java");
    private static final Path LAB_SOURCES = Path.of("../lab/src/main/java");
    private static final Set<String> ALLOWED_PACKAGES = Set.of("dev/vsskit/cli/lab", "dev/vsskit/cli/host");
    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);

    @Test
    void onlyTheLabVerbsAndTheHostFactoryNameLabTypes() throws IOException {
        Set<String> labTypes = labTypeNames();
        List<String> offences = new ArrayList<>();
        for (Path file : javaFiles(CLI_SOURCES)) {
            String relative = CLI_SOURCES.relativize(file).toString().replace('\\', '/');
            if (ALLOWED_PACKAGES.contains(relative.substring(0, relative.lastIndexOf('/')))) {
                continue;
            }
            offences.addAll(labReferences(file, relative, labTypes));
        }
        assertThat(offences).as("cli classes outside cli/lab and cli/host that name lab types; ask the VssHost or"
                + " the ChosenHost (cli/host) instead").isEmpty();
    }

    /** The scan is not vacuous: it finds the references the host factory and the lab verbs are allowed. */
    @Test
    void theScanFindsTheAllowedReferences() throws IOException {
        Set<String> labTypes = labTypeNames();
        assertThat(labTypes).contains("LabHost", "LabBackupTarget", "CowVolumeStore", "OntapSimulator");
        Path hosts = CLI_SOURCES.resolve("dev/vsskit/cli/host/Hosts.java");
        assertThat(labReferences(hosts, "Hosts.java", labTypes)).anyMatch(s -> s.contains("new LabBackupTarget(lab)"));
        Path fault = CLI_SOURCES.resolve("dev/vsskit/cli/lab/LabFaultCommand.java");
        assertThat(labReferences(fault, "LabFaultCommand.java", labTypes)).isNotEmpty();
    }

    private static List<String> labReferences(Path file, String name, Set<String> labTypes) throws IOException {
        String code = withoutComments(Files.readString(file));
        List<String> out = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.contains("dev.vsskit.lab")) {
                out.add(name + ":" + (i + 1) + ": " + line.strip());
                continue;
            }
            Matcher words = Pattern.compile("\\b[A-Z][A-Za-z0-9_]*\\b").matcher(line);
            while (words.find()) {
                if (labTypes.contains(words.group())) {
                    out.add(name + ":" + (i + 1) + ": " + line.strip());
                    break;
                }
            }
        }
        return out;
    }

    /** Comments blanked out, line breaks kept so that line numbers stay right. */
    private static String withoutComments(String code) {
        Matcher m = COMMENTS.matcher(code);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group().replaceAll("[^\\n]", "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The lab module's top-level types, by simple name (a nested one is reached through its outer type or an
     * import, which the scan sees).
     */
    private static Set<String> labTypeNames() throws IOException {
        assertThat(LAB_SOURCES).as("the lab module's sources, beside cli").isDirectory();
        Set<String> names = new TreeSet<>();
        for (Path file : javaFiles(LAB_SOURCES)) {
            String name = file.getFileName().toString();
            names.add(name.substring(0, name.length() - ".java".length()));
        }
        return names;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
