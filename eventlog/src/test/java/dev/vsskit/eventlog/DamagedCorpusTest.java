package dev.vsskit.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.SAXParserFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.InputSource;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Every record of every damaged log renders to well-formed XML; a damaged record is still returned, with a
 * warning that names it (its header's id, at its offset); its typed event keeps the header's record id.
 * The corpus is generated ({@link DamagedLogs}); {@code -Devtx.corpus=N} makes it larger (the bench runs
 * bench/eventlog/corpus.sh with thousands).
 */
class DamagedCorpusTest {

    static final int FILES = Integer.getInteger("evtx.corpus", 300);

    @TempDir
    Path dir;

    @Test
    void everyRecordOfEveryDamagedLogIsWellFormedAndItsWarningNamesIt() throws Exception {
        List<DamagedLogs.Damaged> corpus = DamagedLogs.make(DamagedLogs.bases(dir), dir, FILES, Long.getLong("evtx.seed", 19L));
        List<String> problems = new ArrayList<>();
        int records = 0;
        int incomplete = 0;
        for (DamagedLogs.Damaged d : corpus) {
            byte[] bytes = Files.readAllBytes(d.file());
            List<EvtxWarning> warnings = new ArrayList<>();
            List<EvtxRecord> read = new ArrayList<>();
            try (EvtxReader r = EvtxReader.open(d.file(), warnings::add)) {
                r.forEach(read::add);
            } catch (IOException e) {
                if (bytes.length >= 8 && new String(bytes, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .equals("ElfFile\0") && !e.getMessage().contains("truncated")) {
                    problems.add(d.how() + ": " + e.getMessage());
                }
                continue;
            }
            for (EvtxRecord rec : read) {
                records++;
                String where = d.file().getFileName() + " (" + d.how() + ") record " + rec.recordId() + ": ";
                long headerId = DamagedLogs.le32(bytes, (int) rec.fileOffset() + 8) & 0xFFFFFFFFL
                        | (long) DamagedLogs.le32(bytes, (int) rec.fileOffset() + 12) << 32;
                if (rec.recordId() != headerId) {
                    problems.add(where + "id differs from its header's " + headerId);
                }
                String error = wellFormed("<Events>" + rec.xml() + "</Events>");
                if (error != null) {
                    problems.add(where + "XML not well formed: " + error + " in " + rec.xml());
                }
                if (rec.event() == null || rec.event().recordId() != rec.recordId()) {
                    problems.add(where + "typed event " + (rec.event() == null ? "missing" : "has id " + rec.event().recordId()));
                }
                if (!rec.complete()) {
                    incomplete++;
                    if (warnings.stream().noneMatch(w -> w.fileOffset() == rec.fileOffset()
                            && w.message().startsWith("record " + rec.recordId() + ":"))) {
                        problems.add(where + "incomplete but no warning names it; warnings: " + warnings);
                    }
                }
            }
            for (EvtxWarning w : warnings) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^record (\\d+)\\b").matcher(w.message());
                if (m.find()) {
                    long named = Long.parseLong(m.group(1));
                    long atOffset = DamagedLogs.le32(bytes, (int) w.fileOffset() + 8) & 0xFFFFFFFFL
                            | (long) DamagedLogs.le32(bytes, (int) w.fileOffset() + 12) << 32;
                    if (named != atOffset) {
                        problems.add(d.how() + ": warning names record " + named + " but the record at its offset is "
                                + atOffset + ": " + w);
                    }
                }
            }
        }
        assertThat(problems).as("%d records, %d incomplete", records, incomplete).isEmpty();
        assertThat(records).isGreaterThan(FILES * 10);
        assertThat(incomplete).isGreaterThan(0);
    }

    @Test
    void aShortFileWithTheSignatureIsReportedTruncated() throws IOException {
        Path f = dir.resolve("short.evtx");
        byte[] b = java.util.Arrays.copyOf(Files.readAllBytes(DamagedLogs.written(dir, 3)), 100);
        Files.write(f, b);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> EvtxReader.open(f, w -> { })))
                .isInstanceOf(IOException.class).hasMessageContaining("truncated").hasMessageContaining("100 bytes")
                .hasMessageNotContaining("no ElfFile signature");
    }

    private static final SAXParserFactory SAX = SAXParserFactory.newInstance();

    static {
        SAX.setNamespaceAware(true);
    }

    /** Null when {@code xml} is a well-formed document, else the parser's complaint. */
    static String wellFormed(String xml) {
        try {
            SAX.newSAXParser().parse(new InputSource(new StringReader(xml)), new DefaultHandler());
            return null;
        } catch (Exception e) {
            return e.getMessage();
        }
    }
}
