package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.PageTemplate;
import dev.imager.coordinator.report.ReportJson;
import dev.imager.coordinator.report.RunReport;
import dev.imager.protocol.process.ImagerVersion;
import java.util.Map;

/**
 * The comparison as one self-contained HTML page ({@code imager compare --html FILE}): the table, and both runs'
 * charts overlaid on one time axis (rate, latency, failures, the adaptive search), drawn by the report's own
 * chart script and styles ({@link PageTemplate}). Both reports and the comparison are embedded as JSON, escaped
 * as report.html's data is; the page needs no network.
 */
public final class ComparisonPage {

    private static final String TEMPLATE = PageTemplate.load(ComparisonPage.class, "compare.html", null);
    private static final String COMPARE_JS = PageTemplate.script(ComparisonPage.class, "compare.js");

    private ComparisonPage() {
    }

    /** What the page embeds: the comparison and the two reports it was made from. */
    record Data(RunComparison comparison, RunReport a, RunReport b) {
    }

    /** The page comparing {@code b} against {@code a}. */
    public static String render(RunComparison comparison, RunReport a, RunReport b) {
        return PageTemplate.page(TEMPLATE, Map.of(), "imager compare " + a.runId() + " vs " + b.runId(),
                ImagerVersion.current(), "compare-data", ReportJson.compact(new Data(comparison, a, b)), COMPARE_JS);
    }
}
