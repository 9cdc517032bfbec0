package dev.imager.coordinator.report;

import dev.imager.coordinator.config.Preset;
import dev.imager.coordinator.config.StageList;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Deterministic reports for tests: totals are always the sums of the rounds, as the run loop makes them. */
final class SampleReports {

    static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    private SampleReports() {
    }

    static ReportSettings settings(String calculator, double roundSeconds) {
        return new ReportSettings("http://sum.default.svc:8080", "url", calculator, 50, 800, 50, 200, "uniform",
                roundSeconds, 2_000, "sum-pairs", 2, false, "auto", 10, "", "");
    }

    static Percentiles latency(double p50) {
        return new Percentiles(p50, p50 * 2, p50 * 4, p50 * 6, p50 * 8, p50 * 1.3, 100);
    }

    /** A sent round: {@code failed} split over the failure kinds, then ok, dropped and lost. */
    static RoundRow round(long n, double t, double rate, long planned, long dropped, long lost, long http5xx,
            long timeout, double p50) {
        long http4xx = n % 7 == 0 ? 1 : 0;
        long connectError = n % 11 == 0 ? 1 : 0;
        long otherError = n % 13 == 0 ? 1 : 0;
        long ok = planned - dropped - lost - http4xx - http5xx - timeout - connectError - otherError;
        long sent = planned - dropped - lost;
        Percentiles lat = latency(p50);
        Percentiles service = new Percentiles(p50 * 0.8, p50 * 1.4, p50 * 2, p50 * 3, p50 * 8, p50, 100);
        return new RoundRow(n, t, rate, planned, sent, ok, http4xx, http5xx, timeout, connectError, otherError,
                dropped, lost, lat, service, p50 / 10, null, false);
    }

    static RoundRow notSent(long n, double t, double rate, long planned, String reason) {
        return new RoundRow(n, t, rate, planned, 0, 0, 0, 0, 0, 0, 0, planned, 0, Percentiles.NONE, Percentiles.NONE,
                0, reason, false);
    }

    /** Totals summed from rounds; latencies given, since percentiles cannot be summed. */
    static ReportTotals totals(List<RoundRow> rounds, double seconds, Map<Integer, Long> codes, Percentiles latency,
            Percentiles service, Percentiles lag) {
        long planned = 0;
        long sent = 0;
        long ok = 0;
        long h4 = 0;
        long h5 = 0;
        long to = 0;
        long ce = 0;
        long oe = 0;
        long dr = 0;
        long lo = 0;
        long notSent = 0;
        Map<String, Long> droppedBy = new HashMap<>();
        for (RoundRow r : rounds) {
            planned += r.planned();
            sent += r.sent();
            ok += r.ok();
            h4 += r.http4xx();
            h5 += r.http5xx();
            to += r.timeout();
            ce += r.connectError();
            oe += r.otherError();
            dr += r.dropped();
            lo += r.lost();
            notSent += r.notSentReason() == null ? 0 : 1;
            if (r.dropped() > 0) {
                droppedBy.merge(r.notSentReason() == null ? "not sent on time" : r.notSentReason(), r.dropped(),
                        Long::sum);
            }
        }
        double errorRate = sent == 0 ? 0 : (double) (h4 + h5 + to + ce + oe) / sent;
        return new ReportTotals(rounds.size(), notSent, planned, sent, ok, h4, h5, to, ce, oe, dr, lo, codes,
                Map.of("HTTP/2", codes), sent * 1_234, seconds, planned / seconds, sent / seconds, errorRate, latency, service, lag,
                droppedBy);
    }

    /** Five one-second rounds, two probes, one pod, two thresholds: small enough for a golden text. */
    static RunReport small() {
        List<RoundRow> rounds = List.of(
                round(1, 0, 100, 100, 0, 0, 0, 0, 2.5),
                round(2, 1, 200, 200, 0, 0, 1, 0, 3.1),
                round(3, 2, 300, 300, 2, 0, 3, 1, 4.75),
                notSent(4, 3, 400, 400, "no live worker"),
                round(5, 4, 400, 400, 5, 3, 8, 2, 12.4));
        ReportTotals totals = totals(rounds, 5.0, Map.of(200, 975L, 503, 12L),
                new Percentiles(3.1, 9.8, 24.6, 48.2, 99.1, 4.2, 987),
                new Percentiles(2.5, 7.9, 19.0, 30.5, 60.25, 3.3, 987),
                new Percentiles(0.12, 0.3, 1.1, 2.0, 5.5, 0.2, 987));
        List<ProbeRow> probes = List.of(
                new ProbeRow(2, 1, 200, 6.2, 0.005, 0, "PASS", "", "ramp"),
                new ProbeRow(5, 4, 400, 49.6, 0.0281, 0.0051, "FAIL", "p99 49.6 ms > 40 ms", "bisect"));
        List<PodSeries> pods = List.of(new PodSeries("default", "sum-7d9f", List.of(
                new PodPoint(0, 120, 64L << 20), new PodPoint(2.5, 480, 70L << 20), new PodPoint(5, 910, 72L << 20))));
        RunReport base = new RunReport("run-small", "coord-1", "0.1.0", START, START.plusSeconds(5),
                "duration reached", settings("adaptive-exponential", 1), totals, rounds, probes,
                new Capacity(200, "highest rate with p99 <= 40 ms"), pods, List.of());
        return base.withThresholds(Thresholds.evaluate(
                Thresholds.parseAll(List.of("p99<250ms", "error-rate<1%")), base.totals()));
    }

