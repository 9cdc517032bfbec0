package dev.imager.coordinator.load.adaptive;

/**
 * How finely the search brackets the capacity, and on which grid it places probes.
 *
 * <p>The search has converged when the gap between the highest passing rate {@code low} and the lowest failing
 * rate {@code high} is at most {@code max(relative × low, minStep)}: relative to the rate, so that 2 % means
 * 2 rps at 100 rps and 100 rps at 5,000 rps, with {@code minStep} as a floor for tiny rates. Probes are
 * multiples of a grain, so that reports read 988 or 4,870 rps rather than 987.63: the grain is the power of
 * ten at or below a quarter of the relative step (at least {@code minStep}), so it never hides a step.
 *
 * <p>The original imager's resolution is {@code relative = 0, minStep = 10}: probes on multiples of 10 and
 * converged within 10 rps, whatever the rate ({@link #ORIGINAL}).
 *
 * @param relative the bracket's largest width as a share of its bottom (0.02 = 2 %)
 * @param minStep the absolute width (and grain) below which the search never goes, rps
 */
record Resolution(double relative, double minStep) {

    /** Within 2 % of the bottom of the bracket, and within 1 rps for rates under 50 rps. */
    static final Resolution DEFAULT = new Resolution(0.02, 1);
    /** The original's absolute 10-rps steps. */
    static final Resolution ORIGINAL = new Resolution(0, 10);

    Resolution {
        if (!(relative >= 0 && relative < 1) || !(minStep > 0)) {
            throw new IllegalArgumentException("resolution needs 0 <= relative < 1 and minStep > 0, got "
                    + relative + ", " + minStep);
        }
    }

    /** The widest bracket that counts as converged when its bottom is {@code low}. */
    double step(double low) {
        return Math.max(relative * Math.max(low, 0), minStep);
    }

    /** Probes near {@code rate} are multiples of this. */
    double grain(double rate) {
        if (relative == 0) {
            return minStep;
        }
        double quarterStep = relative * Math.max(rate, 0) / 4;
        return quarterStep < minStep ? minStep : Math.max(minStep, Math.pow(10, Math.floor(Math.log10(quarterStep))));
    }

    /** True when no probe is needed between {@code low} (passed) and {@code high} (failed). */
    boolean converged(double low, double high) {
        return high <= low || high - low <= step(low);
    }

    /** {@code rate} rounded down to the grain around it. */
    double floorToGrain(double rate) {
        double g = grain(rate);
        return Math.floor(rate / g) * g;
    }

    /**
     * A probe {@code share} above {@code low} (0.02 = 2 %), on the grain: rounded down so the bracket it makes
     * stays within the step, but always above {@code low}.
     */
    double above(double low, double share) {
        double down = floorToGrain(low * (1 + share));
        return down > low ? down : ceilToGrain(low * (1 + share) + Math.ulp(low));
    }

    /** {@code rate} rounded to the nearest grain multiple around it. */
    double roundToGrain(double rate) {
        double g = grain(rate);
        return Math.round(rate / g) * g;
    }

    /** {@code rate} rounded up to the grain around it. */
    double ceilToGrain(double rate) {
        double g = grain(rate);
        return Math.ceil(rate / g) * g;
    }

    /**
     * The original's bisection on the grain: the midpoint rounded down to the grain; if that is not above
     * {@code low}, the first grain multiple above it; if that is not below {@code high}, the last below it.
     * Returns NaN when the bracket has converged or no grain multiple lies strictly inside it.
     */
    double bisect(double low, double high) {
        if (converged(low, high)) {
            return Double.NaN;
        }
        double g = grain(low);
        double candidate = Math.floor(Math.floor((low + high) / 2) / g) * g;
        if (candidate <= low) {
            candidate = (Math.floor(low / g) + 1) * g;
        }
        if (candidate >= high) {
            candidate = (Math.ceil(high / g) - 1) * g;
        }
        return candidate <= low || candidate >= high ? Double.NaN : candidate;
    }
}
