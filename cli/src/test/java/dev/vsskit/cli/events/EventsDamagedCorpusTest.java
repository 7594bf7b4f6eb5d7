package dev.vsskit.cli.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vsskit.cli.CliRun;
import dev.vsskit.eventlog.DamagedLogs;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every output format of {@code vsskit events} parses on every damaged log of the generated corpus: the
 * {@code --xml} document is well formed, {@code -o json} is one JSON array, the text is one line per event
 * without control characters, and all three show the same number of events. {@code -Devtx.corpus=N} makes the
 * corpus larger (bench/eventlog/corpus.sh).
 */
class EventsDamagedCorpusTest {

    static final int FILES = Integer.getInteger("evtx.corpus", 90);

    @TempDir
    Path dir;

    @Test
    void everyFormatParsesOnEveryDamagedLog() throws Exception {
        List<DamagedLogs.Damaged> corpus = DamagedLogs.make(DamagedLogs.bases(dir), dir, FILES, Long.getLong("evtx.seed", 1919L));
        Map<String, String> env = Map.of("HOME", dir.resolve("home").toString());
        ObjectMapper json = new ObjectMapper();
        SAXParserFactory sax = SAXParserFactory.newInstance();
        sax.setNamespaceAware(true);
        List<String> problems = new ArrayList<>();
        long events = 0;
        for (DamagedLogs.Damaged d : corpus) {
            String f = d.file().toString();
            String how = d.file().getFileName() + " (" + d.how() + "): ";
            CliRun.Result xml = CliRun.run(env, "events", "--file", f, "--xml");
            CliRun.Result js = CliRun.run(env, "events", "--file", f, "-o", "json");
            CliRun.Result text = CliRun.run(env, "events", "--file", f, "-q");
            if (java.nio.file.Files.size(d.file()) < 128) {
                // Shorter than the file header's fields: bad input, reported as truncated (not as "no signature").
                for (CliRun.Result r : List.of(xml, js, text)) {
                    if (r.exitCode() != 2 || !r.err().contains("is truncated") || r.err().contains("no ElfFile")) {
                        problems.add(how + "exit " + r.exitCode() + ": " + r.err());
                    }
                }
                continue;
            }
            for (CliRun.Result r : List.of(xml, js, text)) {
                if (r.exitCode() != 0) {
                    problems.add(how + "exit " + r.exitCode() + ": " + r.err());
                }
            }
            try {
                int[] depth = {0};
                int[] count = {0};
                sax.newSAXParser().parse(new InputSource(new StringReader(xml.out())), new DefaultHandler() {
                    @Override
                    public void startElement(String uri, String local, String qName, org.xml.sax.Attributes a) {
                        if (depth[0]++ == 1 && local.equals("Event")) {
                            count[0]++;
                        }
                    }

                    @Override
                    public void endElement(String uri, String local, String qName) {
                        depth[0]--;
                    }
                });
            } catch (Exception e) {
                problems.add(how + "--xml is not well formed: " + e.getMessage());
            }
            int jsonEvents = -1;
            try {
                JsonNode array = json.readTree(js.out());
                assertThat(array.isArray()).isTrue();
                jsonEvents = array.size();
                for (JsonNode e : array) {
                    if (e.get("recordId").asLong() < 0) {
                        problems.add(how + "JSON event without a record id: " + e);
                    }
                }
            } catch (Exception e) {
                problems.add(how + "-o json does not parse: " + e.getMessage());
            }
            List<String> lines = text.out().lines().toList();
            lines = lines.subList(Math.min(3, lines.size()), lines.size()); // the banner: vsskit, Host, blank line
            if (jsonEvents >= 0 && !(jsonEvents == 0 ? lines.equals(List.of("No items found that satisfy the query."))
                    || lines.isEmpty() : lines.size() == jsonEvents)) {
                problems.add(how + "text has " + lines.size() + " lines for " + jsonEvents + " events");
            }
            for (String line : lines) {
                if (line.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
                    problems.add(how + "text line with a control character: " + line);
                    break;
                }
            }
            events += Math.max(0, jsonEvents);
        }
        assertThat(problems).isEmpty();
        assertThat(events).isGreaterThan(FILES * 10L);
    }
}
