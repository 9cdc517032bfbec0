package dev.imager.coordinator.load.adaptive;

import java.util.OptionalDouble;
import java.util.TreeSet;

/**
 * What the search knows about the target's capacity, and where it looks next: the rates that passed, the
 * lowest that failed, the generator's ceiling (a rate the load generator itself could not drive) and a
 * guess of the capacity from an overloaded round ({@link CapacityEstimate}).
 *
 * <p>Next probe: just below a fresh guess (half a resolution step under it), so that the step above it
 * settles the bracket; after a pass near a guess, one resolution step up, then two, four... (a gallop that
 * finds the bracket's top fast when the guess was low, and is never wider than a bisection); otherwise the
 * original's bisection on the {@link Resolution}'s grain. Pure; one thread.
 */
final class SearchRange {

    /** Distinct passing rates remembered for re-searching below a steady failure. */
    static final int MAX_REMEMBERED_PASSES = 1_000;

    private final double max;
    private final Resolution resolution;
    private final TreeSet<Double> passes = new TreeSet<>();
    private double lowestFail = Double.POSITIVE_INFINITY;
    private double generatorCeiling = Double.POSITIVE_INFINITY;
    /** Where the next probe goes (from a guess, or just below a steady failure); NaN when nowhere in particular. */
    private double aim = Double.NaN;
    /** The next upward step after a pass, as a share of the highest pass; 0 = bisect. */
    private double gallop;
    /** Steps after a guess that are one resolution step each, before the gallop doubles: guesses are rarely off by more. */
    static final int SINGLE_STEPS = 3;

    /** Steps taken at the current gallop. */
    private int gallopSteps;

    SearchRange(double max, Resolution resolution) {
        this.max = max;
        this.resolution = resolution;
    }

    Resolution resolution() {
        return resolution;
    }

    void passed(double rate) {
        passes.add(rate);
        if (passes.size() > MAX_REMEMBERED_PASSES) {
            passes.pollFirst();
        }
    }

    /** A failure at {@code rate}: passes at or above it are forgotten (a steady failure lowers the result). */
    void failed(double rate) {
        lowestFail = Math.min(lowestFail, rate);
        passes.tailSet(rate, true).clear();
        gallop = 0;
        gallopSteps = 0;
    }

    /** A re-probe passed above the lowest failure: that failure no longer bounds the search. */
    void failureOutgrown() {
        lowestFail = Double.POSITIVE_INFINITY;
        gallop = Math.max(gallop, resolution.relative());
    }

    /** The generator could not drive {@code rate}: the search stays below it. */
    void generatorLimited(double rate) {
        generatorCeiling = Math.min(generatorCeiling, rate);
        passes.tailSet(rate, true).clear();
    }

    /**
     * A guess of the capacity: the next probe goes half a resolution step below it, so that the step above
     * settles the bracket. A guess at the highest pass (or less than a step under it) sends the next probe one
     * step above that pass: a failure there settles the bracket at once. Ignored elsewhere outside the bracket.
     */
    boolean guess(double capacity) {
        double low = highestPass().orElse(0);
        if (capacity > low * (1 - resolution.relative()) && capacity < top()) {
            aim = capacity * (1 - resolution.relative() / 2);
            return true;
        }
        return false;
    }

    /** The held rate failed: the next probe goes one resolution step below it, not back to the bracket's bottom. */
    void lookBelow(double failed) {
        aim = failed * (1 - resolution.relative());
    }

    /** The next rate to probe, or empty when the bracket has converged. */
    OptionalDouble nextProbe() {
        double low = highestPass().orElse(0);
        double high = top();
        if (!Double.isNaN(aim) && !resolution.converged(low, high)) {
            // At or below the highest pass, the aim says the capacity is right there: one step above it.
            // To the nearest grain: the aim is half a step under the guess already (a guess of 101 rps probes 100,
            // not 99, so that the step above it, 102, settles the bracket).
            double below = resolution.roundToGrain(aim);
            double above = resolution.above(low, resolution.relative());
            double target = Math.max(below, above);
            aim = Double.NaN;
            if (target > low && target < high) {
                // A pass there is followed by one more step, then two, four...
                gallop = resolution.relative();
                gallopSteps = below >= above ? 0 : 1;
                return OptionalDouble.of(target);
            }
        }
        aim = Double.NaN;
        if (high == Double.POSITIVE_INFINITY) {
            // Above every failure (a re-probe passed): gallop up to max.
            double up = Math.min(max, resolution.above(low, Math.max(gallop, resolution.relative())));
            gallop = Math.max(gallop, resolution.relative()) * 2;
            return up > low ? OptionalDouble.of(up) : OptionalDouble.empty();
        }
        double candidate = resolution.bisect(low, high);
        if (Double.isNaN(candidate)) {
            return OptionalDouble.empty();
        }
        if (gallop > 0) {
            double step = resolution.above(low, gallop);
            gallop *= gallopSteps++ < SINGLE_STEPS - 1 ? 1 : 2;
            if (step > low && step < candidate) {
                candidate = step;
            }
        }
        candidate = Math.min(Math.max(candidate, 0), max);
        return candidate <= low || candidate >= high ? OptionalDouble.empty() : OptionalDouble.of(candidate);
    }

    /** The rate just above the held one that a steady re-probe checks: one step up, or the lowest failure. */
    double reprobeAbove(double held) {
        double up = resolution.above(held, Math.max(resolution.relative(), resolution.minStep() / Math.max(held, 1)));
        return Math.min(Math.min(up, lowestFail), max);
    }

    /** The bottom of the bracket: the highest rate that passed and was not invalidated since. */
    OptionalDouble highestPass() {
        return passes.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(passes.last());
    }

    /** The top of the bracket: the lowest failure or the generator's ceiling. */
    double top() {
        return Math.min(lowestFail, generatorCeiling);
    }

    double lowestFail() {
        return lowestFail;
    }

    double generatorCeiling() {
        return generatorCeiling;
    }
}
