package dev.imager.coordinator.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * What a threshold can measure. Plain latency names ({@code p99}, {@code max}) are the corrected latency,
 * measured from the planned send instant, because that is what users of the target feel; the
 * {@code service-} variants are the uncorrected service time. Every metric has a kind that fixes how its
 * limit is written and in which base unit it is compared: milliseconds, a fraction, or a count.
 */
public enum ThresholdMetric {
    P50("p50", Kind.LATENCY, t -> latency(t.latencyMs(), Percentiles::p50)),
    P90("p90", Kind.LATENCY, t -> latency(t.latencyMs(), Percentiles::p90)),
    P99("p99", Kind.LATENCY, t -> latency(t.latencyMs(), Percentiles::p99)),
    P999("p99.9", Kind.LATENCY, t -> latency(t.latencyMs(), Percentiles::p999)),
    MAX("max", Kind.LATENCY, t -> latency(t.latencyMs(), Percentiles::max)),
    MEAN("mean", Kind.LATENCY, t -> latency(t.latencyMs(), Percentiles::mean)),
    SERVICE_P50("service-p50", Kind.LATENCY, t -> latency(t.serviceTimeMs(), Percentiles::p50)),
    SERVICE_P90("service-p90", Kind.LATENCY, t -> latency(t.serviceTimeMs(), Percentiles::p90)),
    SERVICE_P99("service-p99", Kind.LATENCY, t -> latency(t.serviceTimeMs(), Percentiles::p99)),
    SERVICE_P999("service-p99.9", Kind.LATENCY, t -> latency(t.serviceTimeMs(), Percentiles::p999)),
    SERVICE_MAX("service-max", Kind.LATENCY, t -> latency(t.serviceTimeMs(), Percentiles::max)),
    SERVICE_MEAN("service-mean", Kind.LATENCY, t -> latency(t.serviceTimeMs(), Percentiles::mean)),
    /** failed / sent. */
    ERROR_RATE("error-rate", Kind.FRACTION, t -> ratio(t.failed(), t.sent())),
    /** timeouts / sent. */
    TIMEOUT_RATE("timeout-rate", Kind.FRACTION, t -> ratio(t.timeout(), t.sent())),
    /** dropped / planned. */
    DROPPED_RATE("dropped-rate", Kind.FRACTION, t -> ratio(t.dropped(), t.planned())),
    /** lost / planned. */
    LOST_RATE("lost-rate", Kind.FRACTION, t -> ratio(t.lost(), t.planned())),
    /** achieved rate / planned rate. */
    ACHIEVED_RATE("achieved-rate", Kind.FRACTION, ThresholdMetric::achieved),
    /** Requests sent. */
    REQUESTS("requests", Kind.COUNT, t -> count(t.sent())),
    /** Requests sent that failed. */
    ERRORS("errors", Kind.COUNT, t -> count(t.failed())),
    DROPPED("dropped", Kind.COUNT, t -> count(t.dropped())),
    LOST("lost", Kind.COUNT, t -> count(t.lost()));

    /** How a metric's limit is written and compared. */
    public enum Kind {
        /** A duration with a unit ({@code us}, {@code µs}, {@code ms}, {@code s}), compared in ms. */
        LATENCY,
        /** A percentage ({@code 1%}) or a plain fraction ({@code 0.01}), compared as a fraction. */
        FRACTION,
        /** A whole number of requests. */
        COUNT
    }

    private final String cliName;
    private final Kind kind;
    private final Function<ReportTotals, Measurement> measure;

    ThresholdMetric(String cliName, Kind kind, Function<ReportTotals, Measurement> measure) {
        this.cliName = cliName;
        this.kind = kind;
        this.measure = measure;
    }

    /** The name written in a threshold expression. */
    public String cliName() {
        return cliName;
    }

    public Kind kind() {
        return kind;
    }

    /** The metric named {@code name} (case-insensitive; {@code p999} also means {@code p99.9}). */
    static Optional<ThresholdMetric> byName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT).replace("p999", "p99.9");
        return Arrays.stream(values()).filter(m -> m.cliName.equals(wanted)).findFirst();
    }

    Measurement measure(ReportTotals totals) {
        return measure.apply(totals);
    }

    private static Measurement latency(Percentiles p, ToDoubleFunction<Percentiles> which) {
        if (p.count() == 0) {
            return Measurement.NO_DATA;
        }
        double ms = which.applyAsDouble(p);
        return Measurement.exact(BigDecimal.valueOf(ms), Formats.millis(ms));
    }

    private static Measurement ratio(long part, long whole) {
        if (whole == 0) {
            return Measurement.NO_DATA;
        }
        return new Measurement(BigDecimal.valueOf(part), BigDecimal.valueOf(whole),
                Formats.percent((double) part / whole) + " (" + Formats.count(part) + " of " + Formats.count(whole)
                        + ")");
    }

    private static Measurement achieved(ReportTotals t) {
        if (t.plannedRate() == 0) {
            return Measurement.NO_DATA;
        }
        return new Measurement(BigDecimal.valueOf(t.achievedRate()), BigDecimal.valueOf(t.plannedRate()),
                Formats.percent(t.achievedRate() / t.plannedRate()) + " (" + Formats.rps(t.achievedRate()) + " of "
                        + Formats.rps(t.plannedRate()) + ")");
    }

    private static Measurement count(long n) {
        return Measurement.exact(BigDecimal.valueOf(n), Formats.count(n));
    }
}
