package dev.imager.coordinator.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Renders a run as JUnit XML ({@code --junit-report}), the format every CI system shows as test results: one
 * suite per run, one test case "run completed" that is an error when the run could not be carried out (exit
 * code 3; the thresholds are then skipped, not judged), and one test case per threshold whose failure carries the
 * measured value. The console summary goes
 * into the suite's {@code system-out}, so a CI's test view shows the numbers behind a failure.
 *
 * <p>The layout follows the schema Ant, Maven Surefire and Jenkins read (timestamps without a zone, in UTC;
 * times in seconds). Every piece of text is escaped for XML, and characters XML 1.0 cannot carry (control
 * characters other than tab and line ends) are replaced, so a hostile run id or end reason cannot break the file.
 */
public final class JUnitReport {

    /** The classname of the test case that stands for the run itself. */
    static final String RUN_CLASS = "imager.run";
    /** The classname of the threshold test cases. */
    static final String THRESHOLD_CLASS = "imager.thresholds";

    /** The schema's timestamp: ISO-8601 without a zone; ours are UTC. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private JUnitReport() {
    }

    /** The XML document for {@code report}, which ended with {@code exitCode} ({@link ExitCodes}). */
    public static String render(RunReport report, int exitCode) {
        List<ThresholdResult> thresholds = report.thresholds();
        boolean infrastructure = exitCode == ExitCodes.INFRASTRUCTURE_FAILURE;
        // As the exit code, thresholds are not judged when the run could not be carried out: they are skipped.
        long failures = infrastructure ? 0 : thresholds.stream().filter(t -> !t.passed()).count();
        int skipped = infrastructure ? thresholds.size() : 0;
        int tests = 1 + thresholds.size();
        String time = seconds(report.totals().durationSeconds());
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + (infrastructure ? 1 : 0)
                + "\" skipped=\"" + skipped + "\"";

        StringBuilder xml = new StringBuilder(2048);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"imager\"").append(counts).append(" time=\"").append(time).append("\">\n");
        xml.append("  <testsuite name=\"").append(attr("imager run " + report.runId())).append('"').append(counts)
                .append(" time=\"").append(time).append("\" timestamp=\"")
                .append(TIMESTAMP.format(report.startedAt()))
                .append("\" hostname=\"").append(attr(report.coordinatorId())).append("\">\n");
        properties(xml, report, exitCode);

        xml.append("    <testcase classname=\"").append(RUN_CLASS).append("\" name=\"run completed\" time=\"")
                .append(time).append('"');
        if (infrastructure) {
            xml.append(">\n      <error type=\"InfrastructureFailure\" message=\"").append(attr(report.endReason()))
                    .append("\">").append(text("the run could not be carried out (exit code 3): "
                            + report.endReason())).append("</error>\n    </testcase>\n");
        } else {
            xml.append("/>\n");
        }
        for (ThresholdResult t : thresholds) {
            xml.append("    <testcase classname=\"").append(THRESHOLD_CLASS).append("\" name=\"")
                    .append(attr(t.expression())).append("\" time=\"0\"");
            if (infrastructure) {
                xml.append(">\n      <skipped message=\"not judged: the run could not be carried out\"/>\n"
                        + "    </testcase>\n");
            } else if (t.passed()) {
                xml.append(">\n      <system-out>").append(text("measured " + t.actual()))
                        .append("</system-out>\n    </testcase>\n");
            } else {
                xml.append(">\n      <failure type=\"ThresholdFailed\" message=\"")
                        .append(attr(t.expression() + ": measured " + t.actual())).append("\">")
                        .append(text("threshold " + t.expression() + " failed: measured " + t.actual()))
                        .append("</failure>\n    </testcase>\n");
            }
        }
        xml.append("    <system-out>").append(text(ConsoleSummary.format(report))).append("</system-out>\n");
        xml.append("  </testsuite>\n</testsuites>\n");
        return xml.toString();
    }

    private static void properties(StringBuilder xml, RunReport report, int exitCode) {
        ReportTotals t = report.totals();
        xml.append("    <properties>\n");
        property(xml, "runId", report.runId());
        property(xml, "exitCode", Integer.toString(exitCode));
        property(xml, "endReason", report.endReason());
        property(xml, "target", report.settings().target());
        property(xml, "loadCalculator", report.settings().loadCalculator());
        if (!report.settings().stages().isEmpty()) {
            property(xml, "loadShape", report.settings().shape());
        }
        property(xml, "plannedRate", Formats.rps(t.plannedRate()));
        property(xml, "achievedRate", Formats.rps(t.achievedRate()));
        property(xml, "p99", t.latencyMs().count() > 0 ? Formats.millis(t.latencyMs().p99()) : "no data");
        if (report.capacity() != null) {
            property(xml, "capacity", Formats.rps(report.capacity().rps()) + " (" + report.capacity().note() + ")");
        }
        xml.append("    </properties>\n");
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("      <property name=\"").append(name).append("\" value=\"").append(attr(value)).append("\"/>\n");
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    /** Text for an attribute value in double quotes. */
    static String attr(String s) {
        return escape(s, true);
    }

    /** Text for element content. */
    static String text(String s) {
        return escape(s, false);
    }

    private static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                // An attribute's line ends would be normalised to spaces by any parser: keep them.
                case '\n' -> out.append(attribute ? "&#10;" : "\n");
                case '\r' -> out.append(attribute ? "&#13;" : "\r");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(allowedInXml(c, s, i) ? c : '\uFFFD');
            }
        }
        return out.toString();
    }

    /** XML 1.0 allows no control characters but tab and line ends, no lone surrogates, and not U+FFFE/U+FFFF. */
    private static boolean allowedInXml(char c, String s, int i) {
        if (c < 0x20 || c == 0xFFFE || c == 0xFFFF) {
            return false;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }
}
