package dev.imager.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    static final String DATA_OPEN = "<script type=\"application/json\" id=\"report-data\">";
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final String HOSTILE = "</script><script>alert(1)</script><!-- <b>&amp;</b> \u2028 {{js}} '\"";

    /** The text of the embedded report-data element. */
    static String embedded(String page) {
        int start = page.indexOf(DATA_OPEN) + DATA_OPEN.length();
        return page.substring(start, page.indexOf("</script>", start));
    }

    private static int occurrences(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part), Pattern.CASE_INSENSITIVE).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void embedsTheSameDocumentAsReportJson() throws IOException {
        RunReport report = SampleReports.realistic();
        String page = HtmlReport.render(report);
        assertThat(PLAIN.readTree(embedded(page))).isEqualTo(PLAIN.readTree(ReportJson.toJson(report)));
    }

    @Test
    void hasAChartHookForEveryChart() {
        String page = HtmlReport.render(SampleReports.realistic());
        for (String chart : new String[] {"rate", "latency", "outcomes", "probes", "pod-cpu", "pod-memory"}) {
            assertThat(page).contains("<svg data-chart=\"" + chart + "\"")
                    .contains("<ul class=\"legend\" data-legend-for=\"" + chart + "\">");
        }
        assertThat(page).contains("id=\"summary-requests\"", "id=\"summary-rate\"", "id=\"summary-latency\"",
                "id=\"threshold-table\"", "data-log-for=\"latency\"");
    }

    @Test
    void hostileTextCannotEndTheScriptOrOpenAComment() throws IOException {
        RunReport report = SampleReports.hostile(HOSTILE);
        String page = HtmlReport.render(report);
        // only the page's own two script elements end; nothing in the data opens a comment
        assertThat(occurrences(page, "</script")).isEqualTo(2);
        assertThat(page).doesNotContain("<!--").doesNotContain("alert(1)</script>");
        assertThat(embedded(page)).doesNotContain("\u2028");
        // the title is escaped as HTML text
        assertThat(page).contains("<title>imager report &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--");
        // a placeholder in the data stays data: the script is inlined exactly once
        assertThat(occurrences(page, "var ImagerCharts =")).isEqualTo(1);
        // and the embedded JSON still decodes to exactly the hostile text
        assertThat(ReportJson.fromJson(embedded(page)).runId()).isEqualTo(HOSTILE);
        assertThat(ReportJson.fromJson(embedded(page))).isEqualTo(report);
    }

    @Test
    void escapingKeepsTheJsonValue() throws IOException {
        String json = "{\"a\":\"</script><!--&\u2028\u2029>\"}";
        String safe = PageTemplate.embeddableJson(json);
        assertThat(safe).isEqualTo("{\"a\":\"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029\\u003e\"}");
        assertThat(PLAIN.readTree(safe)).isEqualTo(PLAIN.readTree(json));
        assertThat(PageTemplate.escapeHtml("<a href=\"x\">'&'</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    @Test
    void needsNoNetwork() {
        String page = HtmlReport.render(SampleReports.realistic());
        String withoutData = page.replace(embedded(page), "");
        // no external resource of any kind: scripts, styles, images, fonts, imports
        assertThat(withoutData).doesNotContainPattern("(?i)\\ssrc\\s*=").doesNotContainPattern("(?i)\\shref\\s*=")
                .doesNotContainIgnoringCase("<link").doesNotContainIgnoringCase("@import")
                .doesNotContainIgnoringCase("url(").doesNotContainIgnoringCase("http://")
                .doesNotContainIgnoringCase("https://");
    }

    @Test
    void rendersTheEmptyRunToo() throws IOException {
        String page = HtmlReport.render(SampleReports.empty());
        assertThat(PLAIN.readTree(embedded(page)).get("rounds").size()).isZero();
        assertThat(page).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
    }
}