    /** {@link #small()} as a run of the {@code burst} preset at its own peak: a shape too long for one line. */
    static RunReport staged() {
        RunReport r = small();
        ReportSettings s = r.settings();
        ReportSettings staged = new ReportSettings(s.target(), s.targetMode(), "stages", s.minRps(), 1000, s.stepRps(),
                s.adaptiveMaxLatencyMs(), s.arrival(), s.roundSeconds(), s.requestTimeoutMs(), s.requestSource(),
                s.workers(), s.local(), s.httpVersion(), s.maxRedirects(),
                StageList.format(Preset.BURST.stages(1000)), "burst");
        return new RunReport(r.runId(), r.coordinatorId(), r.version(), r.startedAt(), r.endedAt(), "load shape ended",
                staged, r.totals(), r.rounds(), List.of(), null, r.pods(), r.thresholds());
    }

    /** {@link #small()} as a closed-model run of 20 users thinking 100 ms. */
    static RunReport closed() {
        RunReport r = small();
        ReportSettings s = r.settings();
        ReportSettings closed = new ReportSettings(s.target(), s.targetMode(), "step", 20, 20, 1,
                s.adaptiveMaxLatencyMs(), s.arrival(), s.roundSeconds(), s.requestTimeoutMs(), s.requestSource(),
                s.workers(), s.local(), s.httpVersion(), s.maxRedirects(), "", "", "closed", 20, 100);
        return new RunReport(r.runId(), r.coordinatorId(), r.version(), r.startedAt(), r.endedAt(), r.endReason(),
                closed, r.totals(), r.rounds(), List.of(), null, r.pods(), r.thresholds());
    }

    /**
     * Sixty one-second rounds ramping from 50 to 600 rps then holding; errors, drops and losses grow with
     * the rate; eight probes with a capacity; two pods sampled every five seconds.
     */
    static RunReport realistic() {
        List<RoundRow> rounds = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long n = i + 1;
            double rate = Math.min(600, 50 + 10 * i);
            long planned = (long) rate;
            if (i == 30) {
                rounds.add(notSent(n, i, rate, planned, "no live worker"));
                continue;
            }
            long over = Math.max(0, planned - 400);
            rounds.add(round(n, i, rate, planned, over / 20, i % 9 == 0 ? 2 : 0, over / 10 + 1, over / 25,
                    2 + i * 0.35 + over * 0.2));
        }
        ReportTotals totals = totals(rounds, 60.0, Map.of(200, 24_000L, 503, 1_500L, 404, 7L, 429, 3L),
                new Percentiles(7.25, 41.5, 118.75, 240.5, 610.0, 19.8, 25_000),
                new Percentiles(5.5, 30.25, 80.0, 150.5, 420.0, 14.2, 25_000),
                new Percentiles(0.2, 0.6, 2.4, 9.5, 31.0, 0.4, 25_000));
        List<ProbeRow> probes = new ArrayList<>();
        String[] verdicts = {"PASS", "PASS", "PASS", "PASS", "FAIL", "RECOVERY_PASS", "PASS", "FAIL"};
        String[] phases = {"ramp", "ramp", "ramp", "ramp", "ramp", "recover", "bisect", "bisect"};
        for (int k = 0; k < 8; k++) {
            int round = 5 + 7 * k;
            RoundRow r = rounds.get(round - 1);
            boolean fail = verdicts[k].equals("FAIL");
            probes.add(new ProbeRow(round, r.t(), r.rate(), r.latencyMs().p99(), fail ? 0.03 : 0.001, fail ? 0.01 : 0,
                    verdicts[k], fail ? "p99 " + r.latencyMs().p99() + " ms > 200 ms" : "", phases[k]));
        }
        List<PodSeries> pods = new ArrayList<>();
        for (String pod : List.of("sum-7d9f-a", "sum-7d9f-b")) {
            List<PodPoint> points = new ArrayList<>();
            for (int s = 0; s <= 60; s += 5) {
                boolean first = pod.endsWith("a");
                points.add(new PodPoint(s, 100 + s * (first ? 14 : 11), (80L + s / (first ? 2 : 3)) << 20));
            }
            pods.add(new PodSeries("default", pod, points));
        }
        RunReport base = new RunReport("run-realistic", "coord-1", "0.1.0", START, START.plusSeconds(60),
                "duration reached", settings("adaptive-exponential", 1), totals, rounds, probes,
                new Capacity(430, "highest rate with p99 <= 200 ms"), pods, List.of());
        return base.withThresholds(Thresholds.evaluate(Thresholds.parseAll(
                List.of("p99<250ms", "error-rate<1%", "achieved-rate>=99%", "lost<1")), base.totals()));
    }

    /** A run that never sent anything: no rounds, no responses. */
    static RunReport empty() {
        ReportTotals totals = new ReportTotals(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of(), 0, 2.0, 0, 0, 0,
                Percentiles.NONE, Percentiles.NONE, Percentiles.NONE);
        RunReport base = new RunReport("run-empty", "coord-1", "0.1.0", START, START.plusSeconds(2), "no workers",
                settings("step", 1), totals, List.of(), List.of(), null, List.of(), List.of());
        return base.withThresholds(Thresholds.evaluate(Thresholds.parseAll(List.of("p99<250ms")), totals));
    }

    /** The small report with hostile text where a user or a cluster controls it. */
    static RunReport hostile(String text) {
        RunReport r = small();
        return new RunReport(text, r.coordinatorId(), r.version(), r.startedAt(), r.endedAt(), text, r.settings(),
                r.totals(), r.rounds(), List.of(new ProbeRow(2, 1, 200, 6.2, 0, 0, "PASS", text, "ramp")),
                new Capacity(200, text), List.of(new PodSeries(text, text, r.pods().get(0).points())),
                List.of(new ThresholdResult(text, text, false)));
    }
}
