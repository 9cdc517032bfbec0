package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.imager.coordinator.testing.GoldenFiles;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code --junit-report}: golden files, and a document any XML parser reads back as the run said. */
class JUnitReportTest {

    @Test
    void aRunWithAFailedThresholdMatchesTheGoldenFile() {
        GoldenFiles.assertMatches(getClass(), "junit-thresholds-failed.golden.xml",
                JUnitReport.render(SampleReports.small(), ExitCodes.THRESHOLDS_FAILED));
    }

    @Test
    void anInfrastructureFailureIsAnErrorOfTheRunTestCase() {
        GoldenFiles.assertMatches(getClass(), "junit-infrastructure.golden.xml",
                JUnitReport.render(SampleReports.empty(), ExitCodes.INFRASTRUCTURE_FAILURE));
    }

    @Test
    void parsesBackWithOneTestCasePerThresholdAndTheMeasuredValueInEachFailure() throws Exception {
        RunReport report = SampleReports.realistic();
        Document doc = parse(JUnitReport.render(report, ExitCodes.forResults(report.thresholds())));

        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(1 + report.thresholds().size());
        assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(cases.getLength()));
        long failed = report.thresholds().stream().filter(t -> !t.passed()).count();
        assertThat(failed).as("the sample fails some thresholds").isPositive();
        assertThat(suite.getAttribute("failures")).isEqualTo(Long.toString(failed));
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        for (int i = 0; i < report.thresholds().size(); i++) {
            ThresholdResult t = report.thresholds().get(i);
            Element testCase = (Element) cases.item(i + 1);
            assertThat(testCase.getAttribute("classname")).isEqualTo(JUnitReport.THRESHOLD_CLASS);
            assertThat(testCase.getAttribute("name")).isEqualTo(t.expression());
            NodeList failure = testCase.getElementsByTagName("failure");
            assertThat(failure.getLength()).as(t.expression()).isEqualTo(t.passed() ? 0 : 1);
            if (!t.passed()) {
                assertThat(((Element) failure.item(0)).getAttribute("message")).contains(t.actual());
            }
        }
        NodeList outputs = suite.getElementsByTagName("system-out");
        assertThat(outputs.item(outputs.getLength() - 1).getTextContent())
                .as("the suite's output is the console summary").isEqualTo(ConsoleSummary.format(report));
    }

    @Test
    void aShapedRunNamesItsShapeInAProperty() throws Exception {
        Document doc = parse(JUnitReport.render(SampleReports.staged(), ExitCodes.OK));

        NodeList properties = doc.getElementsByTagName("property");
        String shape = null;
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            if (p.getAttribute("name").equals("loadShape")) {
                shape = p.getAttribute("value");
            }
        }
        assertThat(shape).isEqualTo(SampleReports.staged().settings().shape()).startsWith("preset burst: 0s:100,");
    }

    @Test
    void hostileTextStaysTextAndTheFileStaysWellFormed() throws Exception {
        String hostile = "x\"/><injected a='1'/>&amp;<!-- \u0001\u0007 \uD800 ]]> \n\tend";
        RunReport report = SampleReports.hostile(hostile);
        Document doc = parse(JUnitReport.render(report, ExitCodes.THRESHOLDS_FAILED));

        assertThat(doc.getElementsByTagName("injected").getLength()).isZero();
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        // Control characters and the lone surrogate cannot be in XML 1.0: they become U+FFFD, the rest stays.
        String expected = hostile.replace('\u0001', '\uFFFD').replace('\u0007', '\uFFFD').replace('\uD800', '\uFFFD');
        assertThat(suite.getAttribute("name")).isEqualTo("imager run " + expected);
        Element hostileCase = (Element) suite.getElementsByTagName("testcase").item(1);
        assertThat(hostileCase.getAttribute("name")).isEqualTo(expected);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
