package dev.imager.coordinator.load.adaptive;

import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * What the adaptive search knows about the target's capacity: the rates that passed, the lowest that
 * failed, the generator's ceiling (a rate the load generator itself could not drive) and an untested upper
 * bound from a {@link CapacityEstimate}. Chooses the next probe: the original's bisection on multiples of
 * {@link AdaptiveExponentialCalculator#SEARCH_GRANULARITY_RPS}, below the estimate first. Pure; one thread.
 */
final class SearchRange {

    /** Distinct passing rates remembered for re-searching below a steady failure. */
    static final int MAX_REMEMBERED_PASSES = 1_000;

    private final double max;
    private final double granularity;
    private final TreeSet<Double> passes = new TreeSet<>();
    private double lowestFail = Double.POSITIVE_INFINITY;
    private double generatorCeiling = Double.POSITIVE_INFINITY;
    /** Untested: probed below first, then itself. Cleared once a probe at or above it passes or it is probed. */
    private double estimateCeiling = Double.POSITIVE_INFINITY;

    SearchRange(double max, double granularity) {
        this.max = max;
        this.granularity = granularity;
    }

    void passed(double rate) {
        passes.add(rate);
        if (passes.size() > MAX_REMEMBERED_PASSES) {
            passes.pollFirst();
        }
        if (rate >= estimateCeiling) {
            estimateCeiling = Double.POSITIVE_INFINITY;
        }
    }

    /** A failure at {@code rate}: passes at or above it are forgotten (a steady failure lowers the result). */
    void failed(double rate) {
        lowestFail = Math.min(lowestFail, rate);
        passes.tailSet(rate, true).clear();
    }

    /** The generator could not drive {@code rate}: the search stays below it. */
    void generatorLimited(double rate) {
        generatorCeiling = Math.min(generatorCeiling, rate);
        passes.tailSet(rate, true).clear();
    }

    /** Suggests looking below {@code ceiling} first; ignored when it says nothing new. True when taken. */
    boolean estimate(double ceiling) {
        if (ceiling < lowestFail) {
            estimateCeiling = ceiling;
            return true;
        }
        return false;
    }

    /**
     * The next rate to probe, or empty when the search has converged: high − low ≤ the granularity, or no
     * multiple of it lies strictly between.
     */
    OptionalDouble nextProbe() {
        double low = highestPass().orElse(0);
        double high = Math.min(lowestFail, generatorCeiling);
        if (estimateCeiling < high && estimateCeiling > low) {
            OptionalDouble below = probeBetween(low, estimateCeiling);
            if (below.isPresent()) {
                return below;
            }
            // Converged below the estimate: probe the estimate itself before trusting it.
            double ceiling = estimateCeiling;
            estimateCeiling = Double.POSITIVE_INFINITY;
            return OptionalDouble.of(ceiling);
        }
        estimateCeiling = Double.POSITIVE_INFINITY;
        return probeBetween(low, high);
    }

    /** The original's probe rule, on multiples of the granularity. */
    OptionalDouble probeBetween(double low, double high) {
        double g = granularity;
        if (high <= low || high - low <= g) {
            return OptionalDouble.empty();
        }
        double candidate = Math.floor(Math.floor((low + high) / 2) / g) * g;
        if (candidate <= low) {
            candidate = Math.ceil((low + 1) / g) * g;
        }
        if (candidate >= high) {
            candidate = Math.floor((high - 1) / g) * g;
        }
        candidate = Math.min(Math.max(candidate, 0), max);
        return candidate <= low || candidate >= high ? OptionalDouble.empty() : OptionalDouble.of(candidate);
    }

    OptionalDouble highestPass() {
        return passes.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(passes.last());
    }

    double lowestFail() {
        return lowestFail;
    }

    double generatorCeiling() {
        return generatorCeiling;
    }
}
