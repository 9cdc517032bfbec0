package dev.imager.coordinator.report;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live page the coordinator serves at {@code /} while it runs: report.html's page and scripts (the same
 * charts and tables), with the run so far embedded, plus {@code live.js}, which shows the run's status and phase
 * and fetches {@code live/report} every second to redraw. Like report.html it loads nothing from elsewhere; the
 * server adds a Content-Security-Policy that forbids it.
 */
public final class LivePage {

    /** The route of the page's data, relative to the page: {@code GET live/report?after=<round>}. */
    public static final String DATA_PATH = "/live/report";

    private static final String LIVE_JS = PageTemplate.script(LivePage.class, "live.js");

    private LivePage() {
    }

    /**
     * Response headers of the page: nothing may load from anywhere (the page is self-contained; its inline scripts
     * and styles are allowed, and it may fetch its data from its own origin), and nothing is cached.
     */
    public static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                    + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'",
            "Cache-Control", "no-store",
            "X-Content-Type-Options", "nosniff");

    private static final Pattern AFTER = Pattern.compile("(?:^|&)after=(-?\\d{1,18})(?:&|$)");

    /** The page, starting from {@code now}. */
    public static String render(LiveSnapshot now) {
        return HtmlReport.page("imager live " + now.runId(), now.version(), now.toJson(), LIVE_JS);
    }

    /**
     * The round a data request asks to start after: {@code after=<n>} in the query string, or -1 (from the
     * first) when it is missing or not a number a round could have.
     */
    public static long afterRound(String query) {
        Matcher m = AFTER.matcher(query);
        return m.find() ? Math.max(-1, Long.parseLong(m.group(1))) : -1;
    }
}
