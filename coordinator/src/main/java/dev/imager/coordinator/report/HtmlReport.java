package dev.imager.coordinator.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders report.html: one self-contained page that opens from a CI artifact or an e-mail with no network.
 * The CSS and JavaScript (resource files next to this class, kept apart so each stays readable) are
 * inlined, and the report itself is embedded as JSON in {@code <script type="application/json"
 * id="report-data">}; the page's script draws the summary and SVG charts from it, so every number shown
 * comes from the same document as report.json.
 *
 * <p>Embedding is the one place hostile text (a run id, an end reason, a pod name) meets HTML. Inside a
 * script element the HTML parser ends the element at {@code </script} and treats {@code <!--} specially,
 * whatever JSON quoting says, so {@link #embeddableJson} writes {@code <}, {@code >} and {@code &} as JSON
 * {@code \}{@code u} escapes: the JSON value is unchanged and the page cannot be broken out of. The script
 * puts text into the page only through {@code textContent}, never as markup.
 */
public final class HtmlReport {

    static final String TEMPLATE = "report.html";
    static final String CSS = "report.css";
    static final String CHARTS_JS = "charts.js";
    static final String REPORT_JS = "report.js";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private HtmlReport() {
    }

    /** The complete page for {@code report}. */
    public static String render(RunReport report) {
        Map<String, String> values = Map.of(
                "title", escapeHtml("imager report " + report.runId() + (report.partial() ? " (partial)" : "")),
                "version", escapeHtml(report.version()),
                "css", Resources.CSS_TEXT,
                "js", Resources.JS_TEXT,
                "data", embeddableJson(ReportJson.toCompactJson(report)));
        // One pass over the template: substituted text is never scanned again, so a run id that contains
        // "{{js}}" stays text.
        Matcher m = PLACEHOLDER.matcher(Resources.TEMPLATE_TEXT);
        StringBuilder page = new StringBuilder(Resources.TEMPLATE_TEXT.length() + values.get("data").length()
                + Resources.JS_TEXT.length() + Resources.CSS_TEXT.length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException(TEMPLATE + " has an unknown placeholder " + m.group());
            }
            m.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        m.appendTail(page);
        return page.toString();
    }

    /**
     * JSON that is safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} become
     * {@code \u003c}, {@code \u003e}, {@code \u0026}, and U+2028/U+2029 are escaped too (line terminators in
     * older JavaScript). Outside strings JSON never contains these characters, so the text still parses to
     * the same value.
     */
    static String embeddableJson(String json) {
        StringBuilder out = new StringBuilder(json.length() + 16);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Text for HTML element content or a quoted attribute. */
    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The page's parts, loaded once and checked so that none can end the element it is inlined into. */
    private static final class Resources {
        static final String TEMPLATE_TEXT = load(TEMPLATE, null);
        static final String CSS_TEXT = load(CSS, "</style");
        static final String JS_TEXT = load(CHARTS_JS, "</script") + "\n" + load(REPORT_JS, "</script");

        private static String load(String name, String forbidden) {
            try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + name + " is missing from the classpath");
                }
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (forbidden != null && text.toLowerCase(Locale.ROOT).contains(forbidden)) {
                    throw new IllegalStateException(name + " contains " + forbidden + " and cannot be inlined");
                }
                return text;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + name, e);
            }
        }
    }
}
