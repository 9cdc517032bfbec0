package dev.imager.coordinator.schedule;

/**
 * Turns per-round rates into whole request counts without losing fractions: the count of round r is
 * {@code floor(cum(r+1)) - floor(cum(r))}, where {@code cum} is the integral of the rate over the rounds so
 * far. So 2.5 rps in 1 s rounds plans 2, 3, 2, 3, ... and 3 rps in 500 ms rounds plans 1, 2, 1, 2: every run's
 * total is the exact integral, never drifting.
 *
 * <p>The integral is kept in micro-requests (10⁻⁶ of a request) as a {@code long}: exact integer arithmetic,
 * with at most half a micro-request of rounding per round.
 */
public final class RateIntegrator {

    private static final long MICRO = 1_000_000L;

    private final long intervalMicros;
    private long cumulativeMicroRequests;

    /** @param intervalNanos length of a round */
    public RateIntegrator(long intervalNanos) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("round interval must be > 0");
        }
        this.intervalMicros = intervalNanos / 1_000;
    }

    /** The number of requests of the next round, planned at {@code ratePerSecond}. */
    public long next(double ratePerSecond) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number >= 0, got " + ratePerSecond);
        }
        // rate [req/s] × interval [µs] = micro-requests
        long add = Math.round(ratePerSecond * intervalMicros);
        long before = cumulativeMicroRequests / MICRO;
        cumulativeMicroRequests = Math.addExact(cumulativeMicroRequests, add);
        return cumulativeMicroRequests / MICRO - before;
    }

    /** Requests planned so far (the integral's whole part). */
    public long plannedSoFar() {
        return cumulativeMicroRequests / MICRO;
    }
}
