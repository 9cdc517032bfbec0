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
 * What every imager HTML page (report.html, the live page, the comparison page) is made of: a template with
 * {@code {{name}}} placeholders, inlined CSS and JavaScript from resource files, and data embedded as JSON in a
 * script element. The pages share their resources ({@link #STYLE}, {@link #SCRIPTS}) instead of copies of them.
 *
 * <p>Embedding is the one place hostile text (a run id, an end reason, a pod name) meets HTML. Inside a script
 * element the HTML parser ends the element at {@code </script} and treats {@code <!--} specially, whatever JSON
 * quoting says, so {@link #embeddableJson} writes {@code <}, {@code >} and {@code &} as JSON {@code \}{@code u}
 * escapes: the JSON value is unchanged and the page cannot be broken out of. The scripts put text into the page
 * only through {@code textContent}, never as markup.
 */
public final class PageTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    /** The CSS of every page. */
    public static final String STYLE = load(PageTemplate.class, "report.css", "</style");

    /**
     * The scripts every page starts with: the SVG charts ({@code ImagerCharts}), the formatting and DOM helpers
     * ({@code ImagerPage}) and the report's drawing ({@code ImagerReport}).
     */
    public static final String SCRIPTS = script(PageTemplate.class, "charts.js", "page.js", "report.js");

    /** The frame every page's body sits in: head, styles, the tooltip, the embedded data and the scripts. */
    private static final String FRAME = load(PageTemplate.class, "page.html", null);

    private PageTemplate() {
    }

    /**
     * A whole page: {@code body} (a template of the page's own markup, filled with {@code bodyValues}, which the
     * caller has escaped) inside the shared frame, with {@code json} embedded in
     * {@code <script type="application/json" id="dataId">} and {@code extraScript} run after {@link #SCRIPTS}.
     */
    public static String page(String body, Map<String, String> bodyValues, String title, String version,
            String dataId, String json, String extraScript) {
        // Two passes, the body first: text substituted into it (a version) is never scanned again, and the frame's
        // values (the embedded data) never reach the body's placeholders.
        return fill(FRAME, Map.of(
                "title", escapeHtml(title),
                "version", escapeHtml(version),
                "css", STYLE,
                "body", fill(body, bodyValues),
                "dataId", dataId,
                "js", SCRIPTS + extraScript,
                "data", embeddableJson(json)));
    }

    /**
     * Fills {@code template}'s placeholders in one pass: substituted text is never scanned again, so a run id that
     * contains {@code {{js}}} stays text.
     *
     * @throws IllegalStateException on a placeholder without a value
     */
    public static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        int size = template.length() + values.values().stream().mapToInt(String::length).sum();
        StringBuilder page = new StringBuilder(size);
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("a page template has an unknown placeholder " + m.group());
            }
            m.appendReplacement(page, Matcher.quoteReplacement(value));
        }
        m.appendTail(page);
        return page.toString();
    }

    /** A text resource next to {@code owner}, refused when it contains {@code forbidden} (null: anything goes). */
    public static String load(Class<?> owner, String name, String forbidden) {
        try (InputStream in = owner.getResourceAsStream(name)) {
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

    /** JavaScript resources next to {@code owner}, one after the other, each checked for inlining. */
    public static String script(Class<?> owner, String... names) {
        StringBuilder js = new StringBuilder();
        for (String name : names) {
            js.append(load(owner, name, "</script")).append('\n');
        }
        return js.toString();
    }

    /**
     * JSON that is safe inside a {@code <script>} element: {@code <}, {@code >} and {@code &} become
     * {@code \u003c}, {@code \u003e}, {@code \u0026}, and U+2028/U+2029 are escaped too (line terminators in
     * older JavaScript). Outside strings JSON never contains these characters, so the text still parses to
     * the same value.
     */
    public static String embeddableJson(String json) {
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
    public static String escapeHtml(String text) {
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
}
