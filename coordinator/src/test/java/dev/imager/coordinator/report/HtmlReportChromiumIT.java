package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imager.coordinator.testing.Chromium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens report.html in headless Chromium and checks what a person would see: the script ran, every chart
 * has its series drawn, the summary shows the numbers of report.json, and the page renders to a PNG. The
 * rendered pages and the screenshot stay in target/chromium-it/ for a look by eye.
 */
class HtmlReportChromiumIT {

    private static final Path OUT = Path.of("target", "chromium-it");
    private static final int MIN_SCREENSHOT_BYTES = 20_000;
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    private static final Pattern TAG = Pattern.compile("<(path|circle|td|svg|p|tr)\\b([^>]*)>([^<]*)");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)=\"([^\"]*)\"");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9,]*(?:\\.[0-9]+)?");
    private static final ObjectMapper PLAIN = new ObjectMapper();

    /** One start tag of the rendered DOM, with its attributes and the text right after it. */
    record Element(String name, Map<String, String> attributes, String text, String chart) {
        String attr(String key) {
            return attributes.get(key);
        }
    }

    @BeforeAll
    static void chromiumIsInstalled() {
        Chromium.requireInstalled();
    }

    @Test
    void drawsEveryChartAndShowsTheNumbersOfReportJson() throws Exception {
        ReportFiles.Written files = ReportFiles.write(SampleReports.realistic(), OUT.resolve("realistic"));
        String dom = dumpDom(files.html());
        JsonNode json = PLAIN.readTree(Files.readString(files.json()));
        List<Element> elements = parse(dom);

        assertThat(dom).contains("data-rendered=\"true\"");
        assertSeries(elements, "rate", "planned", "achieved");
        assertSeries(elements, "latency", "p50", "p90", "p99", "max", "service-p50", "service-p90", "service-p99",
                "service-max");
        assertSeries(elements, "outcomes", "ok", "http4xx", "http5xx", "timeout", "connectError", "otherError",
                "dropped", "lost");
        assertSeries(elements, "probes", "probes", "capacity");
        assertSeries(elements, "pod-cpu", "default/sum-7d9f-a", "default/sum-7d9f-b");
        assertSeries(elements, "pod-memory", "default/sum-7d9f-a", "default/sum-7d9f-b");
        assertThat(elements.stream().filter(e -> e.name().equals("circle") && e.attr("data-verdict") != null))
                .hasSize(json.get("probes").size());

        JsonNode totals = json.get("totals");
        Map<String, Element> metrics = new HashMap<>();
        elements.stream().filter(e -> e.attr("data-metric") != null)
                .forEach(e -> metrics.put(e.attr("data-metric"), e));
        // metric shown -> its value in report.json
        Map<String, JsonNode> expected = Map.ofEntries(
                Map.entry("p50", totals.get("latencyMs").get("p50")),
                Map.entry("p99", totals.get("latencyMs").get("p99")),
                Map.entry("p999", totals.get("latencyMs").get("p999")),
                Map.entry("max", totals.get("latencyMs").get("max")),
                Map.entry("service-p99", totals.get("serviceTimeMs").get("p99")),
                Map.entry("lag-p99", totals.get("sendLagMs").get("p99")),
                Map.entry("plannedRate", totals.get("plannedRate")),
                Map.entry("achievedRate", totals.get("achievedRate")),
                Map.entry("planned", totals.get("planned")),
                Map.entry("sent", totals.get("sent")),
                Map.entry("ok", totals.get("ok")),
                Map.entry("http5xx", totals.get("http5xx")),
                Map.entry("dropped", totals.get("dropped")),
                Map.entry("lost", totals.get("lost")),
                Map.entry("responses-HTTP/2-200", totals.get("protocols").get("HTTP/2").get("200")),
                Map.entry("capacity", json.get("capacity").get("rps")));
        expected.forEach((metric, value) -> {
            Element cell = metrics.get(metric);
            assertThat(cell).as("summary cell data-metric=%s", metric).isNotNull();
            assertThat(Double.parseDouble(cell.attr("data-value"))).as(metric).isEqualTo(value.asDouble());
            assertThat(shown(cell.text())).as("%s shown as '%s'", metric, cell.text())
                    .isCloseTo(value.asDouble(), within(precision(cell.text())));
        });
        // why the dropped requests were not sent: one row per reason, in report.json's order
        List<String> reasons = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        totals.get("droppedBy").fields().forEachRemaining(e -> {
            reasons.add(e.getKey());
            counts.add(e.getValue().asLong());
        });
        assertThat(reasons).as("the sample drops for a reason").isNotEmpty();
        assertThat(elements.stream().filter(e -> e.attr("data-reason") != null).map(e -> e.attr("data-reason")))
                .containsExactlyElementsOf(reasons);
        assertThat(elements.stream().filter(e -> "droppedBy".equals(e.attr("data-metric")))
                .map(e -> Long.parseLong(e.attr("data-value")))).containsExactlyElementsOf(counts);
        // the error rate is shown as a percentage of the fraction in the JSON
        assertThat(shown(metrics.get("errorRate").text()) / 100).isCloseTo(totals.get("errorRate").asDouble(),
                within(0.0001));
        assertThat(elements.stream().filter(e -> e.attr("data-threshold") != null)
                .map(e -> e.attr("data-passed")))
                .containsExactly(json.get("thresholds").findValuesAsText("passed").toArray(String[]::new));
        assertThat(elements.stream().filter(e -> e.attr("data-empty-chart") != null)).isEmpty();
    }

    @Test
    void aShapedRunShowsItsPresetAndStages() throws Exception {
        RunReport staged = SampleReports.staged();
        ReportFiles.Written files = ReportFiles.write(staged, OUT.resolve("staged"));
        String dom = dumpDom(files.html());

        assertThat(dom).contains("data-field=\"load\">stages, preset burst: " + staged.settings().stages()
                + ", uniform arrivals, 1 s rounds</dd>");
    }

    @Test
    void aClosedRunShowsItsModelAndUsers() throws Exception {
        ReportFiles.Written files = ReportFiles.write(SampleReports.closed(), OUT.resolve("closed"));
        String dom = dumpDom(files.html());

        assertThat(dom).contains("data-field=\"model\">closed: 20 users, think time 100 ms; latency is service time "
                + "(no coordinated-omission correction)</dd>");
        assertThat(dom).contains("data-field=\"load\">step, 20..20 users, step 1, 1 s rounds</dd>");
        // the rate chart plots what the users started, not their count
        assertThat(dom).contains("started (by the users)").contains(" users</td>");
    }

    @Test
    void anEmptyRunShowsNotesInsteadOfCharts() throws Exception {
        ReportFiles.Written files = ReportFiles.write(SampleReports.empty(), OUT.resolve("empty"));
        String dom = dumpDom(files.html());
        List<Element> elements = parse(dom);

        assertThat(dom).contains("data-rendered=\"true\"");
        assertThat(elements.stream().map(e -> e.attr("data-empty-chart")).filter(chart -> chart != null))
                .containsExactly("rate", "latency", "outcomes");
        assertThat(elements.stream().filter(e -> e.name().equals("svg") && e.attr("data-chart") != null)
                .map(e -> e.attr("data-chart")))
                .as("charts left: only the hidden probe and pod charts")
                .containsExactly("probes", "pod-cpu", "pod-memory");
        assertThat(dom).contains("data-section=\"probes\" hidden=\"\"").contains("data-section=\"pods\" hidden=\"\"");
        assertThat(elements.stream().filter(e -> "p99".equals(e.attr("data-metric"))).findFirst().orElseThrow().text())
                .isEqualTo("-");
    }

    @Test
    void rendersToAScreenshot() throws Exception {
        ReportFiles.Written files = ReportFiles.write(SampleReports.realistic(), OUT.resolve("screenshot"));
        Path png = OUT.resolve("screenshot").resolve("report.png").toAbsolutePath();
        Files.deleteIfExists(png);
        Chromium.run(files.html(), png.resolveSibling("chromium.out"), "--screenshot=" + png,
                "--window-size=1400,2000");
        assertThat(png).exists();
        assertThat(Files.size(png)).isGreaterThan(MIN_SCREENSHOT_BYTES);
        byte[] head = new byte[PNG_MAGIC.length];
        System.arraycopy(Files.readAllBytes(png), 0, head, 0, head.length);
        assertThat(head).isEqualTo(PNG_MAGIC);
    }

    private static void assertSeries(List<Element> elements, String chart, String... series) {
        List<Element> paths = elements.stream()
                .filter(e -> chart.equals(e.chart()) && e.name().equals("path") && e.attr("data-series") != null)
                .toList();
        assertThat(paths).extracting(e -> e.attr("data-series")).as("series of chart %s", chart)
                .containsExactly(series);
        assertThat(paths).allSatisfy(p -> assertThat(p.attr("d")).as("%s/%s path", chart, p.attr("data-series"))
                .startsWith("M").contains("L"));
    }

    /** Every start tag of interest, remembering the chart (svg) it sits in. */
    private static List<Element> parse(String dom) {
        List<Element> elements = new ArrayList<>();
        String chart = null;
        int svgEnd = -1;
        Matcher m = TAG.matcher(dom);
        while (m.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(m.group(2));
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            if (m.start() > svgEnd) {
                chart = null;
            }
            if (m.group(1).equals("svg")) {
                chart = attributes.get("data-chart");
                svgEnd = dom.indexOf("</svg>", m.end());
            }
            elements.add(new Element(m.group(1), attributes, m.group(3).strip(), chart));
        }
        return elements;
    }

    /** The number in a displayed value: "24,000" -> 24000, "118.75 ms" -> 118.75. */
    private static double shown(String text) {
        Matcher m = NUMBER.matcher(text);
        assertThat(m.find()).as("a number in '%s'", text).isTrue();
        return Double.parseDouble(m.group().replace(",", ""));
    }

    /** Half a unit in the last displayed decimal: what rounding for display may have cost. */
    private static double precision(String text) {
        Matcher m = NUMBER.matcher(text);
        m.find();
        int dot = m.group().indexOf('.');
        int decimals = dot < 0 ? 0 : m.group().length() - dot - 1;
        return 0.5 * Math.pow(10, -decimals) + 1e-9;
    }

    private static String dumpDom(Path html) throws IOException, InterruptedException {
        return Chromium.dumpDom(html);
    }
}
