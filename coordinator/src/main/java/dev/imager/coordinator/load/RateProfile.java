package dev.imager.coordinator.load;

/**
 * A fixed profile that starts at min and moves to its next rate once per round sent, capped at max: what
 * {@link StepCalculator} and {@link ExponentialCalculator} share. It advances once per step of its
 * {@link RoundWalk}, not by the round number, exactly as the original advanced once per dispatched round; a
 * round that could not be sent does not count, and the next round gets its rate again.
 */
abstract class RateProfile extends RoundWalk {

    /** The cap; every rate is at most this. */
    protected final long max;
    private long current;

    /**
     * @throws IllegalArgumentException when {@code min < 0} or {@code max < min}; validation reports
     *     these by flag before they get here
     */
    RateProfile(long min, long max) {
        if (min < 0) {
            throw new IllegalArgumentException("min rate must be >= 0, got " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException("max rate must be >= min (" + min + "), got " + max);
        }
        this.max = max;
        this.current = min;
    }

    /** The rate after {@code rate}, at most {@link #max}; must not overflow. */
    abstract long following(long rate);

    @Override
    final double step() {
        long rate = current;
        current = following(current);
        return rate;
    }
}
