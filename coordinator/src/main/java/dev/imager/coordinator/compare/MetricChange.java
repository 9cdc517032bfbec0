package dev.imager.coordinator.compare;

/**
 * One row of a comparison: a metric in run A and run B, how it changed, and whether the change is beyond what
 * chance makes ({@link NoiseBound}).
 *
 * @param metric the metric's {@code --fail-on} name, e.g. {@code p99}
 * @param label its name in tables, e.g. {@code service time p99}
 * @param kind how its values are written: {@code LATENCY} (ms), {@code RATE} and {@code CAPACITY} (requests/s),
 *     {@code FRACTION} (0..1)
 * @param a run A's value; null when A has no data for it
 * @param b run B's value; null when B has no data for it
 * @param delta {@code b - a}, in the metric's unit; null when either is missing
 * @param relative {@code (b - a) / a}; null when either is missing, or when a is 0 and b is not
 * @param noise the bound on |b - a| chance allows, in the metric's unit; null when unknown (too few rounds, an
 *     extreme value, or the capacity, whose bound is {@code noiseNote})
 * @param beyondNoise whether |b - a| exceeds the bound; null when it cannot be told
 * @param direction {@code worse}, {@code better} or {@code changed} (a metric that is neither) when beyond noise;
 *     empty otherwise
 * @param noiseNote how the bound was found, in words
 */
public record MetricChange(String metric, String label, String kind, Double a, Double b, Double delta,
        Double relative, Double noise, Boolean beyondNoise, String direction, String noiseNote) {

    /** The row of {@code metric} for the two values and the noise bound found for them. */
    static MetricChange of(CompareMetric metric, Double a, Double b, Double noise, Boolean beyondNoise,
            String noiseNote) {
        Double delta = a == null || b == null ? null : b - a;
        Double relative = null;
        if (delta != null && a != 0) {
            relative = delta / a;
        } else if (delta != null && delta == 0) {
            relative = 0.0;
        }
        String direction = "";
        if (Boolean.TRUE.equals(beyondNoise)) {
            direction = switch (metric.better()) {
                case LOWER -> delta > 0 ? "worse" : "better";
                case HIGHER -> delta < 0 ? "worse" : "better";
                case NEITHER -> "changed";
            };
        }
        return new MetricChange(metric.cliName(), metric.label(), metric.kind().name(), a, b, delta, relative, noise,
                beyondNoise, direction, noiseNote);
    }
}
