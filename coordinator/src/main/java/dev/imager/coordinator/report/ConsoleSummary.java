package dev.imager.coordinator.report;

import static dev.imager.coordinator.report.Formats.count;
import static dev.imager.coordinator.report.Formats.percentOf;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The plain-text end-of-run summary printed to the console: what ran, where every planned request went,
 * planned versus achieved rate, corrected and uncorrected latency, the adaptive search, thresholds and the
 * most frequent status codes. Lines fit {@value #WIDTH} columns (a free-text reason may be cut with "..."),
 * so the summary reads in a CI log without wrapping. The summary's own text is ASCII: a JVM on a CI runner
 * without a UTF-8 locale prints anything else as '?'. Pure: the same report gives the same text.
 */
public final class ConsoleSummary {

    /** Widest line written, in characters. */
    public static final int WIDTH = 100;

    /** Status codes listed; the rest are summed into "n more". */
    static final int TOP_STATUS_CODES = 6;

    /** Marks text cut to the width; ASCII, like all of the summary's own text (see the class comment). */
    private static final String CUT = "...";

    /** Probe table columns before the free-text reason, which gets what is left of the width. */
    private static final String PROBE_COLUMNS = "  %5s %6s %9s %10s %8s %8s  %-17s %-7s ";

    private static final String[] LATENCY_HEADS = {"p50", "p90", "p99", "p99.9", "max", "mean"};

    private ConsoleSummary() {
    }

    /** The summary, lines separated by '\n', ending with a newline. */
    public static String format(RunReport report) {
        StringBuilder out = new StringBuilder();
        header(out, report);
        requests(out, report.totals());
        rate(out, report.totals(), report.settings().closedModel());
        latency(out, report.totals(), report.settings().closedModel());
        adaptive(out, report);
        thresholds(out, report.thresholds());
        statusCodes(out, report.totals().statusCodes());
        protocols(out, report.totals().protocols());
        return out.toString();
    }

    private static void header(StringBuilder out, RunReport r) {
        ReportSettings s = r.settings();
        ReportTotals t = r.totals();
        line(out, "imager run " + r.runId() + "  (coordinator " + r.coordinatorId() + ", imager " + r.version() + ")");
        line(out, Formats.format("  %-10s%s .. %s  (%s s)", "time", r.startedAt(), r.endedAt(),
                Formats.format("%.1f", t.durationSeconds())));
        line(out, Formats.format("  %-10s%s", "ended", r.endReason()));
        line(out, Formats.format("  %-10s%s (%s)", "target", s.target(), s.targetMode()));
        String shape = s.loadCalculator().equals("step") ? ", step " + count(s.stepRps())
                : s.loadCalculator().equals("adaptive-exponential")
                        ? (s.adaptiveMaxLatencyMs() > 0 ? ", p99 limit " + count(s.adaptiveMaxLatencyMs()) + " ms"
                                : ", timeout mode") : "";
        if (s.closedModel()) {
            line(out, Formats.format("  %-10s%s%s, think time %s ms; latency is service time (no CO correction)",
                    "model", "closed", s.users() > 0 ? ", " + count(s.users()) + " users" : " (rates are user counts)",
                    count(s.thinkTimeMs())));
        }
        String unit = s.closedModel() ? "users" : "rps";
        // Users send when their previous request ended: no arrival process applies.
        String arrivals = s.closedModel() ? "" : ", " + s.arrival() + " arrivals";
        if (s.stages().isEmpty()) {
            line(out, Formats.format("  %-10s%s, %s..%s %s%s%s", "load", s.loadCalculator(),
                    count(s.minRps()), count(s.maxRps()), unit, shape, arrivals));
        } else {
            line(out, Formats.format("  %-10s%s%s%s", "load", s.loadCalculator(),
                    s.preset().isEmpty() ? "" : " (preset " + s.preset() + ")", arrivals));
            shape(out, s.stages());
        }
        line(out, Formats.format("  %-10s%s s each, request timeout %s ms", "rounds", trim(s.roundSeconds()),
                count(s.requestTimeoutMs())));
        line(out, Formats.format("  %-10s%s, %s", "http", "version " + s.httpVersion(), s.maxRedirects() > 0
                ? "redirects followed (up to " + s.maxRedirects() + ")" : "redirects not followed"));
        line(out, Formats.format("  %-10s%s, %s; requests from %s", "workers", s.workers(),
                s.local() ? "local" : "distributed", s.requestSource()));
        out.append('\n');
    }

    private static void requests(StringBuilder out, ReportTotals t) {
        line(out, Formats.format("%-24s%14s%11s", "Requests", "count", "% planned"));
        row(out, "  planned", t.planned(), t.planned());
        row(out, "  sent", t.sent(), t.planned());
        row(out, "    ok", t.ok(), t.planned());
        row(out, "    http 4xx", t.http4xx(), t.planned());
        row(out, "    http 5xx", t.http5xx(), t.planned());
        row(out, "    timeout", t.timeout(), t.planned());
        row(out, "    connect error", t.connectError(), t.planned());
        row(out, "    other error", t.otherError(), t.planned());
        row(out, "  dropped (not sent)", t.dropped(), t.planned());
        t.droppedBy().forEach((reason, n) -> row(out, "    " + cut(reason, 20), n, t.planned()));
        row(out, "  lost (not reported)", t.lost(), t.planned());
        line(out, Formats.format("  %s rounds, %s not sent; %s received", count(t.rounds()), count(t.notSentRounds()),
                bytes(t.bytesReceived())));
        out.append('\n');
    }

    private static void row(StringBuilder out, String label, long n, long planned) {
        line(out, Formats.format("%-24s%14s%11s", label, count(n), percentOf(n, planned)));
    }

    private static void rate(StringBuilder out, ReportTotals t, boolean closed) {
        if (closed) {
            // Nothing is planned in the closed model: what the users started, and sent, is the throughput.
            line(out, Formats.format("%-12sstarted %s, sent %s (the users' throughput)", "Rate",
                    Formats.rps(t.plannedRate()), Formats.rps(t.achievedRate())));
            line(out, Formats.format("%-12s%s of sent requests failed", "Errors", Formats.percent(t.errorRate())));
            out.append('\n');
            return;
        }
        String achievedShare = t.plannedRate() == 0 ? "" : " (" + Formats.percent(t.achievedRate() / t.plannedRate())
                + " of planned)";
        line(out, Formats.format("%-12splanned %s, achieved %s%s", "Rate", Formats.rps(t.plannedRate()),
                Formats.rps(t.achievedRate()), achievedShare));
        line(out, Formats.format("%-12s%s of sent requests failed", "Errors", Formats.percent(t.errorRate())));
        out.append('\n');
    }

    private static void latency(StringBuilder out, ReportTotals t, boolean closed) {
        StringBuilder head = new StringBuilder(Formats.format("%-16s", "Latency, ms"));
        for (String h : LATENCY_HEADS) {
            head.append(Formats.format("%10s", h));
        }
        line(out, head.append(Formats.format("%12s", "samples")).toString());
        latencyRow(out, "  corrected", t.latencyMs());
        latencyRow(out, "  service time", t.serviceTimeMs());
        latencyRow(out, "  send lag", t.sendLagMs());
        line(out, closed ? "  corrected: from the moment a user started the request (closed model: no coordinated-omission "
                + "correction); service time: from the actual send"
                : "  corrected: from the planned send instant (what users feel); service time: from the actual send");
        out.append('\n');
    }

    private static void latencyRow(StringBuilder out, String label, Percentiles p) {
        if (p.count() == 0) {
            line(out, Formats.format("%-16s%s", label, "no samples"));
            return;
        }
        StringBuilder row = new StringBuilder(Formats.format("%-16s", label));
        for (double v : new double[] {p.p50(), p.p90(), p.p99(), p.p999(), p.max(), p.mean()}) {
            row.append(Formats.format("%10.3f", v));
        }
        line(out, row.append(Formats.format("%12s", count(p.count()))).toString());
    }

    private static void adaptive(StringBuilder out, RunReport r) {
        if (r.probes().isEmpty() && r.capacity() == null) {
            return;
        }
        line(out, r.capacity() == null ? "Adaptive search: no capacity found"
                : Formats.format("Adaptive search: capacity %s (%s)", r.settings().closedModel()
                        ? Formats.count(Math.round(r.capacity().rps())) + " users" : Formats.rps(r.capacity().rps()),
                        r.capacity().note()));
        line(out, Formats.format(PROBE_COLUMNS, "round", "t, s", "rate", "p99", "errors", "timeouts", "verdict",
                "phase") + "reason");
        for (ProbeRow p : r.probes()) {
            String cells = Formats.format(PROBE_COLUMNS, p.round(), Formats.format("%.1f", p.t()),
                    Formats.rps(p.rate()), Formats.millis(p.p99Ms()), Formats.percentFixed(p.errorRatio()),
                    Formats.percentFixed(p.timeoutRatio()), p.verdict(), p.phase());
            line(out, cells + cut(p.reason(), WIDTH - cells.length()));
        }
        out.append('\n');
    }

    private static void thresholds(StringBuilder out, List<ThresholdResult> results) {
        if (results.isEmpty()) {
            return;
        }
        long failed = results.stream().filter(t -> !t.passed()).count();
        line(out, Formats.format("Thresholds: %d of %d passed", results.size() - failed, results.size()));
        int width = results.stream().mapToInt(t -> t.expression().length()).max().orElse(0);
        for (ThresholdResult t : results) {
            line(out, Formats.format("  %s  %-" + width + "s  actual %s", t.passed() ? "PASS" : "FAIL", t.expression(),
                    t.actual()));
        }
        out.append('\n');
    }

    private static void statusCodes(StringBuilder out, Map<Integer, Long> codes) {
        if (codes.isEmpty()) {
            line(out, "Status codes: none received");
            return;
        }
        List<Map.Entry<Integer, Long>> top = codes.entrySet().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .toList();
        StringBuilder text = new StringBuilder("Status codes:");
        top.stream().limit(TOP_STATUS_CODES)
                .forEach(e -> text.append(Formats.format("  %d: %s", e.getKey(), count(e.getValue()))));
        if (top.size() > TOP_STATUS_CODES) {
            text.append(Formats.format("  (%d more)", top.size() - TOP_STATUS_CODES));
        }
        line(out, text.toString());
    }

    /** Responses by the HTTP version they came over (report.json has them by status code too). */
    private static void protocols(StringBuilder out, Map<String, Map<Integer, Long>> protocols) {
        if (protocols.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder("Protocols:");
        protocols.forEach((protocol, codes) -> text.append(Formats.format("  %s: %s", protocol,
                count(codes.values().stream().mapToLong(Long::longValue).sum()))));
        line(out, text.toString());
    }

    /** The stages, whole, wrapped after a comma where a line would pass the width. */
    private static void shape(StringBuilder out, String stages) {
        String label = Formats.format("  %-10s", "shape");
        int room = WIDTH - label.length();
        StringBuilder current = new StringBuilder();
        boolean first = true;
        for (String stage : stages.split(",")) {
            if (current.length() > 0 && current.length() + 1 + stage.length() > room) {
                line(out, (first ? label : " ".repeat(label.length())) + current + ",");
                first = false;
                current.setLength(0);
            }
            current.append(current.length() > 0 ? "," : "").append(stage);
        }
        line(out, (first ? label : " ".repeat(label.length())) + current);
    }

    private static void line(StringBuilder out, String text) {
        out.append(text.stripTrailing()).append('\n');
    }

    /** {@code text} cut to {@code room} characters, ending in {@value #CUT} when cut. */
    private static String cut(String text, int room) {
        if (text.length() <= room) {
            return text;
        }
        return room <= CUT.length() ? CUT : text.substring(0, room - CUT.length()) + CUT;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Formats.format("%.0f", value) : Formats.format("%s", value);
    }

    /** Bytes in binary units, one decimal: 12.3 MiB. */
    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : Formats.format("%.1f %s", v, units[u]);
    }
}
