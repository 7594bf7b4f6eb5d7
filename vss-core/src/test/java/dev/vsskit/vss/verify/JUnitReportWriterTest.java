package dev.vsskit.vss.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class JUnitReportWriterTest {

    @Test
    void oneTestCasePerCheckAndFailuresCarryEvidenceAndAdvice() throws Exception {
        VerificationReport report = new VerificationReport("ds_11-24-2026_01.00.00",
                Instant.parse("2026-11-24T01:05:00Z"), Duration.ofMillis(1250), List.of(
                        CheckResult.pass("snapshots exist", "hv_csv1: vsskit_ds_11-24-2026_01.00.00"),
                        CheckResult.warn("writers stable", "SqlServerWriter: [5] Waiting for completion", ""),
                        CheckResult.fail("no provider event 4364", "event 4364 <Navssprv> & \"record 17\"",
                                "Transient: retry the backup.")));
        String xml = new JUnitReportWriter().toXml(report);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("time")).isEqualTo("1.250");
        assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(3);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("event 4364 <Navssprv> & \"record 17\"");
        assertThat(failure.getTextContent()).endsWith("Transient: retry the backup.");
        assertThat(report.passed()).isFalse();
    }
}
