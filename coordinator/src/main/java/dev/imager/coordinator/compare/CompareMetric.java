package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.Percentiles;
import dev.imager.coordinator.report.ReportTotals;
import dev.imager.coordinator.report.RoundRow;
import dev.imager.coordinator.report.RunReport;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

/**
 * What {@code imager compare} compares, row by row: the run's value of each (from report.json's totals, or its
 * capacity) and, where it has one, the same value per measured round, whose spread gives the noise bound
 * ({@link NoiseBound}). Latencies are the corrected latency unless named {@code service-}, as in thresholds.
 */
public enum CompareMetric {
    PLANNED_RATE("planned-rate", "planned rate", Kind.RATE, Better.NEITHER,
            rate(ReportTotals::plannedRate, (r, seconds) -> r.rate())),
    ACHIEVED_RATE("achieved-rate", "achieved rate", Kind.RATE, Better.HIGHER,
            rate(ReportTotals::achievedRate, (r, seconds) -> r.sent() / seconds)),
    P50("p50", "p50", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::p50, ReportTotals::latencyMs, RoundRow::latencyMs)),
    P90("p90", "p90", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::p90, ReportTotals::latencyMs, RoundRow::latencyMs)),
    P99("p99", "p99", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::p99, ReportTotals::latencyMs, RoundRow::latencyMs)),
    P999("p99.9", "p99.9", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::p999, ReportTotals::latencyMs, RoundRow::latencyMs)),
    /** The largest sample: an extreme value, which no spread of round values bounds; its change is never marked. */
    MAX("max", "max", Kind.LATENCY, Better.LOWER, latency(Percentiles::max, ReportTotals::latencyMs, null)),
    MEAN("mean", "mean", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::mean, ReportTotals::latencyMs, RoundRow::latencyMs)),
    SERVICE_P50("service-p50", "service time p50", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::p50, ReportTotals::serviceTimeMs, RoundRow::serviceTimeMs)),
    SERVICE_P99("service-p99", "service time p99", Kind.LATENCY, Better.LOWER,
            latency(Percentiles::p99, ReportTotals::serviceTimeMs, RoundRow::serviceTimeMs)),
    ERROR_RATE("error-rate", "error rate", Kind.FRACTION, Better.LOWER,
            fraction(ReportTotals::failed, ReportTotals::sent, RoundRow::failed, RoundRow::sent)),
    TIMEOUT_RATE("timeout-rate", "timeout rate", Kind.FRACTION, Better.LOWER,
            fraction(ReportTotals::timeout, ReportTotals::sent, RoundRow::timeout, RoundRow::sent)),
    DROPPED_RATE("dropped-rate", "dropped rate", Kind.FRACTION, Better.LOWER,
            fraction(ReportTotals::dropped, ReportTotals::planned, RoundRow::dropped, RoundRow::planned)),
    LOST_RATE("lost-rate", "lost rate", Kind.FRACTION, Better.LOWER,
            fraction(ReportTotals::lost, ReportTotals::planned, RoundRow::lost, RoundRow::planned)),
    /** The adaptive search's capacity; its noise is the search's bracket ({@link NoiseBound#capacity}). */
    CAPACITY("capacity", "capacity", Kind.CAPACITY, Better.HIGHER, new Source(
            r -> r.capacity() == null ? OptionalDouble.empty() : OptionalDouble.of(r.capacity().rps()),
            r -> new double[0], null));

    /** How a metric's values and limits are written. */
    public enum Kind {
        /** Milliseconds. */
        LATENCY,
        /** Requests per second. */
        RATE,
        /** A fraction 0..1; its absolute changes are in percentage points. */
        FRACTION,
        /** Requests per second, found by the adaptive search. */
        CAPACITY
    }

    /** Which direction of change is an improvement. */
    public enum Better {
        LOWER, HIGHER, NEITHER
    }

    private final String cliName;
    private final String label;
    private final Kind kind;
    private final Better better;
    private final Source source;

    CompareMetric(String cliName, String label, Kind kind, Better better, Source source) {
        this.cliName = cliName;
        this.label = label;
        this.kind = kind;
        this.better = better;
        this.source = source;
    }

    /**
     * Where a metric's numbers come from: the run's value, the values of its measured rounds, and, for a fraction,
     * its numerator and denominator over the run.
     */
    private record Source(Function<RunReport, OptionalDouble> run, Function<RunReport, double[]> rounds,
            Function<RunReport, long[]> counts) {
    }

    /** Rounds that measured something: sent, and not warm-up. */
    private static Stream<RoundRow> measured(RunReport report) {
        return report.rounds().stream().filter(r -> !r.warmup() && r.notSentReason() == null);
    }

    private interface RoundRate {
        double of(RoundRow round, double roundSeconds);
    }

    private static Source rate(ToDoubleFunction<ReportTotals> total, RoundRate perRound) {
        return new Source(r -> OptionalDouble.of(total.applyAsDouble(r.totals())),
                r -> measured(r).mapToDouble(row -> perRound.of(row, r.settings().roundSeconds())).toArray(), null);
    }

    /** A latency percentile of the run and of each round with samples ({@code perRound} null: no round values). */
    private static Source latency(ToDoubleFunction<Percentiles> which, Function<ReportTotals, Percentiles> total,
            Function<RoundRow, Percentiles> perRound) {
        return new Source(r -> {
            Percentiles p = total.apply(r.totals());
            return p.count() > 0 ? OptionalDouble.of(which.applyAsDouble(p)) : OptionalDouble.empty();
        }, r -> perRound == null ? new double[0] : measured(r).map(perRound)
                .filter(p -> p.count() > 0).mapToDouble(which).toArray(), null);
    }

    private static Source fraction(ToLongFunction<ReportTotals> part, ToLongFunction<ReportTotals> whole,
            ToLongFunction<RoundRow> roundPart, ToLongFunction<RoundRow> roundWhole) {
        Predicate<RoundRow> hasWhole = row -> roundWhole.applyAsLong(row) > 0;
        return new Source(r -> {
            long w = whole.applyAsLong(r.totals());
            return w == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) part.applyAsLong(r.totals()) / w);
        }, r -> measured(r).filter(hasWhole)
                .mapToDouble(row -> (double) roundPart.applyAsLong(row) / roundWhole.applyAsLong(row)).toArray(),
                r -> new long[] {part.applyAsLong(r.totals()), whole.applyAsLong(r.totals())});
    }

    /** The name written in {@code --fail-on}. */
    public String cliName() {
        return cliName;
    }

    /** The name shown in tables. */
    public String label() {
        return label;
    }

    public Kind kind() {
        return kind;
    }

    public Better better() {
        return better;
    }

    /** The metric named {@code name} (case-insensitive; {@code p999} also means {@code p99.9}). */
    public static Optional<CompareMetric> byName(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace("p999", "p99.9");
        return Arrays.stream(values()).filter(m -> m.cliName.equals(wanted)).findFirst();
    }

    /** The run's value (ms, requests/s or a fraction); empty when the run has no data for it. */
    public OptionalDouble value(RunReport report) {
        return source.run().apply(report);
    }

    /** The value of each measured round that has data for it, for the noise bound; empty when there is none. */
    public double[] perRound(RunReport report) {
        return source.rounds().apply(report);
    }

    /** For a fraction, its numerator and denominator over the run (e.g. failed and sent); null otherwise. */
    public long[] counts(RunReport report) {
        return source.counts() == null ? null : source.counts().apply(report);
    }
}
