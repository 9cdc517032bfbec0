package dev.imager.coordinator.report;

import java.util.Map;

/**
 * Renders report.html: one self-contained page that opens from a CI artifact or an e-mail with no network.
 * The CSS and JavaScript (resource files next to this class, kept apart so each stays readable, and shared with
 * the live and comparison pages through {@link PageTemplate}) are inlined, and the report itself is embedded as
 * JSON in {@code <script type="application/json" id="report-data">}; the page's script draws the summary and SVG
 * charts from it, so every number shown comes from the same document as report.json.
 */
public final class HtmlReport {

    static final String TEMPLATE = "report.html";

    private static final String TEMPLATE_TEXT = PageTemplate.load(HtmlReport.class, TEMPLATE, null);
    /** What report.html runs once the scripts are loaded: draw the embedded report, once. */
    private static final String DRAW_EMBEDDED = "ImagerReport.render(ImagerReport.embedded());\n";

    private HtmlReport() {
    }

    /** The complete page for {@code report}. */
    public static String render(RunReport report) {
        return page("imager report " + report.runId() + (report.partial() ? " (partial)" : ""), report.version(),
                ReportJson.toCompactJson(report), DRAW_EMBEDDED);
    }

    /**
     * The report page with {@code json} (a report, or a report so far) embedded, and {@code extraScript} run
     * after the scripts that define the drawing: report.html draws once, the live page keeps drawing.
     */
    static String page(String title, String version, String json, String extraScript) {
        return PageTemplate.page(TEMPLATE_TEXT, Map.of("version", PageTemplate.escapeHtml(version)), title, version,
                "report-data", json, extraScript);
    }
}
