package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.ReportSettings;
import dev.imager.coordinator.report.RunReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Two runs side by side ({@code imager compare A B}): every {@link CompareMetric} with its change and noise bound,
 * and the settings the runs differ in (a comparison of different loads says little about the target).
 *
 * @param a run A, the baseline
 * @param b run B, the candidate
 * @param metrics one row per metric, in {@link CompareMetric} order
 * @param settingDifferences each setting the two runs differ in, as {@code name: A vs B}
 */
public record RunComparison(Run a, Run b, List<MetricChange> metrics, List<String> settingDifferences) {

    public RunComparison {
        metrics = List.copyOf(metrics);
        settingDifferences = List.copyOf(settingDifferences);
    }

    /**
     * What identifies a compared run.
     *
     * @param source where its report came from (the path given)
     * @param runId its run id
     * @param startedAt its start, ISO-8601 UTC
     * @param durationSeconds its measured length, s
     * @param rounds its measured rounds
     */
    public record Run(String source, String runId, String startedAt, double durationSeconds, long rounds) {

        static Run of(String source, RunReport report) {
            return new Run(source, report.runId(), report.startedAt().toString(), report.totals().durationSeconds(),
                    report.totals().rounds());
        }
    }

    /** Compares {@code b} against {@code a}; {@code sourceA} and {@code sourceB} say where they came from. */
    public static RunComparison of(String sourceA, RunReport a, String sourceB, RunReport b) {
        List<MetricChange> rows = new ArrayList<>();
        for (CompareMetric m : CompareMetric.values()) {
            rows.add(row(m, a, b));
        }
        return new RunComparison(Run.of(sourceA, a), Run.of(sourceB, b), rows, differences(a.settings(), b.settings()));
    }

    /** The row of {@code metric}. */
    public MetricChange change(CompareMetric metric) {
        return metrics.get(metric.ordinal());
    }

    private static MetricChange row(CompareMetric m, RunReport a, RunReport b) {
        Double va = boxed(m.value(a));
        Double vb = boxed(m.value(b));
        if (m == CompareMetric.CAPACITY) {
            NoiseBound.Bracket ba = NoiseBound.capacity(a);
            NoiseBound.Bracket bb = NoiseBound.capacity(b);
            if (ba == null || bb == null) {
                return MetricChange.of(m, va, vb, null, null, "no adaptive search in " + (ba == null ? "A" : "B"));
            }
            return MetricChange.of(m, va, vb, null, !ba.overlaps(bb), "search brackets: A in " + ba + ", B in " + bb);
        }
        if (va == null || vb == null) {
            return MetricChange.of(m, va, vb, null, null, "no data in " + (va == null ? "A" : "B"));
        }
        OptionalDouble spread = NoiseBound.perRound(m.perRound(a), m.perRound(b));
        OptionalDouble bound = spread;
        String note = spread.isPresent() ? "2 standard errors of the per-round values"
                : m == CompareMetric.MAX ? "an extreme value: no bound"
                : "fewer than " + NoiseBound.MIN_ROUNDS + " measured rounds";
        long[] ca = m.counts(a);
        if (ca != null) {
            long[] cb = m.counts(b);
            OptionalDouble counts = NoiseBound.proportion(ca[0], ca[1], cb[0], cb[1]);
            if (counts.isPresent() && (spread.isEmpty() || counts.getAsDouble() >= spread.getAsDouble())) {
                bound = counts;
                note = "two-proportion test on " + ca[1] + " and " + cb[1] + " requests";
            }
        }
        if (bound.isEmpty()) {
            return MetricChange.of(m, va, vb, null, null, note);
        }
        return MetricChange.of(m, va, vb, bound.getAsDouble(), Math.abs(vb - va) > bound.getAsDouble(), note);
    }

    private static Double boxed(OptionalDouble v) {
        return v.isPresent() ? v.getAsDouble() : null;
    }

    private static List<String> differences(ReportSettings a, ReportSettings b) {
        List<String> out = new ArrayList<>();
        differ(out, "target", a.target(), b.target());
        differ(out, "target mode", a.targetMode(), b.targetMode());
        differ(out, "load calculator", a.loadCalculator(), b.loadCalculator());
        differ(out, "load shape", a.shape(), b.shape());
        differ(out, "min rps", a.minRps(), b.minRps());
        differ(out, "max rps", a.maxRps(), b.maxRps());
        differ(out, "step rps", a.stepRps(), b.stepRps());
        differ(out, "adaptive p99 limit, ms", a.adaptiveMaxLatencyMs(), b.adaptiveMaxLatencyMs());
        differ(out, "arrival", a.arrival(), b.arrival());
        differ(out, "round length, s", a.roundSeconds(), b.roundSeconds());
        differ(out, "request timeout, ms", a.requestTimeoutMs(), b.requestTimeoutMs());
        differ(out, "request source", a.requestSource(), b.requestSource());
        differ(out, "workers", a.workers(), b.workers());
        differ(out, "local mode", a.local(), b.local());
        return out;
    }

    private static void differ(List<String> out, String name, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(name + ": " + a + " vs " + b);
        }
    }
}
