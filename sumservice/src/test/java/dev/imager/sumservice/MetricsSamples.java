package dev.imager.sumservice;

import java.util.Optional;

/** Reads samples out of a Prometheus text exposition, as {@code /metrics} serves it. */
final class MetricsSamples {

    private MetricsSamples() {
    }

    /**
     * The value text of the first sample line for {@code series} (the metric name with its labels, exactly
     * as rendered), or empty when there is none.
     */
    static Optional<String> sample(String exposition, String series) {
        String prefix = series + " ";
        return exposition.lines().filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length())).findFirst();
    }

    /** A counter's value; 0 when the series is absent. Fails when the value is not a whole number. */
    static long count(String exposition, String series) {
        return sample(exposition, series).map(Long::parseLong).orElse(0L);
    }

    /** How much the counter {@code series} grew between two expositions (absent counts as 0). */
    static long delta(String before, String after, String series) {
        return count(after, series) - count(before, series);
    }
}
