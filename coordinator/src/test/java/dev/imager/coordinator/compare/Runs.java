package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.Capacity;
import dev.imager.coordinator.report.Percentiles;
import dev.imager.coordinator.report.ProbeRow;
import dev.imager.coordinator.report.ReportSettings;
import dev.imager.coordinator.report.ReportTotals;
import dev.imager.coordinator.report.RoundRow;
import dev.imager.coordinator.report.RunReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongToDoubleFunction;

/**
 * Reports of steady runs for the comparison tests: every round at one rate, its p50 given per round (the other
 * percentiles follow from it), a number of 5xx per round; totals summed from the rounds as the run loop sums them.
 */
final class Runs {

    static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

    private Runs() {
    }

    static ReportSettings settings(String calculator) {
        return new ReportSettings("http://127.0.0.1:8080", "url", calculator, 100, 100, 1, 0, "uniform", 1, 2_000,
                "random-sum", 2, true, "1.1", 0, "", "");
    }

    static Percentiles latency(double p50, long count) {
        return new Percentiles(p50, p50 * 1.5, p50 * 2, p50 * 3, p50 * 4, p50 * 1.1, count);
    }

    /** {@code rounds} one-second rounds at {@code rate}, round n with p50 {@code p50.applyAsDouble(n)} ms. */
    static RunReport steady(String id, int rounds, long rate, LongToDoubleFunction p50, long errorsPerRound) {
        List<RoundRow> rows = new ArrayList<>();
        for (long n = 0; n < rounds; n++) {
            long ok = rate - errorsPerRound;
            rows.add(new RoundRow(n, n, rate, rate, rate, ok, 0, errorsPerRound, 0, 0, 0, 0, 0,
                    latency(p50.applyAsDouble(n), rate), latency(p50.applyAsDouble(n) * 0.8, rate), 0.1, null,
                    false));
        }
        double mean = 0;
        for (long n = 0; n < rounds; n++) {
            mean += p50.applyAsDouble(n) / rounds;
        }
        long planned = rate * rounds;
        long errors = errorsPerRound * rounds;
        ReportTotals totals = new ReportTotals(rounds, 0, planned, planned, planned - errors, 0, errors, 0, 0, 0, 0, 0,
                Map.of(200, planned - errors), Map.of(), planned * 100, rounds, rate, rate, (double) errors / planned,
                latency(mean, planned), latency(mean * 0.8, planned), new Percentiles(0.1, 0.1, 0.1, 0.1, 0.1, 0.1,
                planned));
        return new RunReport(id, "coord-1", "0.1.0", START, START.plusSeconds(rounds), "duration reached",
                settings("step"), totals, rows, List.of(), null, List.of(), List.of());
    }

    /** {@code report} with an adaptive search's capacity and a failing probe at {@code failedAt} (0: none). */
    static RunReport withCapacity(RunReport report, double capacity, double failedAt) {
        List<ProbeRow> probes = new ArrayList<>();
        probes.add(new ProbeRow(1, 1, capacity, 10, 0, 0, "PASS", "", "ramp"));
        if (failedAt > 0) {
            probes.add(new ProbeRow(2, 2, failedAt, 300, 0.1, 0, "FAIL", "p99 300 ms > 200 ms", "bisect"));
        }
        return new RunReport(report.runId(), report.coordinatorId(), report.version(), report.startedAt(),
                report.endedAt(), report.endReason(), settings("adaptive-exponential"), report.totals(),
                report.rounds(), probes, new Capacity(capacity, "highest rate with p99 <= 200 ms"), report.pods(),
                report.thresholds());
    }
}
