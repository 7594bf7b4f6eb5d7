package dev.vsskit.vss.verify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes a verification as a JUnit XML report (the Ant/Surefire schema Jenkins, GitLab, GitHub and Azure
 * DevOps display): one {@code testsuite} per backup, one {@code testcase} per check; a failed check
 * becomes {@code <failure>}, a warning a passed case with the warning in {@code <system-out>}, a check that does not apply
 * {@code <skipped>}.
 */
public final class JUnitReportWriter {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final String verb;

    /** A writer for {@code vsskit verify}'s reports. */
    public JUnitReportWriter() {
        this("verify");
    }

    /** A writer for the checks of another verb ({@code doctor}): suites are named {@code vsskit.<verb>.<subject>}. */
    public JUnitReportWriter(String verb) {
        this.verb = java.util.Objects.requireNonNull(verb, "verb");
    }

    public String toXml(VerificationReport report) {
        StringWriter out = new StringWriter();
        try {
            write(report, out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }

    public void write(VerificationReport report, Writer out) throws IOException {
        String suite = "vsskit." + verb + "." + report.backupName();
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.write("<testsuites name=\"vsskit " + attr(verb) + "\" tests=\"" + report.checks().size() + "\" failures=\""
                + report.count(CheckStatus.FAIL) + "\" errors=\"0\" time=\"" + seconds(report) + "\">\n");
        out.write("  <testsuite name=\"" + attr(suite) + "\" tests=\"" + report.checks().size()
                + "\" failures=\"" + report.count(CheckStatus.FAIL) + "\" errors=\"0\" skipped=\"" + report.count(CheckStatus.SKIP) + "\" timestamp=\""
                + TIMESTAMP.format(report.verifiedAt()) + "\" time=\"" + seconds(report) + "\">\n");
        for (CheckResult c : report.checks()) {
            out.write("    <testcase classname=\"" + attr(suite) + "\" name=\"" + attr(c.name()) + "\" time=\"0\"");
            if (c.status() == CheckStatus.PASS) {
                out.write(">\n      <system-out>" + text(c.evidence()) + "</system-out>\n    </testcase>\n");
            } else if (c.status() == CheckStatus.SKIP) {
                out.write(">\n      <skipped message=\"" + attr(c.evidence()) + "\"/>\n    </testcase>\n");
            } else if (c.status() == CheckStatus.WARN) {
                out.write(">\n      <system-out>" + text("WARNING: " + c.evidence()
                        + (c.advice().isEmpty() ? "" : "\n" + c.advice())) + "</system-out>\n    </testcase>\n");
            } else {
                out.write(">\n      <failure message=\"" + attr(c.evidence()) + "\" type=\"vsskit." + attr(verb) + "\">"
                        + text(c.evidence() + (c.advice().isEmpty() ? "" : "\n" + c.advice()))
                        + "</failure>\n    </testcase>\n");
            }
        }
        out.write("  </testsuite>\n</testsuites>\n");
    }

    private static String seconds(VerificationReport report) {
        return String.format(Locale.ROOT, "%.3f", report.took().toMillis() / 1000.0);
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    private static String text(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': b.append("&amp;"); break;
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                default:
                    // XML 1.0 forbids most control characters even when escaped
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        b.append('?');
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.toString();
    }
}
