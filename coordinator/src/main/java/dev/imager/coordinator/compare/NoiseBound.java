package dev.imager.coordinator.compare;

import dev.imager.coordinator.report.ProbeRow;
import dev.imager.coordinator.report.RunReport;
import java.util.OptionalDouble;

/**
 * How large a difference between two runs chance alone makes, so a comparison marks only the changes beyond it.
 * Three rules, one per kind of number (docs/reports.md, "Comparing runs"):
 *
 * <ul>
 *   <li><b>Per-round spread</b> (rates, latency percentiles): each measured round is a sample of the metric. With
 *       n rounds of sample variance s² in each run, the run values differ by chance within
 *       {@code 2 * sqrt(s_A²/n_A + s_B²/n_B)}, two standard errors of the difference of means (about 95 % for
 *       normal noise). A run whose rate changes round by round (a ramp, a search) spreads its rounds by design,
 *       which makes the bound wide: compare steady runs for a tight one. At least {@value #MIN_ROUNDS} measured
 *       rounds per run, else the bound is unknown.</li>
 *   <li><b>Counts</b> (error, timeout, dropped and lost rates): a two-proportion test on the run's counts,
 *       {@code 1.96 * sqrt(p (1 - p) (1/n_A + 1/n_B))} with p the pooled fraction; failures come in bursts more than
 *       independent trials would, so the per-round spread is taken when it is larger.</li>
 *   <li><b>The capacity</b>: the adaptive search brackets it between the capacity found and the lowest failing
 *       probe above it; two capacities differ beyond noise when their brackets do not overlap.</li>
 * </ul>
 */
public final class NoiseBound {

    /** Fewer measured rounds than this in either run leave the per-round bound unknown. */
    public static final int MIN_ROUNDS = 3;
    /** Standard errors of the difference that chance is allowed: about a 95 % interval. */
    static final double ROUND_STANDARD_ERRORS = 2.0;
    /** The normal quantile of a two-sided 95 % test of two proportions. */
    static final double PROPORTION_Z = 1.96;

    private NoiseBound() {
    }

    /** The per-round bound on |B - A| for a metric whose rounds gave {@code a} and {@code b}; empty if too few. */
    public static OptionalDouble perRound(double[] a, double[] b) {
        if (a.length < MIN_ROUNDS || b.length < MIN_ROUNDS) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(ROUND_STANDARD_ERRORS * Math.sqrt(variance(a) / a.length + variance(b) / b.length));
    }

    /** The two-proportion bound on |p_B - p_A|: {@code partA} of {@code wholeA} against {@code partB} of {@code wholeB}. */
    public static OptionalDouble proportion(long partA, long wholeA, long partB, long wholeB) {
        if (wholeA == 0 || wholeB == 0) {
            return OptionalDouble.empty();
        }
        double pooled = (double) (partA + partB) / (wholeA + wholeB);
        return OptionalDouble.of(PROPORTION_Z * Math.sqrt(pooled * (1 - pooled) * (1.0 / wholeA + 1.0 / wholeB)));
    }

    /**
     * The adaptive search's bracket of a run's capacity: from the capacity found (it passed) up to the lowest
     * probe above it that failed; infinite above when none did (the capacity is a lower bound: -max-rps or the
     * generator stopped the search). Empty when the run has no capacity.
     */
    public static Bracket capacity(RunReport report) {
        if (report.capacity() == null) {
            return null;
        }
        double low = report.capacity().rps();
        double high = Double.POSITIVE_INFINITY;
        for (ProbeRow p : report.probes()) {
            if (p.verdict().equals("FAIL") && p.rate() > low) {
                high = Math.min(high, p.rate());
            }
        }
        return new Bracket(low, high);
    }

    /**
     * Where a capacity lies: at least {@code low}, below {@code high}.
     *
     * @param low the capacity found, requests/s
     * @param high the lowest failing rate above it, requests/s; infinite when none
     */
    public record Bracket(double low, double high) {

        /** Whether both brackets can hold the same capacity. */
        public boolean overlaps(Bracket other) {
            return low < other.high && other.low < high;
        }

        /** {@code [200, 210)}, or {@code [200, ∞)}. */
        @Override
        public String toString() {
            return "[" + whole(low) + ", " + (Double.isInfinite(high) ? "∞" : whole(high)) + ")";
        }

        private static String whole(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
    }

    private static double variance(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
