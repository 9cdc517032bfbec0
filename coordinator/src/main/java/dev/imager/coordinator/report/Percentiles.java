package dev.imager.coordinator.report;

import dev.imager.protocol.latency.LatencySnapshot;

/**
 * A latency distribution reduced to what a report shows, in milliseconds with microsecond precision (the
 * histograms record microseconds). A distribution with no samples is all zeros with {@code count == 0};
 * readers must check {@code count} before trusting a zero.
 *
 * @param p50 median, ms
 * @param p90 90th percentile, ms
 * @param p99 99th percentile, ms
 * @param p999 99.9th percentile, ms
 * @param max largest sample, ms
 * @param mean arithmetic mean, ms (rounded to the microsecond)
 * @param count number of samples
 */
public record Percentiles(double p50, double p90, double p99, double p999, double max, double mean, long count) {

    /** No samples. */
    public static final Percentiles NONE = new Percentiles(0, 0, 0, 0, 0, 0, 0);

    private static final double MICROS_PER_MILLI = 1_000.0;

    public Percentiles {
        ReportValueChecks.finiteNonNegative(p50, "p50");
        ReportValueChecks.finiteNonNegative(p90, "p90");
        ReportValueChecks.finiteNonNegative(p99, "p99");
        ReportValueChecks.finiteNonNegative(p999, "p999");
        ReportValueChecks.finiteNonNegative(max, "max");
        ReportValueChecks.finiteNonNegative(mean, "mean");
        ReportValueChecks.nonNegative(count, "count");
    }

    /** Reduces a histogram of microseconds; percentiles never get averaged, they come from the merged histogram. */
    public static Percentiles of(LatencySnapshot micros) {
        if (micros.isEmpty()) {
            return NONE;
        }
        return new Percentiles(
                ms(micros.valueAtPercentileMicros(50)),
                ms(micros.valueAtPercentileMicros(90)),
                ms(micros.valueAtPercentileMicros(99)),
                ms(micros.valueAtPercentileMicros(99.9)),
                ms(micros.maxMicros()),
                ms(Math.round(micros.meanMicros())),
                micros.count());
    }

    private static double ms(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
